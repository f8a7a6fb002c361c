import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The checked-in tree itself: no file is left half-merged (a README once shipped with both sides of a conflict).
const ROOT = join(__dirname, '..', '..');

describe('repository', () => {
  it('no tracked text file holds merge-conflict markers', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => /\.(ts|mjs|js|json|md|yaml|yml|css|html)$/.test(f));
    assert.ok(files.length > 100);
    const marked = files.filter((f) => {
      try { return /^(<<<<<<<|>>>>>>>) /m.test(readFileSync(join(ROOT, f), 'utf8')); } catch { return false; }
    });
    assert.deepEqual(marked, []);
  });
});
