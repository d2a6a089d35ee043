/** API Priority and Fairness: the configuration, where a request goes, the levels' seats, problems (docs/apf.md). */
export { apfConfiguration, activeFlowSchemas, isFlowSchema, isPriorityLevel, type ApfConfiguration } from './configuration';
export { classify, computeFlowDistinguisher, type Classification } from './classify';
export { levelCapacities, type LevelCapacity } from './concurrency';
export { levelsTable, tabwriter } from './levelsTable';
export { matchesFlowSchema, matchesPolicyRule } from './match';
export { deal, dealerError, requiredEntropyBits, MAX_HASH_BITS } from './shuffleSharding';
export { hashFlowID } from './hashFlowID';
export { impersonatedUser } from './user';
export { requestDigest, type ClassifyRequest } from './request';
export { shadows } from './shadowing';
export { apfProblems, type ApfProblem } from './problems';
export { AUTO_UPDATE_ANNOTATION, MANDATORY_FLOW_SCHEMAS, MANDATORY_PRIORITY_LEVELS, SUGGESTED_FLOW_SCHEMAS, SUGGESTED_PRIORITY_LEVELS } from './bootstrap';
export type * from './types';
