import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-TRN-002',
    title: 'Contracts not verified',
    axis: 'transparency',
    severity: 'critical',
    rationale: 'Trust is placed in contract code nobody can read: if the deployed contracts holding or minting BTC are not verified, funds can be stolen by logic that differs from the published design.',
    criterion: { framework: 'L2BEAT', criterion: 'Unverified contracts make the exit window bad; Bitcoin Layers rates anything that cannot be verified as "Stop!".' },
    remediation: 'Verify the source of every deployed contract on a public explorer (matching bytecode), including proxies and their implementations, and declare transparency.contractsVerified: true.',
  },
  check(ctx) {
    const m = ctx.model;
    // Format 2: a peg (or one of its hops) may say its own contracts are unverified.
    for (const peg of m.pegs) {
      if (peg.contractsVerified === false) ctx.report({ path: `${peg.path}.contractsVerified`, message: `The contracts of peg "${peg.id}" are not verified (contractsVerified: false): their code cannot be matched to the design.` });
      for (const hop of peg.hops ?? []) {
        if (hop.contractsVerified === false) ctx.report({ path: `${hop.path}.contractsVerified`, message: `The contracts of ${hop.name ? `"${hop.name}"` : 'a custody hop'} of peg "${peg.id}" are not verified (contractsVerified: false).` });
      }
    }
    const verified = m.transparency?.contractsVerified;
    if (verified === true) return;
    if (verified === false) {
      ctx.report({ path: 'transparency.contractsVerified', message: 'The deployed contracts are not verified (contractsVerified: false): their code cannot be matched to the design.' });
      return;
    }
    const hasContracts = m.pegs.some((p) => p.custody === 'smart-contract') || (m.l1.host !== undefined && m.l1.host !== 'bitcoin');
    if (hasContracts) ctx.report({ path: 'transparency.contractsVerified', message: 'The design relies on contracts, but the spec does not say whether they are verified: declare contractsVerified; until then they cannot be counted as verified.', undeclared: true });
  },
};
