import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { ASSESSMENT_FLOORS } from '../../assess/floors.js';
import { isKeyCustody, memberCount, setField, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-003',
    title: 'Peg federation below the sidesystem floor',
    axis: 'custody',
    severity: 'critical',
    rationale: 'Funds can be stolen if a handful of insiders collude: with fewer than five signers, or too few of them independent of the builder, a small group controls every coin.',
    criterion: { framework: 'Bitcoin Layers', criterion: `A Bitcoin sidesystem needs an enshrined bridge with at least ${F.minSigners} signers, at least ${F.minExternalSigners} of them external to the main developer; custody below that floor is Very High risk ("Stop!").` },
    remediation: `Grow the signer set to at least ${F.minSigners} members with at least ${F.minExternalSigners} independent of the builder (different organisations and jurisdictions), and declare operators and external on the set.`,
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (!isKeyCustody(peg) || peg.custody === 'single-custodian') continue;
      const ref = peg.signers;
      const c = ref?.component;
      if (!ref || !c) continue;
      const n = memberCount(c) ?? peg.threshold?.n;
      const who = setName(c);
      if (n === undefined) {
        ctx.report({ ...setField(m, ref, 'operators', 'number of signers'), message: `Peg "${peg.id}" is signed by ${who}, which does not say how many signers it has; the sidesystem floor is ${F.minSigners}.`, undeclared: true });
      } else if (n <= 1) {
        continue; // a single key is L2S-CUST-001
      } else if (n < F.minSigners) {
        ctx.report({ ...setField(m, ref, 'operators', `${n} signers`), message: `Peg "${peg.id}" is held by ${n} signers (${who}); a Bitcoin sidesystem needs at least ${F.minSigners}, ${F.minExternalSigners} of them external.` });
      } else if (c.external === undefined) {
        ctx.report({ ...setField(m, ref, 'external', 'external signers'), message: `Peg "${peg.id}" is signed by ${who}, which does not say how many of its ${n} signers are external to the builder: declare external; until then none can be counted (at least ${F.minExternalSigners} are needed).`, undeclared: true });
      } else if (c.external < F.minExternalSigners) {
        ctx.report({ ...setField(m, ref, 'external', `${c.external} external signers`), message: `Only ${c.external} of the ${n} signers of peg "${peg.id}" are external to the builder; a Bitcoin sidesystem needs at least ${F.minExternalSigners} (and Bitcoin Layers rates custody High, not "Stop!", only from ${ASSESSMENT_FLOORS.custodyMinExternalSigners} publicly known external signers).` });
      }
    }
  },
};
