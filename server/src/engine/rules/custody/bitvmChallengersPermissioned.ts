import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { challengerSet, isBitvm, memberCount, setField, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-011',
    title: 'BitVM challengers permissioned',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Funds can be stolen if every admitted challenger fails to act at once: users cannot step in and challenge a bad withdrawal themselves.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is Medium (yellow) when anyone can become a watchtower and challenge bad withdrawals; a permissioned challenger set, even of 5 or more external members, does not meet it (L2BEAT rates it a warning).' },
    remediation: 'Open the challenger/watchtower role to anyone (e.g. bonded, permissionless challenges) and declare permissionless: true on the set.',
  },
  check(ctx) {
    const m = ctx.model;
    if (!isBitvm(m)) return;
    const set = challengerSet(m);
    const c = set.ref?.component;
    if (set.open || !set.ref || !c) return;
    const n = memberCount(c);
    // Small or undeclared sets are the high-severity L2S-CUST-010.
    if (n === undefined || n < F.minChallengers || c.external === undefined || c.external < F.minExternalChallengers) return;
    ctx.report({ ...setField(m, set.ref, 'permissionless', 'who may challenge'), message: `Only the ${n} admitted challengers (${setName(c, 'the challenger set')}, ${c.external} external) can dispute the BitVM bridge's payouts; users cannot challenge themselves.` });
  },
};
