// Guards the stdio transport's framing. vscode-jsonrpc's reader, given a frame with a missing or
// non-numeric Content-Length, reports an error nobody listens to and stops reading; a negative
// length desynchronises it. Either way the server stays alive but deaf, and the client never
// restarts it. This transform sits between stdin and the reader, checks every header block, and
// passes the bytes through unchanged; on a malformed frame it calls `onBroken`, which logs and
// exits so the client (VS Code restarts a crashed server) starts a fresh one.
import { Transform, type TransformCallback } from 'node:stream';

/** Largest header block accepted; real ones are under 100 bytes. */
const MAX_HEADER_BYTES = 8192;
/** Largest message body accepted (a spec is at most 100 MiB of UTF-16, so its UTF-8 JSON stays below this). */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Why a header block is not a valid LSP frame header, or undefined when it is (then `length` is set). */
export function checkHeader(header: string): { length: number } | { error: string } {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `header line ${JSON.stringify(line.slice(0, 80))} is not "Name: value"` };
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value)) return { error: `Content-Length ${JSON.stringify(value.slice(0, 40))} is not a non-negative integer` };
    length = Number(value);
    if (length > MAX_BODY_BYTES) return { error: `Content-Length ${length} is larger than any message the server accepts` };
  }
  if (length === undefined) return { error: 'the frame has no Content-Length header' };
  return { length };
}

export class FrameGuard extends Transform {
  private header = Buffer.alloc(0);
  /** Body bytes still to pass through before the next header; -1 while reading a header. */
  private remaining = -1;
  private broken = false;

  constructor(private readonly onBroken: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0 && !this.broken) {
      if (this.remaining >= 0) {
        const take = Math.min(this.remaining, data.length);
        this.push(data.subarray(0, take));
        this.remaining -= take;
        data = data.subarray(take);
        if (this.remaining === 0) this.remaining = -1;
        continue;
      }
      this.header = Buffer.concat([this.header, data]);
      data = Buffer.alloc(0);
      const end = this.header.indexOf(CRLFCRLF);
      if (end < 0) {
        if (this.header.length > MAX_HEADER_BYTES) this.fail('the header block never ends');
        break;
      }
      const checked = checkHeader(this.header.subarray(0, end).toString('ascii'));
      if ('error' in checked) {
        this.fail(checked.error);
        break;
      }
      this.push(this.header.subarray(0, end + 4));
      data = this.header.subarray(end + 4);
      this.header = Buffer.alloc(0);
      this.remaining = checked.length;
      if (this.remaining === 0) this.remaining = -1;
    }
    done();
  }

  private fail(reason: string): void {
    this.broken = true;
    this.onBroken(reason);
  }
}
