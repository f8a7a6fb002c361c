// Entry of the l2spec language server (bundled to dist/server.js). The transport comes from argv:
// --stdio, --node-ipc or --socket=<port>, as `createConnection` reads it. The same bundle also
// runs as the review-snapshot worker thread (see reviewWorker.ts).
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runReviewWorker, WORKER_FLAG } from './reviewWorker.js';
import { startServer } from './server.js';

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]) {
  runReviewWorker();
} else {
  const connection = createConnection(ProposedFeatures.all);
  // A stray exception must not kill the server mid-session: log it and carry on.
  process.on('uncaughtException', (error) => connection.console.error(`l2spec: uncaught ${error?.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`l2spec: unhandled rejection ${String(reason)}`));
  startServer(connection);
}
