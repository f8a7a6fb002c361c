import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-007',
    title: 'Data reachable only through permissioned nodes',
    axis: 'dataAvailability',
    severity: 'medium',
    rationale: 'Users can be censored if the operators cut off the nodes that serve the data: a node that must connect through operator-run peers only sees what they pass on.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Data availability from an alternative consensus rates Medium only if anyone can obtain the data by running an open node; access gated by the operators makes availability depend on them, as with a committee.' },
    remediation: 'Let full nodes join the peer-to-peer network directly and sync from any peer; keep operator-run nodes as one source among many.',
  },
  check(ctx) {
    if (ctx.model.dataAvailability?.permissionedAccess !== true) return;
    ctx.report({ path: 'dataAvailability.permissionedAccess', message: 'The data is reachable only through permissioned, operator-run nodes (permissionedAccess: true); users depend on them to see the chain.' });
  },
};
