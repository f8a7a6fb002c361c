// Standard output of the CLI. To a pipe, a socket or a file (CI logs, `| head`, scripts) the text is
// written with fs.writeSync: creating process.stdout for a pipe loads net and the stream modules,
// ~2.4 ms of a cold start (issue 21). A terminal, and Windows, keep Node's stream.
import { fstatSync, writeSync } from 'node:fs';
import { writeErr } from './ciSafe.js';
import { terminalSafe } from './escape.js';

let direct: boolean | undefined;
/** The reader closed the pipe: the rest of the output goes nowhere. */
let closed = false;
let stream: NodeJS.WriteStream | undefined;

function isDirect(): boolean {
  if (direct === undefined) {
    try {
      const stat = fstatSync(1);
      direct = process.platform !== 'win32' && (stat.isFIFO() || stat.isFile() || stat.isSocket());
    } catch {
      direct = false;
    }
  }
  return direct;
}

function cannotWrite(error: NodeJS.ErrnoException): never {
  writeErr(`l2spec: cannot write the output: ${error.code ?? terminalSafe(error.message)}\n`);
  process.exit(2);
}

/** process.stdout, with the handler that keeps a reader closing the pipe early from being an error. */
function stdoutStream(): NodeJS.WriteStream {
  if (!stream) {
    stream = process.stdout;
    // `l2spec check . | head` closes the pipe early: that is not an error worth a stack trace.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      cannotWrite(error);
    });
  }
  return stream;
}

/** Standard output when it is a terminal (for colour), else undefined; it is not created for a pipe or file. */
export function terminalStdout(): NodeJS.WriteStream | undefined {
  return isDirect() ? undefined : stdoutStream();
}

/**
 * Writes text to standard output. A closed pipe ends the output quietly (the run keeps its exit
 * code); any other write error is reported and exits with 2.
 */
export function writeStdout(text: string): void {
  if (!isDirect()) {
    stdoutStream().write(text);
    return;
  }
  if (closed) return;
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        closed = true;
        return;
      }
      if (code === 'EAGAIN') {
        // A non-blocking descriptor from the parent: Node's stream waits for it.
        direct = false;
        stdoutStream().write(bytes.subarray(at));
        return;
      }
      cannotWrite(error as NodeJS.ErrnoException);
    }
  }
}
