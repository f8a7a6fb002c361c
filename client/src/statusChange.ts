// What the status bar says about the change since the base revision (HEAD), without VS Code: the
// tier when it changed ("$(arrow-up) was Weak"), and a smaller coalition for any failure ("steal:
// 11 → 3 entities"), which is a regression even when the tier stayed. Pure, so unit tests read it.
import type { SnapshotCompare } from '../../server/src/render/snapshot.js';

/** The status bar's change since the base, or undefined when nothing it shows changed. */
export interface StatusChange {
  /** Appended to "$(shield) l2spec: <tier> " (codicons, then text the snapshot normalised). */
  text: string;
  /** The tier got worse or a coalition got smaller: the item takes the warning colour. */
  worse: boolean;
  /** For screen readers: "down from Strong at HEAD; steal: 11 → 3 entities". */
  accessible: string;
}

/**
 * Reads `compare`: a tier that changed (arrow and the old label), then the first coalition that got
 * smaller (file-wide before per peg, as the diff lists them) with how many more did. A coalition
 * that grew is good news the hover's summary gives; the status bar keeps to regressions there.
 */
export function statusChange(compare: SnapshotCompare | undefined): StatusChange | undefined {
  if (!compare || compare.baseError) return undefined;
  const tier = compare.tier && compare.tier.old !== compare.tier.new ? compare.tier : undefined;
  const smaller = (compare.coalitions ?? []).filter((c) => c.direction === 'worse');
  if (!tier && !smaller.length) return undefined;
  const text: string[] = [];
  const accessible: string[] = [];
  if (tier) {
    text.push(`${tier.direction === 'better' ? '$(arrow-up)' : tier.direction === 'worse' ? '$(arrow-down)' : '$(arrow-both)'} was ${tier.oldLabel}`);
    accessible.push(`${tier.direction === 'worse' ? 'down' : tier.direction === 'better' ? 'up' : 'changed'} from ${tier.oldLabel} at ${compare.label}`);
  }
  if (smaller.length) {
    const more = smaller.length > 1 ? ` +${smaller.length - 1}` : '';
    // A peg id is spec text: "$(" in it must not become an icon.
    text.push(`$(arrow-down) ${smaller[0]!.text.replace(/\$\(/g, '$ (')}${more}`);
    accessible.push(`fewer must collude since ${compare.label}: ${smaller.map((c) => c.text).join('; ')}`);
  }
  return { text: text.join(' · '), worse: tier?.direction === 'worse' || smaller.length > 0, accessible: accessible.join('; ') };
}
