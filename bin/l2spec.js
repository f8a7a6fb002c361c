#!/usr/bin/env node
'use strict';
// Loads the CLI bundle with a V8 code cache beside it (dist/cli.js.cache): compiling the 1.4 MB
// bundle, and the functions a check runs, was a third of the CLI's cold start over `node -e 0`
// (issue 21). The cache is written after a run when it is missing or V8 rejected it (another
// Node.js version, a rebuilt bundle), and only where dist/ is writable; without it the bundle
// is compiled from its text. V8 checks the cache against the source, so a stale one is only slower.
// A run of the CLI is short: most take 0.1 s, and TurboFan's optimised code for a hot function
// arrives after most of the work is done while its compile jobs compete for the CPU (7 of them in
// a check of examples/liquid.l2spec.yaml, ~10 ms of its cold start; issue 21). Four times V8's
// default profiler budget before optimising keeps them out of such runs; a long run (20 specs of
// 240 KB, 2.6 s) still gets them, a few percent later. Set before any code of the bundle runs, and
// the same in every run, since V8 rejects a code cache made under other flags.
require('node:v8').setFlagsFromString('--interrupt-budget=270336');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { isAscii } = require('node:buffer');

const file = path.join(__dirname, '..', 'dist', 'cli.js');
const cacheFile = `${file}.cache`;

// The bundle is ASCII (esbuild escapes the rest): read as Latin-1 it is the same text, without the
// UTF-8 decoder's pass (~3 ms on the 1.9 MB development bundle).
function source(bytes) {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

// The bundle is built as one function expression, `(function (exports, require, module,
// __filename, __dirname) {...})` (scripts/build.mjs), and compiled as it is: wrapping it here
// would copy the 1.4 MB text once more (~0.5 ms).
function load() {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const text = source(fs.readFileSync(file));
  let script;
  try {
    script = new vm.Script(text, { filename: file, cachedData });
  } catch {
    cachedData = undefined;
    script = new vm.Script(text, { filename: file });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { cli: mod.exports, script, stale: cachedData === undefined || script.cachedDataRejected === true };
}

const { cli, script, stale } = load();
if (script && stale && !process.env.L2SPEC_NO_COMPILE_CACHE) {
  // After the run, so the cache holds the functions the run compiled too.
  process.once('exit', () => {
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // Read-only install: run without a cache.
    }
  });
}
process.exitCode = cli.main(process.argv.slice(2));
