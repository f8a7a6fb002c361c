import type { ExitMechanism } from '../../model.js';
import type { Rule } from '../../types.js';

/** Exit paths a user can take alone with an L1 transaction. */
const UNILATERAL: readonly ExitMechanism[] = ['force-close', 'unilateral-vtxo-exit', 'statechain-backup-tx', 'escape-hatch'];

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-004',
    title: 'No unilateral exit',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Funds can be frozen if the operators or signers stop cooperating: users have no L1 transaction of their own that gets their BTC back.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is Low risk (green) only when users can exit unilaterally with an L1 transaction; custody users keep but cannot exit alone is degraded to Medium (yellow) at best.' },
    remediation: 'Give every user a pre-signed or script-enforced exit (force-close, unilateral VTXO exit, statechain backup transaction, or an escape hatch with a balance proof) and declare exits.unilateral: true with the mechanism.',
  },
  check(ctx) {
    const ex = ctx.model.exits;
    if (ex?.unilateral === true) return;
    if (ex?.unilateral === false) {
      // An escape hatch, or forcing a withdrawal in and proposing state oneself, gets users out
      // without the operators, though not with a transaction they hold: not "cooperation".
      const mode = ex.forcedInclusion?.mode;
      const around = ex.mechanism === 'escape-hatch' || ex.proposerFallback === 'escape-hatch'
        ? 'an escape hatch lets them leave without the operators, but only under the bridge\'s own rules'
        : (mode === 'force-via-l1' || mode === 'self-sequence') && ex.proposerFallback === 'self-propose'
          ? `they can still leave without the operators (forcedInclusion: ${mode}, proposerFallback: self-propose), but only under the bridge's own rules`
          : undefined;
      ctx.report({ path: 'exits.unilateral', message: `Users cannot exit unilaterally (exits.unilateral: false)${ex.mechanism ? `; leaving goes through ${ex.mechanism}` : ''}${around ? `; ${around}, not with an L1 transaction they hold.` : ', so withdrawals need the operators\' cooperation.'}` });
      return;
    }
    if (ex?.mechanism && UNILATERAL.includes(ex.mechanism)) return;
    ctx.report({
      path: 'exits.unilateral',
      message: ex?.mechanism
        ? `The exit mechanism "${ex.mechanism}" needs someone else's cooperation and the spec does not declare a unilateral exit: declare exits.unilateral; until then nothing shows users can leave on their own.`
        : 'The spec does not say whether users can exit with their own L1 transaction: declare exits.unilateral; until then nothing shows they can.',
    });
  },
};
