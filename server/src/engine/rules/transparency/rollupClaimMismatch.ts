import type { Rule } from '../../types.js';

const ROLLUP_CLAIMS = ['rollup', 'zk-rollup', 'optimistic-rollup'];

export const rule: Rule = {
  meta: {
    id: 'L2S-TRN-003',
    title: 'Claims to be a rollup but does not settle like one',
    axis: 'transparency',
    severity: 'low',
    rationale: 'Users can be misled about what protects their funds if the design calls itself a rollup while its state is not validated, or not settled, on the L1.',
    criterion: { framework: 'L2BEAT', criterion: 'A rollup posts its data and state roots to the L1 and has a working proof system (Stage 0); a ZK rollup uses validity proofs, an optimistic rollup fraud proofs.' },
    remediation: 'Either add what the claim implies (data on L1, a proof system the bridge checks, settlement on the L1) or describe the design by what it is (sidechain, validium, federated chain).',
  },
  check(ctx) {
    const m = ctx.model;
    const mechanism = m.stateValidation?.mechanism;
    const settlement = m.l1.settlement;
    m.system.claims.forEach((claim, i) => {
      if (!ROLLUP_CLAIMS.includes(claim)) return;
      const gaps: string[] = [];
      if (settlement === 'none' || settlement === 'anchored') gaps.push(`settlement on the L1 is ${settlement}`);
      if (mechanism === undefined || mechanism === 'none' || mechanism === 'consensus') gaps.push(mechanism === undefined ? 'no state validation is declared' : `state is validated by ${mechanism}`);
      else if (claim === 'zk-rollup' && mechanism !== 'validity-proofs') gaps.push(`state is validated by ${mechanism}, not validity proofs`);
      else if (claim === 'optimistic-rollup' && mechanism !== 'fraud-proofs' && mechanism !== 'bitvm') gaps.push(`state is validated by ${mechanism}, not fraud proofs`);
      if (gaps.length === 0) return;
      ctx.report({ path: `system.claims.${i}`, message: `The design claims to be a ${claim}, but ${gaps.join(' and ')}.` });
    });
  },
};
