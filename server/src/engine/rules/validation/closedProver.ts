import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-PROOF-004',
    title: 'Closed-source prover or proof program',
    axis: 'stateValidation',
    severity: 'critical',
    rationale: 'Trust is placed in code nobody can inspect: if the proving program is closed, users cannot check that what is proven matches the rules the bridge is said to enforce, so funds can be stolen through a hidden rule.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Anything that cannot be verified, such as closed-source nodes, contracts or proof programs, is rated "Stop!".' },
    remediation: 'Publish the prover, the circuit or BitVM program and the verifier under an open-source licence with reproducible builds, and declare proverSource: open.',
  },
  check(ctx) {
    const sv = ctx.model.stateValidation;
    if (sv?.proverSource !== 'closed') return;
    ctx.report({ path: 'stateValidation.proverSource', message: `The ${sv.mechanism === 'fraud-proofs' ? 'fraud-proof' : 'proof'} program is closed source (proverSource: closed): nobody can check what it actually proves.` });
  },
};
