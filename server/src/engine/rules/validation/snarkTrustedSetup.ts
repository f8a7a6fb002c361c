import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-PROOF-005',
    title: 'SNARK proofs rely on a trusted setup',
    axis: 'stateValidation',
    severity: 'info',
    rationale: 'Funds can be stolen if every participant of the SNARK’s setup ceremony kept their secret: whoever holds the setup trapdoor can prove false state.',
    criterion: { framework: 'L2BEAT', criterion: 'State validation with validity proofs is good; SNARK systems need a trusted setup, STARKs do not.' },
    remediation: 'Use a transparent proof system (STARK), a universal setup with many independent participants, or publish the ceremony transcript and its participants.',
  },
  check(ctx) {
    const sv = ctx.model.stateValidation;
    if (sv?.proofSystem !== 'snark' || (sv.mechanism !== undefined && sv.mechanism !== 'validity-proofs' && sv.mechanism !== 'bitvm')) return;
    ctx.report({ path: 'stateValidation.proofSystem', message: 'State is proven with a SNARK: its soundness rests on the setup ceremony’s secret having been destroyed.' });
  },
};
