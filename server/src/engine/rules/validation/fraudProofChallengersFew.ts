import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { isBitvm, memberCount, setField, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-PROOF-002',
    title: 'Fraud proofs limited to a few permitted challengers',
    axis: 'stateValidation',
    severity: 'high',
    rationale: 'Funds can be stolen if the few permitted challengers miss, or are paid to ignore, a false state: nobody else may submit the fraud proof.',
    criterion: { framework: 'L2BEAT', criterion: `State validation with permissioned fraud proofs is bad with fewer than ${F.minChallengers} challengers or fewer than ${F.minExternalChallengers} external ones; Stage 0 needs at least ${F.minExternalChallengers} external actors able to submit fraud proofs.` },
    remediation: `Make fraud proofs permissionless, or admit at least ${F.minExternalChallengers} challengers external to the builder; declare the set under stateValidation.challengers with operators and external.`,
  },
  check(ctx) {
    const m = ctx.model;
    const sv = m.stateValidation;
    if (sv?.mechanism !== 'fraud-proofs' || isBitvm(m)) return; // BitVM challengers are L2S-CUST-010
    const ref = sv.challengers;
    if (!ref) {
      ctx.report({ path: 'stateValidation.challengers', message: 'The design uses fraud proofs but does not say who may submit them: name the set or say anyone may challenge; until then nothing shows more than a small permissioned set can.' });
      return;
    }
    const c = ref.component;
    if (!c || c.permissionless === true) return;
    const n = memberCount(c);
    const who = setName(c, 'the challenger set');
    if (n === undefined || n < F.minChallengers) {
      ctx.report({ ...setField(m, ref, 'operators', 'number of challengers'), message: n === undefined ? `Fraud proofs can only be submitted by ${who}, whose size is not declared; at least ${F.minChallengers} are needed.` : `Fraud proofs can only be submitted by ${n} permitted challenger${n === 1 ? '' : 's'} (${who}); at least ${F.minChallengers} are needed.` });
    } else if (c.external === undefined || c.external < F.minExternalChallengers) {
      ctx.report({ ...setField(m, ref, 'external', 'external challengers'), message: c.external === undefined ? `${who} does not declare how many of its ${n} challengers are external to the builder: declare external; until then none can be counted.` : `Only ${c.external} of the ${n} permitted challengers (${who}) are external to the builder; at least ${F.minExternalChallengers} are needed.` });
    }
  },
};
