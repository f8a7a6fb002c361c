// Trust rules, grouped by area. Each file exports one `rule` with its metadata beside its check;
// the order here is the order findings of equal position are produced in.
import type { Rule } from '../types.js';
import { rule as singleCustodian } from './custody/singleCustodian.js';
import { rule as undisclosedSigners } from './custody/undisclosedSigners.js';
import { rule as federationBelowFloor } from './custody/federationBelowFloor.js';
import { rule as noUnilateralExit } from './custody/noUnilateralExit.js';
import { rule as thresholdBelowHalf } from './custody/thresholdBelowHalf.js';
import { rule as thresholdBelowTwoThirds } from './custody/thresholdBelowTwoThirds.js';
import { rule as noEmergencyRecovery } from './custody/noEmergencyRecovery.js';
import { rule as emergencyPathWeaker } from './custody/emergencyPathWeaker.js';
import { rule as emergencyTimelockShort } from './custody/emergencyTimelockShort.js';
import { rule as bitvmChallengersFew } from './custody/bitvmChallengersFew.js';
import { rule as bitvmChallengersPermissioned } from './custody/bitvmChallengersPermissioned.js';
import { rule as collateralBelowValue } from './custody/collateralBelowValue.js';
import { rule as mintUndisclosed } from './custody/mintUndisclosed.js';
import { rule as mintSingleRelayer } from './custody/mintSingleRelayer.js';
import { rule as mintFederationRelay } from './custody/mintFederationRelay.js';
import { rule as pegOutPermissioned } from './custody/pegOutPermissioned.js';
import { rule as settlementClaimMismatch } from './transparency/settlementClaimMismatch.js';
import { rule as disputeWindowShort } from './exits/disputeWindowShort.js';
import { rule as watchtowersMissing } from './exits/watchtowersMissing.js';
import { rule as vtxoExpiry } from './exits/vtxoExpiry.js';
import { rule as outOfRoundTrusted } from './exits/outOfRoundTrusted.js';
import { rule as exitWindowUnderSevenDays } from './exits/exitWindowUnderSevenDays.js';
import { rule as exitWindowUnderThirtyDays } from './exits/exitWindowUnderThirtyDays.js';
import { rule as instantUpgradeWithoutCouncil } from './exits/instantUpgradeWithoutCouncil.js';
import { rule as operatorOnly } from './da/operatorOnly.js';
import { rule as dacUndisclosed } from './da/dacUndisclosed.js';
import { rule as dacWeak } from './da/dacWeak.js';
import { rule as externalDaWithoutBridge } from './da/externalDaWithoutBridge.js';
import { rule as offBitcoinForBitcoinL2 } from './da/offBitcoinForBitcoinL2.js';
import { rule as altConsensusClosedNode } from './da/altConsensusClosedNode.js';
import { rule as permissionedAccess } from './da/permissionedAccess.js';
import { rule as selfHostedNoBackup } from './da/selfHostedNoBackup.js';
import { rule as singleSequencerNoForcedInclusion } from './operators/singleSequencerNoForcedInclusion.js';
import { rule as noForcedInclusion } from './operators/noForcedInclusion.js';
import { rule as enqueueOnly } from './operators/enqueueOnly.js';
import { rule as forcedInclusionUnbounded } from './operators/forcedInclusionUnbounded.js';
import { rule as undisclosedOperators } from './operators/undisclosedOperators.js';
import { rule as operatorSetSmall } from './operators/operatorSetSmall.js';
import { rule as mergeMiningLowHashrate } from './operators/mergeMiningLowHashrate.js';
import { rule as proposerNoFallback } from './operators/proposerNoFallback.js';
import { rule as proposerFallbackGovernance } from './operators/proposerFallbackGovernance.js';
import { rule as noStateValidation } from './validation/noStateValidation.js';
import { rule as fraudProofChallengersFew } from './validation/fraudProofChallengersFew.js';
import { rule as fraudProofsPermissioned } from './validation/fraudProofsPermissioned.js';
import { rule as closedProver } from './validation/closedProver.js';
import { rule as snarkTrustedSetup } from './validation/snarkTrustedSetup.js';
import { rule as anchoringNotFinalized } from './finality/anchoringNotFinalized.js';
import { rule as federationFinality } from './finality/federationFinality.js';
import { rule as operatorFinality } from './finality/operatorFinality.js';
import { rule as keyDeletionSingleOperator } from './finality/keyDeletionSingleOperator.js';
import { rule as keyDeletionUnprovable } from './finality/keyDeletionUnprovable.js';
import { rule as improperCouncil } from './governance/improperCouncil.js';
import { rule as councilUnlimitedScope } from './governance/councilUnlimitedScope.js';
import { rule as tokenUpgradeDelayShort } from './governance/tokenUpgradeDelayShort.js';
import { rule as pauseSingleParty } from './governance/pauseSingleParty.js';
import { rule as blacklistSingleParty } from './governance/blacklistSingleParty.js';
import { rule as upgradePolicyUndeclared } from './governance/upgradePolicyUndeclared.js';
import { rule as closedSourceNode } from './transparency/closedSourceNode.js';
import { rule as unverifiedContracts } from './transparency/unverifiedContracts.js';
import { rule as rollupClaimMismatch } from './transparency/rollupClaimMismatch.js';
import { rule as trustlessClaimMismatch } from './transparency/trustlessClaimMismatch.js';
import { rule as undeclaredRatingFact } from './transparency/undeclaredRatingFact.js';
import { rule as selfContradiction } from './transparency/selfContradiction.js';

export const trustRules: readonly Rule[] = [
  // custody
  singleCustodian, // L2S-CUST-001
  undisclosedSigners, // L2S-CUST-002
  federationBelowFloor, // L2S-CUST-003
  noUnilateralExit, // L2S-CUST-004
  thresholdBelowHalf, // L2S-CUST-005
  thresholdBelowTwoThirds, // L2S-CUST-006
  noEmergencyRecovery, // L2S-CUST-007
  emergencyPathWeaker, // L2S-CUST-008
  emergencyTimelockShort, // L2S-CUST-009
  bitvmChallengersFew, // L2S-CUST-010
  bitvmChallengersPermissioned, // L2S-CUST-011
  collateralBelowValue, // L2S-CUST-012
  mintUndisclosed, // L2S-CUST-013
  mintSingleRelayer, // L2S-CUST-014
  mintFederationRelay, // L2S-CUST-015
  pegOutPermissioned, // L2S-CUST-016
  // exits
  disputeWindowShort, // L2S-EXIT-001
  watchtowersMissing, // L2S-EXIT-002
  vtxoExpiry, // L2S-EXIT-003
  outOfRoundTrusted, // L2S-EXIT-004
  exitWindowUnderSevenDays, // L2S-EXIT-005
  exitWindowUnderThirtyDays, // L2S-EXIT-006
  instantUpgradeWithoutCouncil, // L2S-EXIT-007
  // da
  operatorOnly, // L2S-DA-001
  dacUndisclosed, // L2S-DA-002
  dacWeak, // L2S-DA-003
  externalDaWithoutBridge, // L2S-DA-004
  offBitcoinForBitcoinL2, // L2S-DA-005
  altConsensusClosedNode, // L2S-DA-006
  permissionedAccess, // L2S-DA-007
  selfHostedNoBackup, // L2S-DA-008
  // operators
  singleSequencerNoForcedInclusion, // L2S-OPS-001
  noForcedInclusion, // L2S-OPS-002
  enqueueOnly, // L2S-OPS-003
  forcedInclusionUnbounded, // L2S-OPS-004
  undisclosedOperators, // L2S-OPS-005
  operatorSetSmall, // L2S-OPS-006
  mergeMiningLowHashrate, // L2S-OPS-007
  proposerNoFallback, // L2S-OPS-008
  proposerFallbackGovernance, // L2S-OPS-009
  // validation
  noStateValidation, // L2S-PROOF-001
  fraudProofChallengersFew, // L2S-PROOF-002
  fraudProofsPermissioned, // L2S-PROOF-003
  closedProver, // L2S-PROOF-004
  snarkTrustedSetup, // L2S-PROOF-005
  // finality
  anchoringNotFinalized, // L2S-FIN-001
  federationFinality, // L2S-FIN-002
  operatorFinality, // L2S-FIN-003
  keyDeletionSingleOperator, // L2S-FIN-004
  keyDeletionUnprovable, // L2S-FIN-005
  // governance
  improperCouncil, // L2S-GOV-001
  councilUnlimitedScope, // L2S-GOV-002
  tokenUpgradeDelayShort, // L2S-GOV-003
  pauseSingleParty, // L2S-GOV-004
  blacklistSingleParty, // L2S-GOV-005
  upgradePolicyUndeclared, // L2S-GOV-006
  // transparency
  closedSourceNode, // L2S-TRN-001
  unverifiedContracts, // L2S-TRN-002
  rollupClaimMismatch, // L2S-TRN-003
  trustlessClaimMismatch, // L2S-TRN-004
  undeclaredRatingFact, // L2S-TRN-005
  selfContradiction, // L2S-TRN-006
  settlementClaimMismatch, // L2S-TRN-010
];
