// The plan search's analyzer (fragments at any size, earlier variants' fragments kept): its results
// are those of a fresh analyze() of the same text, whatever it re-analysed before.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, createAnalyzer, PLAN_ANALYZER, type AnalysisResult } from '../../../server/src/engine/index.js';
import { generateComponentsSpec } from '../../../bench/generate.js';

const plain = (r: AnalysisResult) => ({ findings: r.findings, assessment: r.assessment, model: r.model, entries: r.source?.entries() });

describe('analyzer tuning for the plan search (PLAN_ANALYZER)', () => {
  for (const [name, text] of [['liquid example', readFileSync(join(__dirname, '..', '..', '..', 'examples', 'liquid.l2spec.yaml'), 'utf8')], ['generated 40 components', generateComponentsSpec(40)]] as const) {
    it(`${name}: variants re-analysed in any order give what analyze() gives`, () => {
      const lines = text.split('\n');
      const variants = [text];
      for (let i = 0; i < lines.length && variants.length < 12; i += Math.max(1, Math.floor(lines.length / 11))) {
        const changed = [...lines];
        changed[i] = /: \d+$/.test(changed[i]!) ? changed[i]!.replace(/\d+$/, '9') : `${changed[i]} # edited`;
        variants.push(changed.join('\n'));
      }
      const analyzer = createAnalyzer(PLAN_ANALYZER);
      for (const v of [...variants, ...[...variants].reverse(), variants[3]!, variants[0]!]) assert.deepEqual(plain(analyzer.analyze(v)), plain(analyze(v)));
    });
  }
});
