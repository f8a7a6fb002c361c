// Markdown for rule documentation: used by docs/rules/<ID>.md (generated), the CLI's
// `l2spec explain`, SARIF rule help and the editor's "Explain <ID>".
import { catalogue, formatRules } from './rules/index.js';
import type { RuleMeta, Severity } from './types.js';

const AXIS_NAMES: Record<RuleMeta['axis'], string> = {
  custody: 'BTC custody (Bitcoin Layers)',
  dataAvailability: 'Data availability (Bitcoin Layers / L2BEAT)',
  operators: 'Network operators (Bitcoin Layers)',
  finality: 'Finality (Bitcoin Layers)',
  exitWindow: 'Exit window (L2BEAT)',
  stateValidation: 'State validation (L2BEAT)',
  sequencerFailure: 'Sequencer failure (L2BEAT)',
  proposerFailure: 'Proposer failure (L2BEAT)',
  governance: 'Governance',
  transparency: 'Transparency',
  format: 'Spec format',
};

export const SEVERITY_MEANING: Record<Severity, string> = {
  critical: 'a "Stop!" on Bitcoin Layers\' scale: funds can be stolen or lost outright',
  high: 'red on Bitcoin Layers\' scale or "bad" on L2BEAT\'s',
  medium: 'yellow on Bitcoin Layers\' scale or a "warning" on L2BEAT\'s',
  low: 'advice: a weakness worth knowing about',
  info: 'information for reviewers',
};

export function axisName(axis: RuleMeta['axis']): string {
  return AXIS_NAMES[axis];
}

/** The full documentation page of one rule. */
export function ruleMarkdown(meta: RuleMeta): string {
  const isFormat = formatRules.includes(meta);
  return [
    `# ${meta.id}: ${meta.title}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Axis | ${axisName(meta.axis)} |`,
    `| Default severity | **${meta.severity}** (${SEVERITY_MEANING[meta.severity]}) |`,
    `| Framework | ${meta.criterion.framework} |`,
    '',
    '## Risk',
    '',
    meta.rationale,
    '',
    '## Criterion',
    '',
    meta.criterion.criterion,
    '',
    '## How to fix',
    '',
    meta.remediation,
    '',
    '## Configure or suppress',
    '',
    'Change the severity (or turn the rule off) for a repository in `.l2spec.yaml`:',
    '',
    '```yaml',
    'rules:',
    `  ${meta.id}: ${meta.severity === 'critical' ? 'high' : 'low'}   # or off`,
    '```',
    '',
    isFormat
      ? 'Accept one occurrence with a comment on the line above it:'
      : 'Accept one occurrence, with the reason reviewers will see, on the line above it:',
    '',
    '```yaml',
    `# l2spec-disable-next-line ${meta.id} -- <why this risk is accepted>`,
    '```',
    '',
  ].join('\n');
}

/** docs/rules/README.md: the catalogue as one table. */
export function ruleIndexMarkdown(): string {
  const rows = [...catalogue.values()].map((m) => `| [${m.id}](${m.id}.md) | ${m.title} | ${axisName(m.axis)} | ${m.severity} |`);
  return [
    '# l2spec rule catalogue',
    '',
    `${catalogue.size} rules. Generated from the rule metadata by \`npm run docs\`; do not edit by hand.`,
    '',
    '| ID | Title | Axis | Default severity |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
