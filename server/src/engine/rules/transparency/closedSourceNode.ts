import type { Rule } from '../../types.js';
import { componentPath, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-TRN-001',
    title: 'Closed-source or undeclared node software',
    axis: 'transparency',
    severity: 'critical',
    rationale: 'Trust is placed in software nobody can inspect: if the node or signer code is closed, users cannot check the rules it enforces, so funds can be stolen or censored by rules they never saw.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Anything that cannot be verified, such as a closed-source node, is rated "Stop!"; L2BEAT Stage 0 also needs a source-available node that can rebuild the state.' },
    remediation: 'Publish the node and signer software (open source, reproducible builds) and declare transparency.nodeSource: open and openSource: true on the components.',
  },
  check(ctx) {
    const m = ctx.model;
    const source = m.transparency?.nodeSource;
    if (source === 'closed') {
      ctx.report({ path: 'transparency.nodeSource', message: 'The node software is closed source (nodeSource: closed): nobody can verify what rules it enforces.' });
    } else if (source === undefined && m.system.family !== 'wrapped-btc' && !m.components.some((c) => c.openSource === true)) {
      // Wrapped tokens run no node of their own; their contracts are L2S-TRN-002.
      ctx.report({ path: 'transparency.nodeSource', message: 'The spec does not say whether the node software is open: declare nodeSource; until then the ratings that need an open node stay unverified.', undeclared: true });
    }
    for (const c of m.components) {
      if (c.openSource !== false) continue;
      ctx.report({ path: `${componentPath(m, c)}.openSource`, message: `The software run by ${setName(c, 'this component')} is closed source (openSource: false).` });
    }
  },
};
