// Entry of the l2spec language server (bundled to dist/server.js). The transport comes from argv:
// --stdio, --node-ipc or --socket=<port>, as `createConnection` reads it. The same bundle also
// runs as the review-snapshot and analysis worker threads (see reviewWorker.ts, analysisPool.ts).
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { ANALYSIS_WORKER_FLAG, runAnalysisWorker } from './analysisPool.js';
import { FrameGuard } from './frames.js';
import { runReviewWorker, WORKER_FLAG } from './reviewWorker.js';
import { startServer } from './server.js';

const flags = (workerData as Record<string, unknown> | undefined) ?? {};
if (!isMainThread && flags[WORKER_FLAG]) {
  runReviewWorker();
} else if (!isMainThread && flags[ANALYSIS_WORKER_FLAG]) {
  runAnalysisWorker(flags);
} else {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // A stray exception must not kill the server mid-session: log it and carry on.
  process.on('uncaughtException', (error) => connection.console.error(`l2spec: uncaught ${error?.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`l2spec: unhandled rejection ${String(reason)}`));
  startServer(connection);
}

/**
 * The stdio connection, with every frame header checked (frames.ts): a malformed frame means the
 * stream is out of step for good, so the server logs it on stderr and exits with code 1, and the
 * client restarts it instead of talking to a deaf server.
 */
function stdioConnection(): Connection {
  const guarded = process.stdin.pipe(new FrameGuard((reason) => {
    process.stderr.write(`l2spec-language-server: malformed JSON-RPC frame from the client (${reason}); exiting so the client restarts the server.\n`);
    process.exit(1);
  }));
  process.stdin.on('end', () => guarded.end());
  // Passing streams makes createConnection skip its own stdio set-up, which also routes console
  // output away from stdout (where it would corrupt the protocol): do that here.
  for (const name of ['log', 'info', 'debug'] as const) console[name] = (...args: unknown[]) => console.error(...args);
  return createConnection(ProposedFeatures.all, guarded, process.stdout) as unknown as Connection;
}
