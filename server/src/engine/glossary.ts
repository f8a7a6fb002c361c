// The l2spec glossary: the vocabulary of Bitcoin L2 trust, as pure data. Hovers in the editor
// and `l2spec explain <term>` both read it. Aliases are the spec keys and enum values that mean
// the term (a dotted alias such as "exits.delay" matches that path only), so hovering
// `watchtowers:` or `force-close` finds the right entry.
import { ASSESSMENT_FLOORS, FRAMEWORK_FLOORS } from './assess/floors.js';
import { BLOCK_SECONDS, DAY } from './parse/values.js';
import type { FrameworkCriterion } from './types.js';

export interface GlossaryEntry {
  term: string;
  /** Spec keys, enum values and common spellings that mean this term (matched case-insensitively). */
  aliases: string[];
  /** Markdown explanation, in the project's own words. */
  markdown: string;
  /** The framework criterion the term feeds into, when there is one. */
  criterion?: FrameworkCriterion;
  /** Other glossary terms worth reading next. */
  seeAlso?: string[];
}

/**
 * The frameworks' numeric floors as hovers quote them, derived from the one table the rules and
 * ratings use (rules/thresholds.ts, assess/floors.ts), so a hover can never disagree with a verdict.
 */
export const frameworkFloors = {
  lastVerified: FRAMEWORK_FLOORS.lastVerified,
  /** Bitcoin Layers: a signer set needs at least this many publicly known external members before custody can be "high" rather than "very high". */
  minExternalSigners: ASSESSMENT_FLOORS.custodyMinExternalSigners,
  /** Bitcoin Layers sidesystem minimum: signers external to the main developer. */
  minSidesystemExternalSigners: FRAMEWORK_FLOORS.minExternalSigners,
  /** A signing threshold below this fraction lets a minority move funds. */
  healthyThresholdFraction: FRAMEWORK_FLOORS.safeThresholdFraction,
  /** L2BEAT Stage 1 security council. */
  councilMinMembers: FRAMEWORK_FLOORS.councilMinMembers,
  councilMinThresholdFraction: FRAMEWORK_FLOORS.councilMinThresholdFraction,
  /** L2BEAT DA committee: at least this many members, of which this many external. */
  dacMinMembers: FRAMEWORK_FLOORS.minDacMembers,
  dacMinExternal: FRAMEWORK_FLOORS.minDacExternal,
  /** L2BEAT: a DAC is weak when more than this fraction of members must be honest. */
  dacMaxHonestFraction: FRAMEWORK_FLOORS.maxDacHonestFraction,
  /** L2BEAT challengers: at least this many external actors can submit fraud proofs. */
  minExternalChallengers: FRAMEWORK_FLOORS.minExternalChallengers,
  /** LDK's minimum to_self_delay, also l2spec's floor for dispute windows. */
  minDisputeBlocks: FRAMEWORK_FLOORS.minDisputeSeconds / BLOCK_SECONDS,
  /** L2BEAT exit window: below 7 days is bad, below 30 days a warning. */
  exitWindowBadDays: FRAMEWORK_FLOORS.exitWindowBadSeconds / DAY,
  exitWindowGoodDays: FRAMEWORK_FLOORS.exitWindowGoodSeconds / DAY,
  /** Bitcoin Layers wrapped-token rubric: a token upgrade delay of at least 48 h is low risk. */
  tokenUpgradeDelayHours: FRAMEWORK_FLOORS.tokenUpgradeDelaySeconds / 3600,
} as const;

const BL = (criterion: string): FrameworkCriterion => ({ framework: 'Bitcoin Layers', criterion });
const L2B = (criterion: string): FrameworkCriterion => ({ framework: 'L2BEAT', criterion });
const OWN = (criterion: string): FrameworkCriterion => ({ framework: 'l2spec', criterion });

export const glossary: GlossaryEntry[] = [
  {
    term: 'Layer 2',
    aliases: ['l2', 'layer-2', 'layer2'],
    markdown: 'A system built on top of a base chain (Layer 1) that moves execution off the base chain for speed and cost, while leaning on the base chain for some of its security. How *much* security it inherits is the whole question: a design may call itself "L2" while its users actually trust a handful of key holders.',
    criterion: OWN('A design that claims to be an L2 but rates Weak is flagged as a misleading claim.'),
    seeAlso: ['Bitcoin layer', 'Settlement'],
  },
  {
    term: 'Bitcoin layer',
    aliases: ['bitcoin-l2', 'bitcoin layer'],
    markdown: 'Any system that uses BTC as its asset and relates to Bitcoin for security or settlement: channels, sidechains, rollups, statechains, Ark, ecash mints. Bitcoin Layers rates each on four separate axes (custody, data availability, network operators, finality) instead of a single score.',
    criterion: BL('Four independent axes; a poor score on one does not change another.'),
    seeAlso: ['Sidesystem', 'Layer 2'],
  },
  {
    term: 'Sidesystem',
    aliases: ['sidesystem'],
    markdown: 'Bitcoin Layers\' minimum bar for a separate system to count as a Bitcoin layer at all: a bridge built into the protocol, guarded by **at least 5 signers**, **at least 4 of them independent** of the main developer, with the operators disclosed.',
    criterion: BL('Enshrined bridge, ≥5 signers, ≥4 external, disclosed operators.'),
    seeAlso: ['Federation', 'External members'],
  },
  {
    term: 'Sidechain',
    aliases: ['sidechain', 'pos-sidechain'],
    markdown: 'An independent blockchain whose coin is pegged to BTC. It runs its own consensus (a federation, proof of stake or merge-mined proof of work), so Bitcoin does not check its state: users trust whoever controls the peg and the chain.',
    criterion: BL('Custody is judged by who holds the peg; operators by who produces blocks.'),
    seeAlso: ['Two-way peg', 'Federation', 'Merge mining'],
  },
  {
    term: 'Sequencer',
    aliases: ['sequencer', 'sequencerFailure'],
    markdown: 'The party that orders L2 transactions into blocks. A single sequencer is fast but can **censor** users or halt the chain. What matters is the fallback: can users push their transaction through Bitcoin when the sequencer ignores them?',
    criterion: L2B('Sequencer failure: self-sequencing or forcing via L1 is good, an L1 queue the sequencer can stall is a warning, no mechanism is bad.'),
    seeAlso: ['Forced inclusion', 'Self-sequencing'],
  },
  {
    term: 'Proposer',
    aliases: ['proposer', 'proposerFailure'],
    markdown: 'The party that publishes the L2 state (state roots, checkpoints) that withdrawals are paid against. If only whitelisted proposers exist and none of them acts, withdrawals stop unless users can propose themselves or use an escape hatch.',
    criterion: L2B('Proposer failure: self-propose or escape hatch is good, replacement by governance is a warning, no fallback is bad.'),
    seeAlso: ['Self-propose', 'Escape hatch'],
  },
  {
    term: 'Forced inclusion',
    aliases: ['forcedInclusion', 'force-via-l1', 'forced-inclusion'],
    markdown: 'A way for a user to get a transaction into the L2 **through the L1**, so the sequencer must include it within a bounded delay. It turns a censoring sequencer into a delay instead of a lockout. `maxDelay` bounds how long the sequencer can sit on it.',
    criterion: L2B('Sequencer failure: forcing via L1 with a bounded delay rates good.'),
    seeAlso: ['Sequencer', 'Enqueue'],
  },
  {
    term: 'Self-sequencing',
    aliases: ['self-sequence', 'self-sequencing'],
    markdown: 'Users may produce L2 blocks themselves when the sequencer stops or censors them. This is the strongest answer to sequencer failure: nobody\'s cooperation is needed.',
    criterion: L2B('Sequencer failure: self-sequencing rates good.'),
    seeAlso: ['Sequencer', 'Based sequencing'],
  },
  {
    term: 'Based sequencing',
    aliases: ['based', 'based-sequencing', 'based rollup'],
    markdown: 'The L1\'s own block producers order the L2\'s transactions (on Bitcoin: the L2 blocks are simply what miners include). There is no separate sequencer to censor users, at the price of L1 block times.',
    seeAlso: ['Sequencer', 'Self-sequencing'],
  },
  {
    term: 'Enqueue',
    aliases: ['enqueue'],
    markdown: 'Users can place a transaction in an L1 queue that the sequencer may not skip, but the sequencer can still *stall* the whole queue. Better than nothing, weaker than true forced inclusion.',
    criterion: L2B('Sequencer failure: enqueue-only is a warning.'),
    seeAlso: ['Forced inclusion'],
  },
  {
    term: 'Escape hatch',
    aliases: ['escape-hatch', 'escape hatch'],
    markdown: 'A last-resort exit: when operators stop, users withdraw directly from the bridge by proving their balance (a Merkle or ZK proof against the last accepted state). It keeps funds reachable even if the system is frozen.',
    criterion: L2B('Proposer failure: an escape hatch rates good.'),
    seeAlso: ['Unilateral exit', 'Proposer'],
  },
  {
    term: 'Self-propose',
    aliases: ['self-propose', 'proposerFallback'],
    markdown: 'When the designated proposer has been silent for a timeout, anyone may publish the state root themselves, so withdrawals cannot be blocked by a lazy or hostile proposer.',
    criterion: L2B('Proposer failure: self-proposing after a timeout rates good.'),
    seeAlso: ['Proposer'],
  },
  {
    term: 'Unilateral exit',
    aliases: ['unilateral', 'exits', 'exits.unilateral'],
    markdown: 'A user can take their BTC back to Bitcoin **alone**, with a transaction they already hold or can build, without anyone\'s permission. It is the property that makes custody "low risk": even if every operator disappears or turns hostile, funds come home (after the exit delay).',
    criterion: BL('BTC custody is low risk when users can exit unilaterally with an L1 transaction; custody users keep but cannot exit alone drops to medium.'),
    seeAlso: ['Exit window', 'Payment channel'],
  },
  {
    term: 'Exit window',
    aliases: ['exit-window', 'exitWindow'],
    markdown: 'How long users have to leave after an unwanted upgrade is announced: the **upgrade delay minus the worst-case time to exit**. Under 7 days users cannot realistically escape a malicious upgrade; 30 days or more is considered good; an immutable system has an unlimited window.',
    criterion: L2B('Exit window: <7 days bad, 7–30 days warning, ≥30 days good; instant upgrades bad.'),
    seeAlso: ['Upgrade delay', 'Stage'],
  },
  {
    term: 'Upgrade delay',
    aliases: ['upgradeDelay', 'upgrade', 'upgradeable', 'upgrade.delay', 'upgrade delay'],
    markdown: 'The time between an upgrade being announced and taking effect (a timelock on the code or rules that hold user funds). It only protects users if it is longer than the time they need to exit. An **instant** upgrade lets whoever holds the upgrade key change the rules, including who owns the BTC.',
    criterion: BL('An upgradeable custody mechanism is rated by who can upgrade it and how long the timelock is; an instantly upgradeable bridge is "Stop!".'),
    seeAlso: ['Exit window', 'Security council'],
  },
  {
    term: 'Security council',
    aliases: ['securityCouncil', 'security-council', 'councilScope'],
    markdown: 'A multisig allowed to act faster than normal governance — usually to fix bugs or halt the system in an emergency. It is a trust assumption: L2BEAT wants **at least 8 members**, a **≥75% threshold**, members publicly known, and enough outsiders that they alone can block a quorum; at Stage 2 the council may act only on provable on-chain bugs.',
    criterion: L2B('Stage 1 council: ≥8 members, ≥75% threshold, members publicly known, a quorum-blocking minority (>25%) external.'),
    seeAlso: ['Stage', 'Upgrade delay'],
  },
  {
    term: 'Fraud proof',
    aliases: ['fraud-proofs', 'fraud proof', 'fault proof', 'fault-proofs'],
    markdown: 'A proof that a published state transition was wrong. In an optimistic system state is assumed correct unless someone proves fraud within the **challenge period**. Safety needs just **one honest, live challenger** — which is only a real guarantee when enough independent parties (ideally anyone) may challenge.',
    criterion: L2B('State validation: fraud proofs are good, but with <5 (external) permissioned challengers bad, ≥5 external a warning.'),
    seeAlso: ['Challenge period', 'Challengers', 'Optimistic rollup'],
  },
  {
    term: 'Validity proof',
    aliases: ['validity-proofs', 'validity proof', 'zk proof', 'zk-proof'],
    markdown: 'A succinct cryptographic proof (SNARK or STARK) that the new state follows correctly from the old one. The verifier accepts no invalid state at all; the remaining risks are bugs, a trusted setup, and a prover who stops producing proofs (a liveness problem, not theft).',
    criterion: L2B('State validation: validity proofs rate good.'),
    seeAlso: ['SNARK and STARK', 'ZK rollup'],
  },
  {
    term: 'SNARK and STARK',
    aliases: ['snark', 'stark', 'proofSystem'],
    markdown: 'Two families of validity proofs. **SNARKs** are small and cheap to verify but most need a *trusted setup* ceremony (if its secret survived, false proofs are possible). **STARKs** need no trusted setup and rely on hash functions only, at the cost of bigger proofs.',
    seeAlso: ['Validity proof'],
  },
  {
    term: 'Challenge period',
    aliases: ['challengePeriod', 'challenge period', 'dispute period'],
    markdown: 'How long a claim (a state root, a withdrawal, a BitVM assertion) can be disputed before it is accepted. It must be long enough for an honest challenger to notice and respond even under L1 congestion or censorship; it is also part of the worst-case exit time.',
    criterion: OWN('Dispute windows under 144 blocks (~1 day) are flagged for channels, statechains, Ark and BitVM.'),
    seeAlso: ['Fraud proof', 'Exit window'],
  },
  {
    term: 'Interactive and single-round proofs',
    aliases: ['interactive', 'single-round'],
    markdown: '**Interactive** fraud proofs narrow a dispute down in several rounds (a bisection game) until one step is checked on L1; **single-round** proofs re-execute the disputed block in one go. Interactive games cost less on-chain but take longer, which stretches the exit time.',
    seeAlso: ['Fraud proof'],
  },
  {
    term: 'Optimistic rollup',
    aliases: ['optimistic-rollup'],
    markdown: 'A rollup that posts its data to the L1 and assumes posted state is valid unless a **fraud proof** shows otherwise within the challenge period. Withdrawals wait out that period.',
    seeAlso: ['Fraud proof', 'ZK rollup'],
  },
  {
    term: 'ZK rollup',
    aliases: ['zk-rollup', 'zk rollup', 'validity rollup'],
    markdown: 'A rollup whose state updates carry **validity proofs** checked by the bridge, with the data needed to rebuild state posted to the L1. On Bitcoin, where script cannot verify such proofs directly, this needs BitVM-style verification or trusts whoever checks the proof.',
    seeAlso: ['Validity proof', 'BitVM'],
  },
  {
    term: 'Validium and optimium',
    aliases: ['validium', 'optimium'],
    markdown: 'Rollup-like designs that keep their transaction data **off** the L1 (with a committee or another DA layer). A **validium** uses validity proofs, an **optimium** fraud proofs. Without the data users may be unable to prove their balance and exit, so the DA setup becomes a custody risk.',
    criterion: L2B('Data availability: off-chain committees are judged by size, external members and threshold.'),
    seeAlso: ['Data availability', 'DA committee'],
  },
  {
    term: 'Data availability',
    aliases: ['dataAvailability', 'location', 'data availability', 'da'],
    markdown: 'Whether the data needed to reconstruct the L2 state (and so to prove your balance and exit) is guaranteed to be published. Best: on Bitcoin itself, or held by users for their own state. Worst: only the operator has it — then the operator can freeze everyone by withholding it.',
    criterion: BL('Data availability: low when all data is on Bitcoin or self-hosted; medium with an alternative consensus and an open-source node; high with a committee of ≥5 external, publicly known members.'),
    seeAlso: ['DA committee', 'DA bridge', 'Client-side validation'],
  },
  {
    term: 'DA committee',
    aliases: ['da-committee', 'committee', 'dac', 'dataAvailability.committee'],
    markdown: 'A group that signs attestations that off-chain data was published and is available. It is only as good as its size, independence and threshold: with a high threshold a few members can *withhold* attestations, with a low one a few can *lie* about availability.',
    criterion: L2B('A DAC is bad with <6 members, <5 external, or when more than 1/3 of members must be honest; otherwise a warning.'),
    seeAlso: ['Data availability', 'Validium and optimium'],
  },
  {
    term: 'DA bridge',
    aliases: ['daBridge', 'external-da', 'da bridge'],
    markdown: 'A contract on the settlement chain that verifies attestations from an external data-availability layer, so the bridge will not accept state whose data was never published. Using an external DA layer **without** such a bridge means the settlement chain just trusts the operator about availability.',
    criterion: L2B('External DA without a DA bridge rates bad.'),
    seeAlso: ['Data availability'],
  },
  {
    term: 'Client-side validation',
    aliases: ['client-side', 'client-side-validation', 'self-hosted', 'backup'],
    markdown: 'Each user keeps and checks the data for their own coins (as in channels, RGB or statechains) rather than relying on a global published ledger. It removes third-party data risk but adds a personal one: **lose your state and you may lose your funds**, so a backup story matters.',
    criterion: BL('Self-hosted data rates low for data availability.'),
    seeAlso: ['Data availability', 'Payment channel'],
  },
  {
    term: 'Two-way peg',
    aliases: ['pegs', 'peg', 'two-way peg', 'bridge'],
    markdown: 'The mechanism that locks BTC on Bitcoin and makes an equal amount usable on the L2 (peg-in), and releases it again (peg-out). Whoever can sign or approve the release transaction **is** the custodian of every pegged coin — the most important trust question of any design.',
    criterion: BL('BTC custody: judged by who controls the peg and whether users can exit without them.'),
    seeAlso: ['Peg-in', 'Peg-out', 'Federation'],
  },
  {
    term: 'Peg-in',
    aliases: ['pegInConfirmations', 'peg-in'],
    markdown: 'Moving BTC into the L2: the user locks coins on Bitcoin and, once enough confirmations have passed, the L2 credits them. The confirmation count guards against Bitcoin reorganisations (Liquid waits 102 blocks).',
    seeAlso: ['Two-way peg', 'Light client'],
  },
  {
    term: 'Peg-out',
    aliases: ['peg-out', 'federation-peg-out', 'withdrawalsPermissioned', 'withdrawal-request'],
    markdown: 'Moving BTC back to Bitcoin. If the peg-out needs the custodians to sign, they can **refuse or delay** it (censorship) or, with enough colluding keys, send it elsewhere (theft). Peg-outs limited to whitelisted addresses or routed through members are a permissioned exit.',
    seeAlso: ['Two-way peg', 'Unilateral exit'],
  },
  {
    term: 'Federation',
    aliases: ['federation', 'federation-multisig', 'functionaries'],
    markdown: 'A fixed group of known members (functionaries) that produce blocks and/or co-sign peg transactions. Users trust that a threshold of them stays honest **and** available. Bitcoin Layers needs at least 5 publicly known members external to the builder before federated custody is even "high" (rather than "very high") risk.',
    criterion: BL('Custody high (red) needs ≥5 publicly known external signers; anything less is very high.'),
    seeAlso: ['Multisig (m-of-n)', 'Emergency recovery path', 'Sidesystem'],
  },
  {
    term: 'Multisig (m-of-n)',
    aliases: ['threshold', 'multisig', 'signers', 'signer-set', 'm-of-n'],
    markdown: 'Coins that move only when **m** of **n** keys sign. m colluding keyholders can steal; n − m + 1 lost or refusing keys can freeze funds. A threshold of at least 2/3 keeps theft hard while tolerating some lost keys; below 1/2 a minority can take everything.',
    criterion: BL('Custody is rated on the signer set: how many, how independent, how disclosed.'),
    seeAlso: ['Threshold signature and MPC', 'Federation'],
  },
  {
    term: 'Threshold signature and MPC',
    aliases: ['threshold-signature', 'mpc', 'frost', 'tss'],
    markdown: 'Schemes where several parties jointly produce one ordinary-looking signature (e.g. FROST) or jointly compute with a shared secret (MPC). On-chain it looks like a single key, so **outsiders cannot see or verify** the threshold or who holds the shares; the trust is the same as a multisig, the transparency is lower.',
    criterion: BL('An MPC custodian is rated very high (Stop!) for custody.'),
    seeAlso: ['Multisig (m-of-n)'],
  },
  {
    term: 'HSM',
    aliases: ['hsm', 'hardware security module'],
    markdown: 'A hardware security module keeps a signing key inside tamper-resistant hardware. It makes casual key theft harder but does not remove trust: the operator still chooses what the HSM signs, and its firmware joins the things you must trust.',
    seeAlso: ['Federation'],
  },
  {
    term: 'Emergency recovery path',
    aliases: ['emergencyRecovery', 'emergency recovery', 'emergencyRecovery.timelock'],
    markdown: 'A backup spending path, usually a different key set behind a long timelock, so coins are not frozen forever if too many primary signers vanish (Liquid: a 2-of-3 set after 4032 blocks, about 4 weeks). It is also a second way to take the coins, so it should be **at least as strong** as the main set, or behind a long delay.',
    criterion: OWN('A federation peg with no recovery path can freeze funds; a recovery set weaker than the main one, or with a short timelock, is a theft risk.'),
    seeAlso: ['Federation', 'CLTV and CSV'],
  },
  {
    term: 'CLTV and CSV',
    aliases: ['cltv', 'csv', 'checklocktimeverify', 'checksequenceverify', 'relative timelock', 'timelock', 'timelocks'],
    markdown: 'Bitcoin script\'s timelocks. **CLTV** (CheckLockTimeVerify) blocks spending until an absolute height or time; **CSV** (CheckSequenceVerify) blocks it until a number of blocks after the output confirmed. Channels, Ark exits and recovery paths all build on them.',
    seeAlso: ['Emergency recovery path', 'to_self_delay'],
  },
  {
    term: 'Payment channel',
    aliases: ['payment-channel', 'lightning', 'channel'],
    markdown: 'Two parties lock BTC in a shared 2-of-2 output and pay each other off-chain by exchanging signed transactions; either can close alone on Bitcoin. Trust is minimal but not zero: **you (or a watchtower) must stay online** within the dispute delay, and Bitcoin must confirm your penalty transaction in time.',
    criterion: BL('Lightning is rated low risk on all four axes.'),
    seeAlso: ['Commitment transaction', 'Revocation and penalty', 'Watchtower'],
  },
  {
    term: 'Commitment transaction',
    aliases: ['commitment', 'commitment transaction'],
    markdown: 'In a channel, the latest signed transaction that splits the channel balance. Each side holds its own version and can broadcast it at any time to close the channel unilaterally (force-close).',
    seeAlso: ['Payment channel', 'Force-close'],
  },
  {
    term: 'Force-close',
    aliases: ['force-close', 'force close', 'unilateral close'],
    markdown: 'Closing a channel without the counterparty: broadcast your commitment transaction and wait out your `to_self_delay` before your own funds unlock. It is a channel\'s unilateral exit.',
    seeAlso: ['Commitment transaction', 'to_self_delay', 'Unilateral exit'],
  },
  {
    term: 'to_self_delay',
    aliases: ['to_self_delay', 'to-self-delay'],
    markdown: 'The number of blocks the party who force-closes must wait before spending their own output. It is the window in which the other side (or a watchtower) can punish an **old**, revoked state. LDK refuses less than **144 blocks** (about a day); shorter delays make cheating easier to get away with.',
    criterion: OWN('Dispute / exit delays under 144 blocks are flagged for channels, statechains, Ark and BitVM.'),
    seeAlso: ['Revocation and penalty', 'Watchtower'],
  },
  {
    term: 'Exit delay',
    aliases: ['exits.delay', 'exit delay', 'withdrawal delay'],
    markdown: 'The worst-case time between a user starting to leave and holding their BTC on Bitcoin: a channel\'s `to_self_delay`, a rollup\'s challenge period, a withdrawal queue. It cuts both ways: long enough for honest parties to react to cheating, and it is subtracted from the upgrade delay to give the real exit window.',
    criterion: OWN('For channels, statechains, Ark and BitVM, delays under 144 blocks are flagged; the exit window is upgrade delay minus exit delay.'),
    seeAlso: ['to_self_delay', 'Exit window', 'Challenge period'],
  },
  {
    term: 'Revocation and penalty',
    aliases: ['penalty', 'revocation', 'justice transaction'],
    markdown: 'When a channel moves to a new state, each side hands over the secret that revokes the old one. If someone later broadcasts a revoked state, the victim uses that secret to take **the whole channel balance** as a penalty. The threat only works if the victim notices within `to_self_delay`.',
    criterion: OWN('State validation by penalty: safety depends on someone watching within the dispute delay.'),
    seeAlso: ['to_self_delay', 'Watchtower'],
  },
  {
    term: 'Watchtower',
    aliases: ['watchtowers', 'watchtower', 'exits.watchtowers', 'watchtowers.set'],
    markdown: 'A service that watches Bitcoin for cheating on users\' behalf (an old channel state, an invalid BitVM claim, a bad withdrawal) and reacts in time. It lets users go offline safely. A design that **requires** watchtowers but names none leaves offline users exposed; one anyone can run is far stronger than a permissioned set.',
    criterion: BL('BTC custody is medium when anyone can become a watchtower and challenge bad withdrawals.'),
    seeAlso: ['Revocation and penalty', 'Challengers'],
  },
  {
    term: 'HTLC',
    aliases: ['htlc', 'hashlock', 'hash time-locked contract'],
    markdown: 'Hash Time-Locked Contract: a payment that the receiver can claim by revealing a secret before a deadline, or that refunds the sender after it. Chaining HTLCs with the same hash makes multi-hop Lightning payments atomic: every hop is paid, or none.',
    seeAlso: ['Payment channel'],
  },
  {
    term: 'Statechain',
    aliases: ['statechain', 'statechain-backup-tx'],
    markdown: 'A UTXO co-owned by the current user and a statechain operator. Ownership passes off-chain: the operator swaps its key share and promises to **delete** the old one, and each owner holds a timelocked backup transaction to exit alone. Users trust that previous key shares were really deleted — which usually cannot be proven.',
    criterion: BL('Finality: unprovable key deletion by a single operator is rated very high.'),
    seeAlso: ['Key-deletion covenant', 'Unilateral exit'],
  },
  {
    term: 'Ark and VTXO',
    aliases: ['ark', 'vtxo', 'unilateral-vtxo-exit', 'asp'],
    markdown: 'In Ark an operator batches many users into one shared on-chain output. Each user owns a **virtual UTXO (VTXO)**: spendable with the operator\'s cooperation, or alone after a relative timelock by publishing their branch of the transaction tree. Batches expire, so users must come back and renew.',
    seeAlso: ['VTXO expiry', 'Out-of-round payment'],
  },
  {
    term: 'VTXO expiry',
    aliases: ['vtxoExpiry', 'batch expiry'],
    markdown: 'The time after which an Ark operator may **sweep** a batch output, taking every VTXO in it that was not renewed or exited. Users who stay offline past expiry depend on the operator to hand back their funds.',
    criterion: OWN('Ark VTXO expiry without a renewal story is a liveness requirement on users.'),
    seeAlso: ['Ark and VTXO'],
  },
  {
    term: 'Out-of-round payment',
    aliases: ['outOfRoundTrusted', 'out-of-round', 'arkoor'],
    markdown: 'An Ark payment made between rounds, without a new on-chain batch. It is only as safe as the sender and the operator **not colluding**: together they could double-spend the VTXO until the receiver joins a round.',
    seeAlso: ['Ark and VTXO'],
  },
  {
    term: 'Ecash mint',
    aliases: ['ecash-mint', 'ecash', 'cashu', 'fedimint', 'chaumian'],
    markdown: 'A custodian (one operator, or a federation as in Fedimint) that holds BTC and issues blinded bearer tokens. Payments are private and instant, but the mint can **steal or freeze** all deposits: custody is entirely trusted.',
    criterion: BL('A single custodian is very high risk for custody; a federation needs ≥5 external, known members to be high.'),
    seeAlso: ['Federation'],
  },
  {
    term: 'BitVM',
    aliases: ['bitvm', 'bitvm-rollup', 'bitvm-bridge', 'bitvm2', 'bitvm-payout'],
    markdown: 'A way to verify arbitrary computation on Bitcoin through a challenge–response game: an operator asserts a result, anyone in the challenger set can dispute it, and Bitcoin script settles the dispute. A BitVM bridge is safe if **one** challenger is honest and live if **one** operator is, but only as open as its challenger set.',
    criterion: OWN('A BitVM bridge with a permissioned or small (<5 external) challenger set is flagged.'),
    seeAlso: ['Key-deletion covenant', 'Challengers', 'Fraud proof'],
  },
  {
    term: 'Key-deletion covenant',
    aliases: ['n-of-n-covenant', 'key-deletion', 'provableKeyDeletion', 'key deletion'],
    markdown: 'Emulating a covenant by having N signers pre-sign the only allowed spending transactions and then **delete** their keys. Deposits are safe as long as **one** of the N really deleted its key — which nobody can prove from the outside.',
    criterion: BL('Finality from unprovable key deletion by a single party is rated very high.'),
    seeAlso: ['BitVM', 'Statechain'],
  },
  {
    term: 'Merge mining',
    aliases: ['merge-mining', 'merge-mined-sidechain', 'hashrateShare', 'merge mining', 'miners'],
    markdown: 'Bitcoin miners secure another chain with the same proof of work at no extra cost, by committing its block hash in their Bitcoin blocks. The side chain is only as secure as the **share of hashrate** that takes part; a minority of miners can be outvoted cheaply.',
    criterion: BL('Network operators: merge mining by more than 50% of Bitcoin\'s hashrate rates medium.'),
    seeAlso: ['Drivechain', 'Anchoring'],
  },
  {
    term: 'Anchoring',
    aliases: ['anchoring', 'checkpoints', 'checkpointing', 'state-roots', 'commitments', 'l1.anchoring'],
    markdown: 'Writing commitments to the L2\'s state (hashes, roots, checkpoints) into Bitcoin. It timestamps history and makes reorgs visible, but **writing to Bitcoin is not settling on Bitcoin**: if the bridge pays out without checking the anchored state, anchoring adds little.',
    criterion: BL('A single-sequencer chain that posts state roots but whose bridge does not finalise on them drops to medium finality; l2spec caps its tier at Moderate.'),
    seeAlso: ['Settlement', 'Finality'],
  },
  {
    term: 'Drivechain',
    aliases: ['drivechain', 'miner-vote', 'bip-300', 'bip300'],
    markdown: 'A proposed design (BIP-300, not deployed) where Bitcoin miners approve sidechain withdrawals by voting over a long period (13,150 of 26,300 blocks, about six months). No key federation, but users trust that a **hashrate majority** does not approve a theft.',
    seeAlso: ['Merge mining', 'Sidechain'],
  },
  {
    term: 'Slashing',
    aliases: ['slashing', 'stakeBtc', 'collateralBtc', 'pos-stake', 'bond'],
    markdown: 'Destroying a validator\'s or operator\'s bonded stake when it provably misbehaves. It deters cheating only when the **stake is worth more than what can be stolen**: a peg guarding more BTC than its collateral invites a profitable attack.',
    criterion: OWN('Stake securing a peg worth less than the BTC it guards is flagged.'),
    seeAlso: ['Sidechain'],
  },
  {
    term: 'Liveness and safety',
    aliases: ['liveness', 'safety', 'liveness failure', 'safety failure'],
    markdown: 'A **safety** failure means something wrong happens — funds stolen, invalid state accepted. A **liveness** failure means something right stops happening — withdrawals stall, funds frozen, users censored. Many designs trade one for the other: a high threshold protects safety but makes liveness depend on more signers.',
    seeAlso: ['Multisig (m-of-n)'],
  },
  {
    term: 'Stage',
    aliases: ['stage', 'stage-0', 'stage-1', 'stage-2', 'stages'],
    markdown: 'L2BEAT\'s maturity ladder for rollups. **Stage 0**: a working proof system and data on L1, but training wheels everywhere. **Stage 1**: only a properly built security council can override the proofs, and users get ≥7 days to exit before other upgrades. **Stage 2**: permissionless proofs, ≥30 days to exit, council limited to provable bugs.',
    criterion: L2B('Stage 0 / 1 / 2 requirements; a project\'s stage is the highest with nothing missing.'),
    seeAlso: ['Security council', 'Exit window'],
  },
  {
    term: 'Stop! (very high risk)',
    aliases: ['stop', 'stop!', 'very-high', 'very high'],
    markdown: 'Bitcoin Layers\' worst rating on an axis, shown as a red "Stop!": users depend on parties they cannot hold to account, such as a single custodian, an undisclosed or too small signer set, unverifiable code, or data only the operator holds. l2spec shows it as `very-high` and caps the tier at Weak when custody gets it.',
    criterion: BL('Anything below the "red" floor of an axis (for custody: ≥5 publicly known external signers) is Very High risk, "Stop!".'),
    seeAlso: ['Single custodian', 'Verifiable code', 'Publicly known members'],
  },
  {
    term: 'Single custodian',
    aliases: ['single-custodian', 'custodian', 'single-party'],
    markdown: 'One party holds the keys to the BTC. It can take or freeze everything, and a single compromise, court order or mistake does the same. Bitcoin Layers stops rating at this point.',
    criterion: BL('A single custodian is very high (Stop!) for custody.'),
    seeAlso: ['Federation'],
  },
  {
    term: 'Light client',
    aliases: ['light-client', 'mintTrigger', 'user-proof', 'spv'],
    markdown: 'A verifier that follows Bitcoin\'s headers and checks inclusion proofs, so a bridge can credit a deposit **because Bitcoin says so** rather than because a relayer or federation says so. It is the strongest way to trigger mints of wrapped BTC.',
    criterion: BL('Wrapped BTC: mint by light client is low risk, by a federation medium, by a single relayer high, undisclosed very high.'),
    seeAlso: ['Relayer', 'Wrapped BTC'],
  },
  {
    term: 'Relayer',
    aliases: ['relayer', 'single-relayer'],
    markdown: 'A party that carries events from Bitcoin (deposits) to another chain. If a single relayer\'s word is enough to mint wrapped BTC, it can mint unbacked tokens or refuse to credit deposits.',
    criterion: BL('Wrapped BTC: a single relayer triggering mints is high risk.'),
    seeAlso: ['Light client', 'Wrapped BTC'],
  },
  {
    term: 'Wrapped BTC',
    aliases: ['wrapped-btc', 'wrapped', 'tokenUpgradeDelay'],
    markdown: 'A token on another chain that claims to be backed 1:1 by BTC. Its safety is the bridge\'s custody plus the token contract\'s own powers: who can mint, pause, blacklist or upgrade it, and how quickly. A token upgrade delay of **48 hours or more** gives holders time to react.',
    criterion: BL('Wrapped BTC: a token upgrade delay of at least 48 h is low risk; pause or blacklist held by one party is high.'),
    seeAlso: ['Light client', 'Pause and blacklist'],
  },
  {
    term: 'Pause and blacklist',
    aliases: ['pause', 'blacklist', 'freeze'],
    markdown: 'Powers to stop all transfers (pause) or freeze particular addresses (blacklist). They can limit damage after a hack, but whoever holds them can **freeze users** at will. Held by one party they are a censorship risk; behind a council or governance they are more accountable.',
    criterion: BL('Pause or blacklist controlled by a single party rates high.'),
    seeAlso: ['Security council'],
  },
  {
    term: 'Publicly known members',
    aliases: ['publiclyKnown', 'operatorsDisclosed', 'disclosed', 'undisclosed'],
    markdown: 'Whether the people or organisations behind a signer, operator or committee set are named. Anonymous members cannot be held to account, and nobody can check whether they are really independent or one entity in disguise.',
    criterion: BL('Undisclosed signers or operators are rated very high (Stop!).'),
    seeAlso: ['External members', 'Federation'],
  },
  {
    term: 'External members',
    aliases: ['external', 'external members'],
    markdown: 'Members of a set that are independent of the team building the system. Keys held by the builder\'s employees or affiliates add little: they fail together. The frameworks count external members separately for signers, challengers, committees and councils.',
    criterion: BL('Custody high needs ≥5 external signers; a sidesystem needs ≥4 external.'),
    seeAlso: ['Publicly known members', 'Sidesystem'],
  },
  {
    term: 'Permissionless',
    aliases: ['permissionless', 'permissioned'],
    markdown: 'Anyone can take the role (challenge, watch, sequence, propose), perhaps after posting a bond. For roles where **one honest participant** is enough, permissionless entry is what makes the guarantee real: nobody can pick a set that happens to collude.',
    criterion: L2B('Stage 2 needs permissionless fraud proofs.'),
    seeAlso: ['Challengers', 'Watchtower'],
  },
  {
    term: 'Challengers',
    aliases: ['challengers', 'stateValidation.challengers'],
    markdown: 'The set allowed to dispute invalid claims (fraud proofs, BitVM challenges). If it is small or chosen by the operator, "one honest challenger" may not exist when needed.',
    criterion: L2B('Fewer than 5 challengers, or fewer than 5 external, rates bad; ≥5 external a warning; permissionless good.'),
    seeAlso: ['Fraud proof', 'BitVM', 'Permissionless'],
  },
  {
    term: 'Settlement',
    aliases: ['settlement', 'direct', 'anchored', 'l1.settlement'],
    markdown: 'How the user\'s claim is finally enforced. **Direct**: Bitcoin script itself enforces it (channels, statechains, Ark exits, BitVM with open challengers). **Anchored**: commitments go to Bitcoin but the system\'s own validators decide. **None**: independent of Bitcoin. In a spec, `l1.settlement` is the author\'s *claim*: l2spec derives the link from the design\'s custody, exits and anchoring, and reports a claim stronger than the design gives (L2S-TRN-010).',
    criterion: OWN('The link to Bitcoin is derived from the structure; the declared settlement is checked against it, never read as the tier.'),
    seeAlso: ['Security tier', 'Who must collude', 'Anchoring'],
  },
  {
    term: 'Security tier',
    aliases: ['tier', 'strong', 'moderate', 'weak', 'security spectrum'],
    markdown: 'l2spec\'s one-word answer to *how directly does Bitcoin protect the user\'s BTC?* **Strong**: Bitcoin script enforces every user\'s claim and no coalition of others can steal (users may still have to watch or renew). **Moderate**: the claim is script-enforced or anchored, and stealing needs the system\'s own publicly known operators at Bitcoin Layers\' sidesystem floor (at least 5 members, 4 external), more than one organisation. **Weak**: no link to Bitcoin, or a single, undisclosed or too-small group can steal. It is derived from *who must collude*, never from a label; freezing, censoring and halting are reported beside it.',
    criterion: OWN('Security spectrum (Strong / Moderate / Weak) from how the claim reaches Bitcoin and the smallest coalition that can steal (docs/assessment.md).'),
    seeAlso: ['Who must collude', 'Settlement', 'Sidesystem'],
  },
  {
    term: 'Who must collude',
    aliases: ['collude', 'collusion', 'coalition', 'coalitions', 'minimal coalition', 'entities', 'entity', 'operatedBy'],
    markdown: 'For each failure — **steal** the BTC, **freeze** withdrawals, **censor** a user, **halt** the system — the smallest groups of parties that can cause it together, counted in **independent organisations**: members the spec gives as the builder\'s count once, external members one each unless `operatedBy` says two sets share operators. Each coalition carries its conditions (after an emergency timelock, only if users cannot exit before an upgrade) and what users must do themselves (watch a channel, renew a VTXO). A smaller coalition in a diff is a regression ("steal: 11 → 3 entities").',
    criterion: OWN('The trust model (engine/trust): parties and threshold gates compiled from the spec; the tier reads the steal answer.'),
    seeAlso: ['Security tier', 'Threshold', 'Emergency recovery path'],
  },
  {
    term: 'Finality',
    aliases: ['finality', 'finality.source', 'user-held', 'alt-consensus'],
    markdown: 'When a transaction can no longer be reversed, and by whom. Strongest when it follows from data posted to Bitcoin or from something only the user can spend; weaker when an alternative consensus decides, weaker still with a federation, and weakest with one operator.',
    criterion: BL('Finality: Bitcoin or user-held is low, alternative consensus medium, federation high, otherwise very high.'),
    seeAlso: ['Settlement', 'Anchoring'],
  },
  {
    term: 'Verifiable code',
    aliases: ['openSource', 'nodeSource', 'contractsVerified', 'transparency', 'source-available', 'closed', 'nodeOpenSource', 'proverSource'],
    markdown: 'Whether anyone can inspect and run the software that enforces the rules (node, signer, prover, contracts). If it is closed or the deployed contracts do not match published source, every other claim about the design is unverifiable.',
    criterion: BL('Anything that cannot be verified (closed-source node or contracts) is rated "Stop!".'),
    seeAlso: ['Data availability'],
  },
  {
    term: 'Operators',
    aliases: ['operators', 'operator', 'single-operator', 'network operators'],
    markdown: 'Those who run the network: produce blocks, order transactions, serve data. Peer-to-peer operation is best; an open node set with minimal permission is next; a disclosed set of ≥5 external operators is weaker; one operator or an undisclosed set can censor at will.',
    criterion: BL('Network operators: peer-to-peer low; open permissioned entry or >50% merge mining medium; ≥5 external known operators high; otherwise very high.'),
    seeAlso: ['Sequencer', 'Publicly known members'],
  },
  {
    term: 'Validators',
    aliases: ['validators', 'consensus', 'validator set'],
    markdown: 'The nodes of an alternative consensus (often proof of stake) that agree on the L2 chain. An open, at least minimally permissioned validator set spreads trust; a small or closed one is a federation by another name.',
    criterion: BL('Network operators: an open-source node with at least minimally permissioned entry rates medium.'),
    seeAlso: ['Slashing', 'Operators'],
  },
  {
    term: 'Prover',
    aliases: ['prover'],
    markdown: 'Produces the validity proofs a ZK system depends on. A prover cannot forge state if proofs are checked, but if only one party can prove and it stops, state stops advancing and withdrawals wait.',
    seeAlso: ['Validity proof', 'Proposer'],
  },
  {
    term: 'Unverified',
    aliases: ['unverified', 'unreadable', 'claimed'],
    markdown: 'A rating **status**, not a level: a fact the level needs cannot be checked. The spec leaves it out (is a peg declared at all? are the signers publicly known? how many are external?), writes it in a form l2spec cannot read (a misspelled key, a malformed duration), or marks it as only claimed (`claimed: [field]`: the project says so, but nothing public lets anyone check it). Bitcoin Layers says "Unverified" for claims it cannot check instead of taking them at their word or inventing the worst; a claim never lifts a rating, so a claimed shortfall still counts. Finding L2S-TRN-005 names the fact to declare or the claim to back with evidence. *Under review* is different: the axis is not rated at all (`underReview` on the section, or a value outside the table).',
    criterion: BL('A review that lacks a fact, or cannot check a project\'s claim, marks the axis Unverified; the level follows once the fact is disclosed and can be checked.'),
    seeAlso: ['Under review', 'Publicly known members', 'External members'],
  },
  {
    term: 'Under review',
    aliases: ['under review', 'under-review', 'underReview'],
    markdown: 'A rating **status**, not a level: the axis is not rated. The spec marks it so with `underReview: <why>` on `dataAvailability`, `finality`, a peg (its custody) or a component that runs the network, because its author has not settled the facts yet; or it declares a value the framework\'s table has no row for. Nothing is asked for, unlike *Unverified*, where a needed fact is missing or only claimed.',
    criterion: BL('Under Review: the framework has not (yet) rated the axis.'),
    seeAlso: ['Unverified'],
  },
  {
    term: 'Canonical peg',
    aliases: ['canonical', 'enshrined peg', 'enshrined bridge'],
    markdown: 'The peg the chain itself runs (its **enshrined** bridge). A chain often holds several BTC tokens: its own peg, tokens issued by custodians, tokens arriving through other bridges. Bitcoin Layers rates each peg on its own and heads the system\'s custody with the canonical one; l2spec does the same (`canonical: true`, else the first peg) and names a worse peg in the tier reasons.',
    criterion: BL('Custody is rated per peg; the headline custody is the enshrined peg\'s, listed first.'),
    seeAlso: ['Two-way peg', 'Custody hop'],
  },
  {
    term: 'Custody hop',
    aliases: ['hops', 'custody hops', 'second bridge'],
    markdown: 'One leg of the path a token takes to reach the chain: BTC held by a custodian, whose wrapped token is then locked in a second bridge, for example. Every hop has its own holder and its own upgrade path, and any one of them can lose the BTC, so the **worst hop rates the token** (`pegs[].hops`).',
    criterion: BL('A token is only as safe as every bridge it passed through.'),
    seeAlso: ['Canonical peg', 'Wrapped BTC'],
  },
  {
    term: 'Proof of reserves',
    aliases: ['proofOfReserves', 'proof-of-reserves'],
    markdown: 'Evidence that the BTC backing a token exists: on-chain (anyone can check the reserve addresses) or by attestation (an auditor says so). It shows the coins are there **today**; it does not change who can move them, so it does not raise the custody rating (`pegs[].proofOfReserves`).',
    seeAlso: ['Wrapped BTC', 'Single custodian'],
  },
  {
    term: 'Upgrade path',
    aliases: ['upgradePaths', 'upgrade paths', 'emergency path', 'two-party sign-off', 'holders'],
    markdown: 'One way to change a system: who must sign (`holder`, or `holders` when two parties such as a foundation and a council must both sign) and how long the change waits (`delay`). Rollups typically have a **regular** timelocked path and an **emergency** path held by a Security Council. L2BEAT rates each path: the worst sets the exit window, shown with the regular path\'s window beside it. Stage 1 accepts an instant path only when a properly set-up council must sign it (a two-party sign-off counts when the council\'s part alone meets the bar); `scope: provable-bugs` is what Stage 2 allows.',
    criterion: L2B(`Stage 1: anyone less decentralised than a Security Council of ≥${FRAMEWORK_FLOORS.councilMinMembers} members with a ≥${FRAMEWORK_FLOORS.councilMinThresholdFraction * 100}% threshold must give users ≥${FRAMEWORK_FLOORS.exitWindowBadSeconds / DAY} days to exit.`),
    seeAlso: ['Exit window', 'Security council', 'Upgrade delay'],
  },
  {
    term: 'Fallback timeout',
    aliases: ['proposerFallbackTimeout', 'fallback timeout'],
    markdown: `How long the proposers must be silent before users may self-propose state or use the escape hatch. A fallback that opens after days is a real escape; one that opens only after months (l2spec: more than ${ASSESSMENT_FLOORS.proposerFallbackMaxSeconds / DAY} days) leaves users stuck meanwhile, so L2BEAT rates it as no fallback.`,
    criterion: L2B('Proposer failure: self-propose after a short timeout is good; after months it counts as none (bad).'),
    seeAlso: ['Self-propose', 'Escape hatch'],
  },
  {
    term: 'Metaprotocol',
    aliases: ['metaprotocol', 'bitcoin-ordered'],
    markdown: 'A protocol whose transactions are ordinary Bitcoin transactions, ordered by Bitcoin miners in Bitcoin blocks, with indexers deriving the state from them. Bitcoin itself is the sequencer (this is not merge-mining), so network operators and data availability are low when all data is in Bitcoin transactions.',
    criterion: BL('Transactions ordered by Bitcoin miners in Bitcoin blocks: network operators low; data availability low when all data is on Bitcoin.'),
    seeAlso: ['Client-side validation', 'Merge mining'],
  },
  {
    term: 'Trusted hardware (TEE)',
    aliases: ['tee', 'trustedHardware', 'sgx', 'trusted execution environment'],
    markdown: 'Keys or proofs kept inside a trusted execution environment (Intel SGX, AWS Nitro…). Users then trust the hardware vendor and whoever runs the machines as well; published remote attestations let anyone check which code runs, but a TEE is not a proof. l2spec rates TEE-held custody by who runs the hardware, and TEE attestations are not a proof system for L2BEAT stages.',
    seeAlso: ['Threshold signature and MPC', 'Validity proof'],
  },
  {
    term: 'Host chain',
    aliases: ['host', 'l1.host', 'host-chain', 'l1.bitcoin'],
    markdown: 'The chain a system settles on (`l1.host`): where its state roots, proofs and data go and where its bridge contract lives. An EVM rollup that holds wrapped BTC usually settles on Ethereum; it may also write checkpoints to Bitcoin (`l1.bitcoin.relation: anchors`), but writing to Bitcoin is not settling there. Finality from data on Ethereum is medium, from a smaller host chain high.',
    criterion: BL('Finality from data posted to another chain (Ethereum) → medium; from a smaller host chain or an external DA network → high.'),
    seeAlso: ['Settlement', 'Anchoring', 'Finality'],
  },
];

/** Finds the entry for a term, alias or spec path (case-insensitive; dotted aliases match path suffixes). */
export function lookupGlossary(word: string, path?: string): GlossaryEntry | undefined {
  const w = word.trim().toLowerCase();
  if (!w) return undefined;
  if (path) {
    const p = path.toLowerCase().replace(/\.\d+(?=\.|$)/g, '');
    for (const entry of glossary) {
      if (entry.aliases.some((a) => a.includes('.') && (p === a.toLowerCase() || p.endsWith(`.${a.toLowerCase()}`)))) return entry;
    }
  }
  return (
    glossary.find((e) => e.term.toLowerCase() === w) ??
    glossary.find((e) => e.aliases.some((a) => !a.includes('.') && a.toLowerCase() === w)) ??
    glossary.find((e) => normalise(e.term) === normalise(w))
  );
}

/**
 * Finds a glossary entry for a topic typed by a person (`l2spec explain`, the editor's Explain
 * command): everything the hover finds by the same aliases, including the last key of a dotted
 * alias (`timelock` for `emergencyRecovery.timelock`), which the hover matches by its path.
 */
export function findGlossaryTopic(topic: string): GlossaryEntry | undefined {
  const direct = lookupGlossary(topic);
  if (direct) return direct;
  const w = topic.trim().toLowerCase();
  if (!w) return undefined;
  return glossary.find((e) => e.aliases.some((a) => a.includes('.') && (a.toLowerCase() === w || a.toLowerCase().endsWith(`.${w}`))));
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Markdown for one entry, as hovers and `l2spec explain` show it. */
export function glossaryMarkdown(entry: GlossaryEntry): string {
  const parts = [`**${entry.term}**`, entry.markdown];
  if (entry.criterion) parts.push(`*${entry.criterion.framework}:* ${entry.criterion.criterion}`);
  if (entry.seeAlso?.length) parts.push(`See also: ${entry.seeAlso.join(', ')}`);
  return parts.join('\n\n');
}
