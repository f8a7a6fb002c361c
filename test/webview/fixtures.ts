// Hand-built analysis results for the renderer and webview tests: they do not depend on the
// engine's rules, so layout and rendering are tested against known inputs (including hostile
// text). Real examples are covered too, through analyze(), when examples/ exists.
import type { Component, ComponentKind, Peg, SpecModel } from '../../server/src/engine/model.js';
import type { AnalysisResult, Assessment, Finding, Range, Severity } from '../../server/src/engine/types.js';

const KINDS: ComponentKind[] = [
  'sequencer', 'proposer', 'validators', 'federation', 'signer-set', 'da-committee', 'watchtowers', 'prover',
  'challengers', 'security-council', 'operator', 'relayer', 'miners', 'users',
];

/** Components and pegs get their source path when the result is assembled (makeResult). */
const C = (c: Omit<Component, 'path'>): Component => ({ path: '', ...c });
const P = (p: Omit<Peg, 'path'>): Peg => ({ path: '', ...p });

function dur(text: string, seconds: number) {
  return { text, seconds, blocks: Math.round(seconds / 600) };
}

/** Ranges: every path gets its own line, in a stable order, so lookups are testable. */
function rangeTable(paths: string[]): (path: string) => Range | undefined {
  const table = new Map<string, Range>();
  paths.forEach((p, i) => table.set(p, { start: { line: i, character: 2 }, end: { line: i, character: 40 } }));
  return (p) => table.get(p);
}

function collectPaths(model: SpecModel): string[] {
  const paths = ['system', 'system.name', 'l1', 'l1.settlement'];
  if (model.l1.anchoring) paths.push('l1.anchoring');
  model.components.forEach((_, i) => paths.push(`components.${i}`, `components.${i}.id`));
  model.pegs.forEach((p, i) => {
    paths.push(`pegs.${i}`, `pegs.${i}.custody`, `pegs.${i}.signers`, `pegs.${i}.threshold`);
    if (p.emergencyRecovery) paths.push(`pegs.${i}.emergencyRecovery`, `pegs.${i}.emergencyRecovery.signers`);
    if (p.upgrade) paths.push(`pegs.${i}.upgrade`, `pegs.${i}.upgrade.authority`);
  });
  if (model.exits) paths.push('exits', 'exits.mechanism', 'exits.forcedInclusion', 'exits.proposerFallback');
  if (model.dataAvailability) paths.push('dataAvailability', 'dataAvailability.location', 'dataAvailability.committee');
  if (model.stateValidation) paths.push('stateValidation');
  if (model.governance) paths.push('governance', 'governance.securityCouncil');
  if (model.finality) paths.push('finality');
  if (model.transparency) paths.push('transparency');
  return paths;
}

function finding(ruleId: string, severity: Severity, path: string, message: string, rangeOf: (p: string) => Range | undefined): Finding {
  return { ruleId, severity, path, message, axis: 'custody', range: rangeOf(path) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
}

function makeResult(model: SpecModel, assessment: Assessment, findings: (rangeOf: (p: string) => Range | undefined) => Finding[]): AnalysisResult {
  model.components.forEach((c, i) => { c.path = `components.${i}`; });
  model.pegs.forEach((p, i) => { p.path = `pegs.${i}`; });
  model.componentsById = new Map(model.components.map((c) => [c.id, c]));
  const rangeOf = rangeTable(collectPaths(model));
  return { version: '0.1.0-test', system: model.system.name, model, findings: findings(rangeOf), assessment, rangeOf: (p) => rangeOf(p) };
}

const NA = { value: 'not-applicable' as const, reasons: [] };

export function federatedSidechain(): AnalysisResult {
  const fed: Component = C({ id: 'functionaries', kind: 'federation', name: 'Functionaries', operators: 15, threshold: { text: '11-of-15', m: 11, n: 15 }, publiclyKnown: 'partial', hsm: true, external: 15 });
  const em: Component = C({ id: 'emergency', kind: 'signer-set', name: 'Emergency keys', operators: 3, threshold: { text: '2-of-3', m: 2, n: 3 }, publiclyKnown: 'none' });
  const model: SpecModel = {
    formatVersion: 1,
    system: { name: 'Federated sidechain', family: 'sidechain', claims: ['sidechain'], description: 'A federated sidechain modelled on Liquid.' },
    l1: { host: 'bitcoin', settlement: 'anchored' },
    components: [fed, em, C({ id: 'users', kind: 'users', name: 'Users' })],
    componentsById: new Map(),
    pegs: [P({
      id: 'lbtc', asset: 'L-BTC', custody: 'federation-multisig', signers: { ref: 'functionaries', component: fed, path: 'pegs.0.signers' },
      threshold: { text: '11-of-15', m: 11, n: 15 }, pegInConfirmations: 102, withdrawalsPermissioned: true,
      emergencyRecovery: { signers: { ref: 'emergency', component: em, path: 'pegs.0.emergencyRecovery.signers' }, threshold: { text: '2-of-3', m: 2, n: 3 }, timelock: dur('4032 blocks', 4032 * 600) },
      upgrade: { authority: { ref: 'functionaries', component: fed, path: 'pegs.0.upgrade.authority' } },
    })],
    exits: { unilateral: false, mechanism: 'federation-peg-out' },
    dataAvailability: { location: 'alt-consensus', nodeOpenSource: true, permissionedAccess: true },
    finality: { source: 'federation' },
  };
  const assessment: Assessment = {
    tier: { value: 'weak', reasons: [{ text: 'The peg is held by a federation with undisclosed members.', path: 'pegs.0.signers', ruleId: 'L2S-CUST-002' }] },
    stage: NA,
    ratings: {
      custody: { value: 'very-high', reasons: [{ text: 'Signers are not all publicly known.' }] },
      dataAvailability: { value: 'under-review', reasons: [] },
      operators: { value: 'very-high', reasons: [{ text: 'Functionaries are partly undisclosed.' }] },
      finality: { value: 'high', reasons: [{ text: 'A federation finalises blocks.' }] },
      exitWindow: NA, stateValidation: { value: 'bad', reasons: [] }, sequencerFailure: NA, proposerFailure: NA,
    },
  };
  return makeResult(model, assessment, (r) => [
    finding('L2S-CUST-002', 'critical', 'pegs.0.signers', 'Funds can be stolen if the undisclosed signers collude.', r),
    finding('L2S-EXIT-001', 'high', 'exits.mechanism', 'Funds can be frozen if the federation refuses peg-outs.', r),
    finding('L2S-DA-004', 'medium', 'dataAvailability', 'Data is only reachable through federation nodes.', r),
    { ...finding('L2S-GOV-009', 'low', 'system', 'Advice.', r), suppressed: { kind: 'line', justification: 'accepted' } },
  ]);
}

export function paymentChannels(): AnalysisResult {
  const model: SpecModel = {
    formatVersion: 1,
    system: { name: 'Payment channel network', family: 'payment-channel', claims: ['l2'] },
    l1: { host: 'bitcoin', settlement: 'direct' },
    components: [C({ id: 'users', kind: 'users', name: 'Channel peers' }), C({ id: 'towers', kind: 'watchtowers', name: 'Watchtowers', permissionless: true })],
    componentsById: new Map(),
    pegs: [P({ id: 'channel', asset: 'BTC', custody: 'unilateral', emergencyRecovery: 'none', upgrade: { authority: 'none' } })],
    exits: { unilateral: true, mechanism: 'force-close', delay: dur('144 blocks', 86400), watchtowers: { required: true, permissionless: true } },
    dataAvailability: { location: 'self-hosted', backup: true },
    finality: { source: 'user-held' },
  };
  const low = { value: 'low' as const, reasons: [{ text: 'Users can force-close on L1.' }] };
  const assessment: Assessment = {
    tier: { value: 'strong', reasons: [{ text: 'Bitcoin script enforces every channel balance.', path: 'pegs.0.custody' }] },
    stage: NA,
    ratings: { custody: low, dataAvailability: low, operators: low, finality: low, exitWindow: { value: 'good', reasons: [] }, stateValidation: { value: 'good', reasons: [] }, sequencerFailure: { value: 'good', reasons: [] }, proposerFailure: { value: 'good', reasons: [] } },
  };
  return makeResult(model, assessment, (r) => [finding('L2S-EXIT-004', 'info', 'exits', 'Keep a watchtower online.', r)]);
}

export function rollup(): AnalysisResult {
  const seq: Component = C({ id: 'seq', kind: 'sequencer', name: 'Sequencer', operators: 1, publiclyKnown: 'all' });
  const council: Component = C({ id: 'council', kind: 'security-council', name: 'Security Council', operators: 9, threshold: { text: '7-of-9', m: 7, n: 9 }, external: 5, publiclyKnown: 'all' });
  const signers: Component = C({ id: 'bridge-signers', kind: 'signer-set', name: 'Bridge operators', operators: 20, external: 12, publiclyKnown: 'all' });
  const challengers: Component = C({ id: 'challengers', kind: 'challengers', name: 'Challengers', operators: 4, permissionless: false });
  const dac: Component = C({ id: 'dac', kind: 'da-committee', name: 'DA committee', operators: 7, threshold: { text: '5-of-7', m: 5, n: 7 } });
  const model: SpecModel = {
    formatVersion: 1,
    system: { name: 'Validity rollup', family: 'bitvm-rollup', claims: ['rollup', 'zk-rollup'] },
    l1: { host: 'bitcoin', settlement: 'direct', anchoring: { what: ['validity-proofs', 'state-diffs'], interval: dur('1h', 3600), bridgeFinalizesOnAnchor: true } },
    components: [seq, C({ id: 'prover', kind: 'prover', name: 'Prover' }), challengers, signers, council, dac, C({ id: 'users', kind: 'users' })],
    componentsById: new Map(),
    pegs: [P({
      id: 'bridge', asset: 'cBTC', custody: 'bitvm', signers: { ref: 'bridge-signers', component: signers, path: 'pegs.0.signers' }, depositSizeBtc: 10,
      emergencyRecovery: 'none', upgrade: { authority: { ref: 'council', component: council, path: 'pegs.0.upgrade.authority' }, delay: dur('7d', 604800) },
    })],
    exits: { unilateral: false, mechanism: 'bitvm-payout', delay: dur('14d', 1209600), forcedInclusion: { mode: 'force-via-l1', maxDelay: dur('1d', 86400) }, proposerFallback: 'self-propose' },
    dataAvailability: { location: 'bitcoin', committee: { ref: 'dac', component: dac, path: 'dataAvailability.committee' } },
    stateValidation: { mechanism: 'validity-proofs', proofSystem: 'stark', challengers: { ref: 'challengers', component: challengers, path: 'stateValidation.challengers' } },
    finality: { source: 'bitcoin' },
    governance: { upgradeable: true, upgradeDelay: dur('7d', 604800), securityCouncil: { ref: 'council', component: council, path: 'governance.securityCouncil' }, councilScope: 'emergency-only' },
    transparency: { nodeSource: 'open', contractsVerified: true },
  };
  const assessment: Assessment = {
    tier: { value: 'moderate', reasons: [{ text: 'The challenger set is permissioned.', path: 'stateValidation.challengers', ruleId: 'L2S-VAL-003' }, { text: 'The council can upgrade the bridge after 7 days.', path: 'pegs.0.upgrade' }] },
    stage: { value: 'stage-0', reasons: [{ text: 'Fewer than five external challengers.' }] },
    ratings: {
      custody: { value: 'medium', reasons: [{ text: '1-of-N honest operator.' }] }, dataAvailability: { value: 'low', reasons: [] },
      operators: { value: 'high', reasons: [] }, finality: { value: 'low', reasons: [] },
      exitWindow: { value: 'bad', reasons: [{ text: 'Upgrade delay minus exit time is under 7 days.' }] }, stateValidation: { value: 'warning', reasons: [] },
      sequencerFailure: { value: 'good', reasons: [] }, proposerFailure: { value: 'good', reasons: [] },
    },
  };
  return makeResult(model, assessment, (r) => [
    finding('L2S-VAL-003', 'high', 'stateValidation.challengers', 'Invalid state can go unchallenged if the four whitelisted challengers are offline.', r),
    finding('L2S-GOV-002', 'medium', 'pegs.0.upgrade', 'Withdrawals can be blocked by an upgrade the users cannot exit before.', r),
    finding('L2S-OPS-001', 'high', 'components.0', 'Users can be censored if the single sequencer refuses them.', r),
  ]);
}

/** Text that would execute or inject if it were ever treated as markup. */
export const XSS_CORPUS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss=2">',
  '"><svg onload="window.__xss=3">',
  "'; window.__xss=4; '",
  '<a href="javascript:window.__xss=5">click</a>',
  '</title><script>window.__xss=6</script>',
  ']]><script>window.__xss=7</script>',
  '<style>*{display:none}</style>',
  'command:workbench.action.quit',
  '&lt;b&gt;&amp;',
  '\u202e\u0000\u0007 bidi and control',
];

export function hostile(): AnalysisResult {
  const base = federatedSidechain();
  const m = base.model!;
  m.system.name = XSS_CORPUS[0]!;
  m.system.description = XSS_CORPUS.join(' ');
  m.components = XSS_CORPUS.map((text, i) => C({ id: text, kind: KINDS[i % KINDS.length]!, name: XSS_CORPUS[(i + 1) % XSS_CORPUS.length], description: text }));
  m.pegs[0]!.asset = XSS_CORPUS[2];
  base.findings.push(...XSS_CORPUS.map((text, i) => ({
    ruleId: 'L2S-FMT-003', severity: 'medium' as const, axis: 'format' as const, path: `components.${i}`, message: text,
    range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
  })));
  base.assessment.tier.reasons.push({ text: XSS_CORPUS[1]! });
  return makeResult(m, base.assessment, () => base.findings);
}

/** A design with `n` components of every kind, for scale and overlap tests. */
export function generated(n: number): AnalysisResult {
  const base = rollup();
  const m = base.model!;
  const comps: Component[] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % KINDS.length]!;
    comps.push(C({
      id: `${kind}-${i}`, kind, name: i % 7 === 0 ? `A rather long component name number ${i} that must wrap or be truncated cleanly` : `${kind} ${i}`,
      operators: (i % 11) + 1, threshold: i % 3 === 0 ? { text: `${(i % 5) + 1}-of-${(i % 5) + 3}`, m: (i % 5) + 1, n: (i % 5) + 3 } : undefined,
      publiclyKnown: (['all', 'partial', 'none'] as const)[i % 3], external: i % 4,
    }));
  }
  m.components = comps;
  const signer = comps.find((c) => c.kind === 'signer-set');
  const council = comps.find((c) => c.kind === 'security-council');
  const pegCount = Math.max(1, Math.min(4, Math.floor(n / 50)));
  m.pegs = Array.from({ length: pegCount }, (_, i) => P({
    id: `peg-${i}`, asset: `BTC-${i}`, custody: 'federation-multisig' as const, signers: signer ? { ref: signer.id, component: signer, path: `pegs.${i}.signers` } : undefined,
    upgrade: council ? { authority: { ref: council.id, component: council, path: `pegs.${i}.upgrade.authority` }, delay: dur('2d', 172800) } : undefined,
  }));
  const dac = comps.find((c) => c.kind === 'da-committee');
  m.dataAvailability = { location: 'committee', committee: dac ? { ref: dac.id, component: dac, path: 'dataAvailability.committee' } : undefined };
  m.governance!.securityCouncil = council ? { ref: council.id, component: council, path: 'governance.securityCouncil' } : undefined;
  m.stateValidation!.challengers = undefined;
  return makeResult(m, base.assessment, (r) => comps.map((_, i) => finding(`L2S-GEN-${String(i % 20).padStart(3, '0')}`, (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5], `components.${i}`, `Generated finding ${i}.`, r)));
}

/** Text that could not be parsed at all. */
export function unparsable(): AnalysisResult {
  const base = paymentChannels();
  return {
    version: '0.1.0-test', model: undefined,
    findings: [{ ruleId: 'L2S-FMT-001', severity: 'high', axis: 'format', path: '', message: 'YAML: Implicit map keys need to be followed by map values <b>here</b>', range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } } }],
    assessment: base.assessment, rangeOf: () => undefined,
  };
}

export const FIXTURES: Record<string, () => AnalysisResult> = {
  'federated-sidechain': federatedSidechain,
  'payment-channels': paymentChannels,
  rollup,
  hostile,
};
