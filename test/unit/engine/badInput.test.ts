import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/index.js';
import { federated, inside, only } from './helpers.js';

// Hostile and broken inputs: each gets a clear finding with a position, and the engine returns
// (the mocha timeout bounds the time; speed itself is measured in bench/).
describe('engine: bad input', () => {
  it('reports every YAML syntax error with its position and still analyses what it can', () => {
    const text = federated().replace('  family: sidechain', '  family: [sidechain').replace('delay: 2d', 'delay: "2d');
    const result = analyze(text);
    const syntax = only(result, 'L2S-FMT-001');
    assert.ok(syntax.length >= 2, `expected at least two syntax errors, got ${syntax.length}`);
    for (const f of syntax) assert.ok(inside(text, f.range));
    assert.ok(result.model, 'the part that parses is still analysed');
    assert.equal(result.model?.components.length, 2);
  });

  it('reports an empty file', () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const [f] = only(analyze(text), 'L2S-FMT-008');
      assert.ok(f, JSON.stringify(text));
      assert.match(f.message, /empty/);
    }
  });

  it('reports a top level that is not a mapping', () => {
    const [f] = only(analyze('- a\n- b\n'), 'L2S-FMT-008');
    assert.match(f!.message, /mapping/);
  });

  it('analyses the first of several documents and flags the others', () => {
    const text = `${federated()}---\nl2spec: 1\n`;
    const result = analyze(text);
    const [f] = only(result, 'L2S-FMT-008');
    assert.ok(f);
    assert.match(f.message, /second YAML document/);
    assert.equal(f.range.start.line, federated().split('\n').length - 1);
    assert.equal(result.system, 'Test Federation');
  });

  it('refuses an alias bomb without expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const [f] = only(analyze(levels.join('\n')), 'L2S-FMT-008');
    assert.match(f!.message, /aliases/);
  });

  it('survives very deep nesting', () => {
    const deepFlow = `l2spec: 1\nsystem: ${'['.repeat(50000)}${']'.repeat(50000)}\n`;
    const result = analyze(deepFlow);
    assert.ok(result.findings.length > 0);
    let block = 'l2spec: 1\nsystem:\n';
    for (let i = 0; i < 200; i++) block += `${'  '.repeat(i + 1)}k${i}:\n`;
    const nested = analyze(block);
    assert.ok(only(nested, 'L2S-FMT-008').some((f) => /Nesting/.test(f.message)));
  });

  it('refuses a 10 MB file with a clear message', () => {
    const big = `l2spec: 1\nsystem:\n  name: big\n  description: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
    const [f] = only(analyze(big), 'L2S-FMT-008');
    assert.match(f!.message, /MiB limit/);
  });

  it('reports wrong types and unknown keys precisely', () => {
    const text = federated().replace('operators: 7', 'operators: seven').replace('    hsm: true', '    hsm: true\n    colour: blue');
    const result = analyze(text);
    const types = only(result, 'L2S-FMT-002');
    assert.ok(types.some((f) => f.path === 'components.0.operators' && /must be (an integer|a number)/.test(f.message)), JSON.stringify(types.map((f) => f.message)));
    assert.ok(only(result, 'L2S-FMT-003').some((f) => f.path === 'components.0.colour'));
  });

  it('accepts both forms of a signer set reference without noise', () => {
    const inline = federated().replace('      signers: recovery\n', '      signers:\n        operators: 3\n        threshold: 2-of-3\n');
    assert.deepEqual(analyze(inline).findings.filter((f) => f.ruleId.startsWith('L2S-FMT')), []);
    const wrong = federated().replace('    signers: fed\n', '    signers: 42\n');
    const problems = only(analyze(wrong), 'L2S-FMT-002');
    assert.equal(problems.length, 1, JSON.stringify(problems.map((f) => f.message)));
  });
});
