// Generated format-2 specs for the size and bound tests (issue 22): backedBy chains and cycles.

const HEAD = [
  'l2spec: 2',
  'system:',
  '  name: Chain',
  '  family: sidechain',
  'components:',
  '  - { id: fed, kind: federation, operators: 7, threshold: 5-of-7, external: 7, publiclyKnown: all }',
  'pegs:',
];

/** One peg in flow style; `extra` adds fields (already written as `key: value`). */
export function pegLine(id: string, extra: string[] = []): string {
  return `  - { ${[`id: ${id}`, `asset: ${id.toUpperCase()}`, ...extra].join(', ')} }`;
}

/**
 * A chain of `n` pegs, each backed by the one before it. With `bad`, the bottom peg is a single
 * custodian with a closed bridge and two hops, so its reasons are many and decide every peg above.
 */
export function chainSpec(n: number, bad = false): string {
  const lines = [...HEAD];
  for (let i = 0; i < n; i++) {
    if (i === 0 && bad) {
      lines.push('  - id: p0', '    asset: T0', '    custody: single-custodian', '    bridgeSource: closed', '    hops:',
        '      - { custody: mpc, signers: fed, threshold: 1-of-7 }', '      - { custody: federation-multisig }');
      continue;
    }
    lines.push(pegLine(`p${i}`, ['custody: federation-multisig', 'signers: fed', 'upgrade: { authority: fed, delay: 1d }', ...(i > 0 ? [`backedBy: p${i - 1}`] : [])]));
  }
  return `${lines.join('\n')}\n`;
}

/** Pegs `ids`, each backed by the next and the last by the first; `custody[id]` overrides the federation. */
export function cycleSpec(ids: string[], custody: Record<string, string> = {}, after: string[] = []): string {
  const lines = [...HEAD];
  ids.forEach((id, i) => {
    const c = custody[id] ?? 'federation-multisig';
    lines.push(pegLine(id, [`custody: ${c}`, ...(c === 'federation-multisig' ? ['signers: fed'] : []), `backedBy: ${ids[(i + 1) % ids.length]}`]));
  });
  lines.push(...after);
  return `${lines.join('\n')}\n`;
}
