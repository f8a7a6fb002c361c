// A small LSP client over a child process's stdio (Content-Length framing), used to smoke-test the
// language server exactly as it ships inside the .vsix, without any of the project's node_modules.
import { spawn } from 'node:child_process';

export class StdioLspClient {
  constructor(command, args, options = {}) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...options });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.exit = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    this.proc.stdout.on('data', (d) => this.#onData(d));
    this.exit.then(({ code, signal }) => {
      for (const { reject } of this.pending.values()) reject(new Error(`server exited (${code ?? signal}) before answering; stderr:\n${this.stderr}`));
      this.pending.clear();
    });
  }

  #onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`malformed LSP header: ${header}`);
      const len = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + len) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + len);
      this.#dispatch(JSON.parse(body));
    }
  }

  #dispatch(msg) {
    if ('id' in msg && !('method' in msg)) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    if ('id' in msg && 'method' in msg) {
      // Server-to-client requests (configuration, registerCapability, ...): answer neutrally.
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => null) : null;
      this.#send({ jsonrpc: '2.0', id: msg.id, result });
    }
    for (const l of this.listeners) l(msg);
  }

  #send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params, timeoutMs = 15_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(id); reject(new Error(`${method}: no answer within ${timeoutMs} ms; stderr:\n${this.stderr}`)); }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification of `method` that satisfies `predicate`. */
  waitForNotification(method, predicate = () => true, timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      const listener = (msg) => {
        if (msg.method === method && !('id' in msg) && predicate(msg.params)) { done(); resolve(msg.params); }
      };
      const timer = setTimeout(() => { done(); reject(new Error(`no ${method} within ${timeoutMs} ms; stderr:\n${this.stderr}`)); }, timeoutMs);
      const done = () => { clearTimeout(timer); this.listeners.delete(listener); };
      this.listeners.add(listener);
    });
  }

  kill() {
    try { process.kill(-this.proc.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}
