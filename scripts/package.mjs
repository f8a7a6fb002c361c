#!/usr/bin/env node
// Builds the production bundles and packs them into a self-contained dist/l2spec.vsix with @vscode/vsce.
// Everything the extension runs is bundled by esbuild, so the package carries no node_modules
// (--no-dependencies) and .vscodeignore lists exactly what ships. Fails if the result reaches 2 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const vsixPath = join(root, 'dist', 'l2spec.vsix');
const MAX_BYTES = 2 * 1024 * 1024;

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? r.signal})`);
}

export function packageExtension({ skipBuild = false } = {}) {
  const started = Date.now();
  if (!skipBuild) run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], 'production build');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entry = manifest.main ? join(root, manifest.main) : null;
  if (entry && !existsSync(entry)) throw new Error(`package.json main (${manifest.main}) was not built`);

  mkdirSync(dirname(vsixPath), { recursive: true });
  rmSync(vsixPath, { force: true });
  const vsce = join(dirname(createRequire(join(root, 'package.json')).resolve('@vscode/vsce/package.json')), 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--out', vsixPath, '--no-rewrite-relative-links'];
  // vsce would otherwise stop at an interactive prompt; these are reported as warnings instead.
  if (!manifest.repository) args.push('--allow-missing-repository');
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))) args.push('--skip-license');
  run(process.execPath, args, 'vsce package');

  const size = statSync(vsixPath).size;
  if (size >= MAX_BYTES) throw new Error(`${relative(root, vsixPath)} is ${(size / 1024).toFixed(0)} KiB; the limit is 2 MiB (check .vscodeignore)`);
  console.log(`[package] ${relative(root, vsixPath)}: ${(size / 1024).toFixed(0)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return vsixPath;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    packageExtension({ skipBuild: process.argv.includes('--skip-build') });
  } catch (err) {
    console.error(`[package] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
