import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { isBitvm, memberCount, setField, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-PROOF-003',
    title: 'Fraud proofs permissioned',
    axis: 'stateValidation',
    severity: 'medium',
    rationale: 'Funds can be stolen if all admitted challengers stay silent on a false state: users who notice it cannot submit the fraud proof themselves.',
    criterion: { framework: 'L2BEAT', criterion: `Permissioned fraud proofs with at least ${F.minExternalChallengers} external challengers are a warning; Stage 2 requires that anyone can submit fraud proofs.` },
    remediation: 'Make fraud proofs permissionless (anyone can challenge, with a bond against spam) and declare permissionless: true on the challenger set.',
  },
  check(ctx) {
    const m = ctx.model;
    const sv = m.stateValidation;
    const ref = sv?.challengers;
    const c = ref?.component;
    if (sv?.mechanism !== 'fraud-proofs' || isBitvm(m) || !ref || !c || c.permissionless === true) return;
    const n = memberCount(c);
    if (n === undefined || n < F.minChallengers || c.external === undefined || c.external < F.minExternalChallengers) return; // L2S-PROOF-002
    ctx.report({ ...setField(m, ref, 'permissionless', 'who may challenge'), message: `Only the ${n} admitted challengers (${setName(c, 'the challenger set')}, ${c.external} external) may submit fraud proofs; users cannot challenge themselves.` });
  },
};
