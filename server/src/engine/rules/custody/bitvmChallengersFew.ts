import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { challengerSet, isBitvm, memberCount, setField, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-010',
    title: 'BitVM bridge with a small permissioned challenger set',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if the few permitted challengers are offline, bribed or colluding with the operator: a BitVM bridge is only safe while one honest party can challenge a bad payout.',
    criterion: { framework: 'L2BEAT', criterion: `State validation with permissioned challengers is bad when there are fewer than ${F.minChallengers} challengers or fewer than ${F.minExternalChallengers} external ones (and the project falls out of the Stages).` },
    remediation: `Let anyone challenge (permissionless watchtowers/challengers), or at least admit ${F.minExternalChallengers} or more publicly known challengers external to the builder and declare operators and external on the set.`,
  },
  check(ctx) {
    const m = ctx.model;
    if (!isBitvm(m)) return;
    const set = challengerSet(m);
    if (set.open) return;
    if (!set.ref) {
      ctx.report({ path: set.missingPath, message: 'The BitVM bridge names no challenger or watchtower set and does not say that anyone may challenge: name the set or say anyone may challenge; until then nothing shows more than a small permissioned set can.' });
      return;
    }
    const c = set.ref.component;
    if (!c) return;
    const n = memberCount(c);
    const who = setName(c, 'the challenger set');
    if (n === undefined) {
      ctx.report({ ...setField(m, set.ref, 'operators', 'number of challengers'), message: `The BitVM bridge's challengers (${who}) are permissioned and their number is not declared; at least ${F.minChallengers} external challengers are needed.` });
    } else if (n < F.minChallengers) {
      ctx.report({ ...setField(m, set.ref, 'operators', `${n} challengers`), message: `Only ${n} permissioned challenger${n === 1 ? '' : 's'} (${who}) can dispute the BitVM bridge's payouts; at least ${F.minChallengers} external ones are needed.` });
    } else if (c.external === undefined || c.external < F.minExternalChallengers) {
      ctx.report({
        ...setField(m, set.ref, 'external', 'external challengers'),
        message: c.external === undefined
          ? `The BitVM bridge's ${n} permissioned challengers (${who}) do not declare how many are external to the builder: declare external; until then none can be counted (at least ${F.minExternalChallengers} are needed).`
          : `Only ${c.external} of the BitVM bridge's ${n} permissioned challengers (${who}) are external to the builder; at least ${F.minExternalChallengers} are needed.`,
      });
    }
  },
};
