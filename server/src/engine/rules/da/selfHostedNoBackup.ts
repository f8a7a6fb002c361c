import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-008',
    title: 'Self-hosted data without a backup story',
    axis: 'dataAvailability',
    severity: 'medium',
    rationale: 'Funds can be lost if a user loses the device that holds their state: with self-hosted data (channel states, exit transactions, VTXO data) nobody else can restore it.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Data availability is Low risk when users self-host the data they need to exit; that holds only while the user keeps it, so a backup or recovery path is part of the design.' },
    remediation: 'Provide encrypted backups of the data users need to exit (e.g. static channel backups, exit-transaction backups, recovery from a seed) and declare dataAvailability.backup: true.',
  },
  check(ctx) {
    const da = ctx.model.dataAvailability;
    if (da?.location !== 'self-hosted' || da.backup === true) return;
    ctx.report({
      path: 'dataAvailability.backup',
      message: da.backup === false
        ? 'Users keep their own state and the design offers no backup (backup: false): losing a device can lose the funds.'
        : 'Users keep their own state and the spec does not describe a backup or recovery path; losing a device can lose the funds.',
    });
  },
};
