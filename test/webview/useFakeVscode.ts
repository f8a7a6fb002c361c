// Routes `import 'vscode'` to the in-process fake (fakeVscode.ts) for the client modules under
// test, once per process, and returns the fake. Import it before the module under test is required.
import Module from 'node:module';
import { join } from 'node:path';
import type * as FakeApi from './fakeVscode.js';

const fakePath = join(__dirname, 'fakeVscode.ts');
const mod = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string; l2specFakeVscode?: boolean };
if (!mod.l2specFakeVscode) {
  const resolve = mod._resolveFilename;
  mod._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakePath : resolve.call(this, request, ...rest);
  };
  mod.l2specFakeVscode = true;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const vscode = require('./fakeVscode.ts') as typeof FakeApi;
