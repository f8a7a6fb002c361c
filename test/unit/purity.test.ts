import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The build runs this guard over the engine and the renderer; here we check the guard itself.
describe('engine purity guard', () => {
  const load = () => import('../../scripts/purity.mjs');

  it('accepts the engine and the renderer as they are', async () => {
    const { checkPurity } = await load();
    await checkPurity([join(__dirname, '../../server/src/engine/index.ts')]);
  });

  for (const forbidden of ['node:fs', 'path', 'vscode', 'vscode-languageserver/node']) {
    it(`rejects a module that imports ${forbidden}`, async () => {
      const { checkPurity } = await load();
      const dir = mkdtempSync(join(tmpdir(), 'purity-'));
      const entry = join(dir, 'bad.ts');
      writeFileSync(entry, `import * as m from '${forbidden}';\nexport const x = m;\n`);
      await assert.rejects(checkPurity([entry]), new RegExp(`imports "${forbidden.replace('/', '\\/')}"`));
    });
  }
});
