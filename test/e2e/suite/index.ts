// Entry point loaded by VS Code's extension host (extensionTestsPath). It is bundled with mocha by
// test/e2e/host.mjs into out/e2e-suite/index.js, so the tests are required from inside the bundle
// after mocha has installed its BDD globals.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 60_000,
    // Set L2SPEC_E2E_GREP to run a subset while working on one feature.
    grep: process.env.L2SPEC_E2E_GREP || undefined,
  });
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'l2spec-e2e', mocha);
  require('./extension.test');
  require('./oneOwner.test');
  require('./review.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
