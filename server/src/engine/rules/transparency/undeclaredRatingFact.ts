import { bitcoinLayersAxes } from '../../assess/index.js';
import { rateExitWindow, rateProposerFailure, rateSequencerFailure, rateStateValidation } from '../../assess/l2beat.js';
import { isRollupLike } from '../support.js';
import { rateTier } from '../../assess/tier.js';
import type { ClaimedFactRef, MissingFact, Rated, Rule } from '../../types.js';

const AXIS_WORDS = {
  custody: 'BTC custody', dataAvailability: 'data availability', operators: 'network operators', finality: 'finality',
  exitWindow: 'the exit window', stateValidation: 'state validation', sequencerFailure: 'sequencer failure', proposerFailure: 'proposer failure',
} as const;

/**
 * Asks for the facts that keep a Bitcoin Layers axis (or one peg's custody) `unverified`: one
 * finding per fact, on the key where it belongs, or on the format finding's spot when the author
 * wrote it in a form l2spec could not read; and, for a fact the spec marks as only claimed, on
 * the claim, asking for something public that lets anyone check it.
 */
export const rule: Rule = {
  meta: {
    id: 'L2S-TRN-005',
    title: 'A fact a rating needs is missing, unreadable or only claimed',
    axis: 'transparency',
    severity: 'medium',
    rationale: 'Trust cannot be judged when the spec leaves out (or garbles) the fact that decides a rating (a Bitcoin Layers axis or an L2BEAT rosette slice), or marks it as a claim nobody can check: reviewers see "unverified" instead of a level (and a claim the security tier would rest on keeps it Weak).',
    criterion: { framework: 'Bitcoin Layers', criterion: 'A review that lacks a fact, or cannot check a project\'s claim, says "Unverified" instead of inventing the worst (or taking the claim at its word); the level is given once the fact is disclosed and can be checked.' },
    remediation: 'Declare the fact named in the finding (or fix the format finding it points at); for a claimed fact, publish what lets anyone check it (keys on chain, open code, a public attestation) and remove it from `claimed`. l2spec then places the axis on its row.',
  },
  check(ctx) {
    const m = ctx.model;
    const rated = bitcoinLayersAxes(m);
    const axes: [keyof typeof AXIS_WORDS | string, Rated<string>][] = [
      ['custody', rated.custody.axis],
      ...rated.custody.pegs.filter((p) => !p.canonical).map((p): [string, Rated<string>] => [`custody of peg "${p.id}"`, p]),
      ['dataAvailability', rated.dataAvailability],
      ['operators', rated.operators],
      ['finality', rated.finality],
      // L2BEAT's slices follow the same rule where L2BEAT rates a design (rollups, validiums,
      // optimiums): a missing deciding fact is asked for, never read as the worst.
      ...(isRollupLike(m)
        ? ([['exitWindow', rateExitWindow(m)], ['stateValidation', rateStateValidation(m)], ['sequencerFailure', rateSequencerFailure(m)], ['proposerFailure', rateProposerFailure(m)]] as [string, Rated<string>][])
        : []),
    ];
    const byPath = new Map<string, { fact: MissingFact; axes: string[] }>();
    const claims = new Map<string, { claim: ClaimedFactRef; axes: string[] }>();
    for (const [axis, rated] of axes) {
      if (rated.value !== 'unverified') continue;
      const words = AXIS_WORDS[axis as keyof typeof AXIS_WORDS] ?? axis;
      for (const fact of rated.missing ?? []) {
        const entry = byPath.get(fact.path) ?? { fact, axes: [] };
        if (!entry.axes.includes(words)) entry.axes.push(words);
        byPath.set(fact.path, entry);
      }
      for (const claim of rated.claimed ?? []) {
        const entry = claims.get(claim.path) ?? { claim, axes: [] };
        if (!entry.axes.includes(words)) entry.axes.push(words);
        claims.set(claim.path, entry);
      }
    }
    // The tier: a Weak tier held there by a claim (a claimed unilateral exit, a claimed signer
    // count) asks for evidence too, even when no axis reads the claim.
    // (Only a spec with claims can have one: the tier, a whole trust model, is not computed for the others.)
    for (const claim of m.claimed?.size ? rateTier(m).claimed ?? [] : []) {
      const entry = claims.get(claim.path) ?? { claim, axes: [] };
      if (!entry.axes.includes('the security tier')) entry.axes.push('the security tier');
      claims.set(claim.path, entry);
    }
    for (const { claim, axes: names } of claims.values()) {
      const ax = names.filter((n) => n !== 'the security tier');
      const head = [
        ...(ax.length ? [`${cap(ax.join(' and '))} ${ax.length > 1 ? 'stay' : 'stays'} unverified`] : []),
        ...(ax.length !== names.length ? [`${ax.length ? 'the' : 'The'} security tier cannot rise above Weak`] : []),
      ].join(', and ');
      ctx.report({
        path: claim.marker,
        message: `${head}: ${names.length > 1 ? 'each rests' : 'it rests'} on ${claim.path}, which the spec marks as only claimed. Publish what lets anyone check it (keys on chain, open code, a public attestation), then remove it from claimed.`,
        related: [{ path: claim.path, message: 'the claimed fact' }],
      });
    }
    for (const { fact, axes: names } of byPath.values()) {
      const which = names.join(' and ');
      const u = fact.unreadable;
      if (u) {
        ctx.report({
          path: u.path,
          message: `${cap(which)} ${names.length > 1 ? 'stay' : 'stays'} unverified: the spec gives ${fact.fact}, but it is ${u.what} (${u.ruleId}), so l2spec cannot read it. Fix that finding and the rating can be placed.`,
          related: [{ path: u.path, message: `${u.ruleId}: the unreadable fact` }],
        });
      } else {
        ctx.report({ path: fact.path, message: `${cap(which)} ${names.length > 1 ? 'stay' : 'stays'} unverified: the spec does not say ${fact.fact}. Declare it to get a rating.` });
      }
    }
  },
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
