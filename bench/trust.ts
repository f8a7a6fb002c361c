// Trust model (issue 17) timing: trustModel(model) on every example and on a generated
// 200-component spec, against analyze() of the same text in the same run. Targets (issue 21):
// ≤ 5 ms on a typical spec (the examples' median), ≤ 100 ms at 200 components. The module is
// loaded only when it exists (server/src/engine/trust/index.ts): until then the row says
// "pending" and counts as neither met nor missed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type SpecModel } from '../server/src/engine/index.js';
import { generateComponentsSpec } from './generate.js';
import { median, medianMs } from './stats.js';

export const TRUST_TYPICAL_TARGET_MS = 5;
export const TRUST_200_TARGET_MS = 100;
const MODULE = join(__dirname, '..', 'server', 'src', 'engine', 'trust', 'index.ts');

export interface TrustFigure {
  /** False when the trust module is not there yet. */
  available: boolean;
  typicalMs?: number;
  typicalAnalyzeMs?: number;
  at200Ms?: number;
  at200AnalyzeMs?: number;
  /** Proof of work: minimal coalitions found (sum of failures' coalitions) on the 200-component spec. */
  at200Coalitions?: number;
  met?: boolean;
  markdown: string;
}

type TrustModelFn = (model: SpecModel) => { failures: Record<string, { minEntities: number | null; coalitions: unknown[] }> };

export function benchTrust(runs = 15): TrustFigure {
  const head = [
    '## Trust model',
    '',
    '`trustModel(model)` (issue 17: parties, threshold gates, minimal coalitions for steal / freeze / censor / halt) on the',
    'models of the examples and of a generated 200-component spec; baseline: `analyze()` of the same text in the same run.',
    `Targets (issue 21): ≤ ${TRUST_TYPICAL_TARGET_MS} ms on a typical spec (median over the examples), ≤ ${TRUST_200_TARGET_MS} ms at 200 components.`,
    '',
  ];
  if (!existsSync(MODULE)) {
    return { available: false, markdown: [...head, `**Pending**: \`server/src/engine/trust/index.ts\` is not on this branch yet, so nothing was measured (neither met nor missed).`].join('\n') };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const trustModel = (require(MODULE) as { trustModel: TrustModelFn }).trustModel;
  const dir = join(__dirname, '..', 'examples');
  const examples = readdirSync(dir).filter((f) => f.endsWith('.l2spec.yaml')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const per: number[] = [];
  const perAnalyze: number[] = [];
  for (const text of examples) {
    const model = analyze(text).model;
    if (!model) continue;
    trustModel(model);
    per.push(medianMs(() => trustModel(model), runs));
    perAnalyze.push(medianMs(() => analyze(text), runs));
  }
  const big = generateComponentsSpec(200);
  const bigModel = analyze(big).model!;
  const result = trustModel(bigModel);
  const coalitions = Object.values(result.failures).reduce((n, f) => n + f.coalitions.length, 0);
  const at200Ms = medianMs(() => trustModel(bigModel), runs);
  const at200AnalyzeMs = medianMs(() => analyze(big), Math.max(3, Math.floor(runs / 3)));
  const typicalMs = median(per);
  const met = typicalMs <= TRUST_TYPICAL_TARGET_MS && at200Ms <= TRUST_200_TARGET_MS;
  const f2 = (x: number) => x.toFixed(2);
  return {
    available: true, typicalMs, typicalAnalyzeMs: median(perAnalyze), at200Ms, at200AnalyzeMs, at200Coalitions: coalitions, met,
    markdown: [...head,
      '| spec | trustModel ms | analyze ms | coalitions found | target |',
      '|---|---:|---:|---:|---|',
      `| examples (median of ${per.length}) | **${f2(typicalMs)}** | ${f2(median(perAnalyze))} | | ≤ ${TRUST_TYPICAL_TARGET_MS} ms ${typicalMs <= TRUST_TYPICAL_TARGET_MS ? '✅' : '❌'} |`,
      `| generated, 200 components | **${f2(at200Ms)}** | ${f2(at200AnalyzeMs)} | ${coalitions} | ≤ ${TRUST_200_TARGET_MS} ms ${at200Ms <= TRUST_200_TARGET_MS ? '✅' : '❌'} |`,
    ].join('\n'),
  };
}

if (require.main === module) console.log(benchTrust().markdown);
