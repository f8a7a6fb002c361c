// Entry of the l2spec language server (bundled to dist/server.js). The transport comes from argv:
// --stdio, --node-ipc or --socket=<port>, as `createConnection` reads it. The same bundle also
// runs as the review-snapshot and analysis worker threads (see reviewWorker.ts, analysisPool.ts).
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures, type Connection, type MessageWriter } from 'vscode-languageserver/node';
import { ANALYSIS_WORKER_FLAG, runAnalysisWorker } from './analysisPool.js';
import { FrameGuard } from './frames.js';
import { runReviewWorker, WORKER_FLAG } from './reviewWorker.js';
import { startServer } from './server.js';
import { FramedStreamWriter, type RawMessageWriter } from './transport.js';

const flags = (workerData as Record<string, unknown> | undefined) ?? {};
if (!isMainThread && flags[WORKER_FLAG]) {
  runReviewWorker();
} else if (!isMainThread && flags[ANALYSIS_WORKER_FLAG]) {
  runAnalysisWorker(flags);
} else {
  const { connection, raw } = process.argv.includes('--stdio') ? stdioConnection() : { connection: createConnection(ProposedFeatures.all), raw: undefined };
  // A stray exception must not kill the server mid-session: log it and carry on.
  process.on('uncaughtException', (error) => connection.console.error(`l2spec: uncaught ${error?.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`l2spec: unhandled rejection ${String(reason)}`));
  startServer(connection, { raw });
}

/**
 * The stdio connection, with every frame header checked (frames.ts): a malformed frame means the
 * stream is out of step for good, so the server logs it on stderr and exits with code 1, and the
 * client restarts it instead of talking to a deaf server.
 */
function stdioConnection(): { connection: Connection; raw: RawMessageWriter } {
  const guarded = process.stdin.pipe(new FrameGuard((reason) => {
    process.stderr.write(`l2spec-language-server: malformed JSON-RPC frame from the client (${reason}); exiting so the client restarts the server.\n`);
    process.exit(1);
  }));
  process.stdin.on('end', () => guarded.end());
  // Passing streams makes createConnection skip its own stdio set-up, which also routes console
  // output away from stdout (where it would corrupt the protocol): do that here.
  for (const name of ['log', 'info', 'debug'] as const) console[name] = (...args: unknown[]) => console.error(...args);
  // Our writer (transport.ts) frames messages as vscode-jsonrpc's does, and also writes the
  // diagnostics notifications that the analysis worker serialised.
  const raw = new FramedStreamWriter(process.stdout);
  // The input stays a stream, so that createConnection exits the process when the client closes
  // it. At run time each side may be a stream or a reader/writer (vscode-jsonrpc's
  // createMessageConnection wraps streams); the declared overloads only pair like with like.
  const create = createConnection as unknown as (features: typeof ProposedFeatures.all, input: NodeJS.ReadableStream, output: MessageWriter) => Connection;
  return { connection: create(ProposedFeatures.all, guarded, raw), raw };
}
