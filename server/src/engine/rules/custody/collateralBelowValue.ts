import type { Rule } from '../../types.js';
import { pegPath, setField } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-012',
    title: 'Peg collateral worth less than the BTC it guards',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if stealing pays more than the stake the thieves lose: collateral below the value at risk leaves the peg without the economic deterrent it relies on.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is Medium (yellow) for a peg run by an alternative consensus financially incentivised not to steal; the incentive holds only when the slashable stake is worth at least the BTC it secures.' },
    remediation: 'Require bonded stake (or over-collateralisation) worth at least the BTC in the peg, cap deposits at the collateral, and declare collateralBtc and valueAtRiskBtc.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (peg.custody !== 'pos-stake' && peg.collateralBtc === undefined) continue;
      const base = pegPath(m, peg);
      const stakeFromSet = peg.collateralBtc === undefined && peg.signers?.component?.stakeBtc !== undefined;
      const collateral = peg.collateralBtc ?? peg.signers?.component?.stakeBtc;
      const collateralTarget = stakeFromSet ? setField(m, peg.signers!, 'stakeBtc', 'bonded stake') : { path: `${base}.collateralBtc` };
      if (collateral === undefined) {
        ctx.report({ path: `${base}.collateralBtc`, message: `Peg "${peg.id}" is secured by stake but declares neither collateralBtc nor the stake of its signer set; l2spec cannot tell whether stealing would pay.` });
      } else if (peg.valueAtRiskBtc === undefined) {
        ctx.report({ path: `${base}.valueAtRiskBtc`, message: `Peg "${peg.id}" is backed by ${collateral} BTC of collateral but does not declare how much BTC it guards (valueAtRiskBtc); the incentive cannot be checked.` });
      } else if (collateral < peg.valueAtRiskBtc) {
        ctx.report({
          ...collateralTarget,
          message: `Peg "${peg.id}" is secured by ${collateral} BTC of collateral but guards ${peg.valueAtRiskBtc} BTC: stealing would gain ${peg.valueAtRiskBtc - collateral} BTC more than it costs.`,
          related: [...(collateralTarget.related ?? []), { path: `${base}.valueAtRiskBtc`, message: `value at risk: ${peg.valueAtRiskBtc} BTC` }],
        });
      }
    }
  },
};
