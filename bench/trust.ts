// Trust model (issue 17) timing: trustModel(model) on every example and on a generated
// 200-component spec, against analyze() of the same text in the same run. Targets (issue 21):
// ≤ 5 ms on a typical spec (the examples' median), ≤ 100 ms at 200 components. The module is
// loaded only when it exists (server/src/engine/trust/index.ts): until then the row says
// "pending" and counts as neither met nor missed. trustModel memoises per model object: every
// timed call gets a model of its own (structured clones made before timing), so each call
// computes the model in full.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { analyze, type SpecModel } from '../server/src/engine/index.js';
import { generateComponentsSpec, generateSpecWithComponents } from './generate.js';
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
  /** Proof of work: coalitions listed (file-wide and per peg, every failure) on the 200-component spec. */
  at200Coalitions?: number;
  met?: boolean;
  markdown: string;
}

type Coalitions = Record<string, { minEntities: number | null; coalitions: unknown[] }>;
type TrustModelFn = (model: SpecModel) => { coalitions: Coalitions; pegs: { coalitions: Coalitions }[] };

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
  /** Median ms of trustModel on fresh copies of `model` (the memo never answers). */
  const timeFresh = (model: SpecModel, n: number): number => {
    const copies = Array.from({ length: n + 1 }, () => structuredClone(model));
    trustModel(copies[n]!); // warm-up (JIT)
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      // Per-peg coalitions are solved on first read: read them all, so the row times the full model.
      for (const p of trustModel(copies[i]!).pegs) void p.coalitions;
      out.push(performance.now() - t);
    }
    return median(out);
  };
  const per: number[] = [];
  const perAnalyze: number[] = [];
  for (const text of examples) {
    const model = analyze(text).model;
    if (!model) continue;
    per.push(timeFresh(model, runs));
    perAnalyze.push(medianMs(() => analyze(text), runs));
  }
  // The render bench's 200 components (4 pegs), and 200 components with 226 pegs (every peg its own coalitions).
  const bigs = [['generated, 200 components', generateComponentsSpec(200)], ['generated, 200 components + 226 pegs', generateSpecWithComponents(200)]] as const;
  const count = (c: Coalitions) => Object.values(c).reduce((n, f) => n + f.coalitions.length, 0);
  const at200 = bigs.map(([name, text]) => {
    const model = analyze(text).model!;
    const result = trustModel(structuredClone(model));
    const coalitions = count(result.coalitions) + result.pegs.reduce((n, p) => n + count(p.coalitions), 0);
    if (coalitions === 0) throw new Error(`bench: the trust model found no coalition on "${name}" (it did not do the work)`);
    return { name, ms: timeFresh(model, runs), analyzeMs: medianMs(() => analyze(text), Math.max(3, Math.floor(runs / 3))), coalitions };
  });
  const at200Ms = Math.max(...at200.map((r) => r.ms));
  const at200AnalyzeMs = at200[0]!.analyzeMs;
  const coalitions = at200[0]!.coalitions;
  const typicalMs = median(per);
  const met = typicalMs <= TRUST_TYPICAL_TARGET_MS && at200Ms <= TRUST_200_TARGET_MS;
  const f2 = (x: number) => x.toFixed(2);
  return {
    available: true, typicalMs, typicalAnalyzeMs: median(perAnalyze), at200Ms, at200AnalyzeMs, at200Coalitions: coalitions, met,
    markdown: [...head,
      '| spec | trustModel ms | analyze ms | coalitions found | target |',
      '|---|---:|---:|---:|---|',
      `| examples (median of ${per.length}) | **${f2(typicalMs)}** | ${f2(median(perAnalyze))} | | ≤ ${TRUST_TYPICAL_TARGET_MS} ms ${typicalMs <= TRUST_TYPICAL_TARGET_MS ? '✅' : '❌'} |`,
      ...at200.map((r) => `| ${r.name} | **${f2(r.ms)}** | ${f2(r.analyzeMs)} | ${r.coalitions} | ≤ ${TRUST_200_TARGET_MS} ms ${r.ms <= TRUST_200_TARGET_MS ? '✅' : '❌'} |`),
    ].join('\n'),
  };
}

if (require.main === module) console.log(benchTrust().markdown);
