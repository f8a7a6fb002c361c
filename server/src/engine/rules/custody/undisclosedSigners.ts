import type { Rule } from '../../types.js';
import { isKeyCustody, pegPath, setField, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-002',
    title: 'Peg signers not publicly known',
    axis: 'custody',
    severity: 'critical',
    rationale: 'Funds can be stolen if the signers collude, and users cannot judge that risk when they do not know who the signers are or whether they are independent.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody: "red" needs a peg run by at least 5 publicly known signers external to the builder; undisclosed (or partly disclosed) signers fall below it, which is Very High risk ("Stop!").' },
    remediation: 'Publish every signer’s identity (organisation, jurisdiction, key attestation), declare publiclyKnown: all on the signer set, and keep the list current when members change.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (!isKeyCustody(peg) || peg.custody === 'single-custodian') continue;
      const ref = peg.signers;
      if (!ref) {
        ctx.report({ path: `${pegPath(m, peg)}.signers`, message: `Peg "${peg.id}" (${peg.custody ?? 'key custody'}) names no signer set: who holds its keys is not stated.`, undeclared: true });
        continue;
      }
      const c = ref.component;
      if (!c || c.publiclyKnown === 'all') continue;
      const who = ref.ref === undefined ? 'its inline signer set' : setName(c);
      const message = c.publiclyKnown === 'partial'
        ? `Peg "${peg.id}" is signed by ${who}, whose members are only partly publicly known (publiclyKnown: partial).`
        : c.publiclyKnown === 'none'
          ? `Peg "${peg.id}" is signed by ${who}, whose members are not publicly known (publiclyKnown: none).`
          : `Peg "${peg.id}" is signed by ${who}, which does not declare whether its members are publicly known: declare publiclyKnown (all, partial or none); until then they cannot be counted as known.`;
      ctx.report({ ...setField(m, ref, 'publiclyKnown', 'disclosure of the signers'), message, undeclared: c.publiclyKnown === undefined });
    }
  },
};
