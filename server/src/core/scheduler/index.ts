/** The kube-scheduler's default profile, as a pure function of a pod and a cluster snapshot. */
export { SchedulerSnapshot } from './snapshot';
export { schedulePod, SchedulingGatedMessage, numFeasibleNodesToFind } from './schedule';
export { fitErrorMessage, ErrNoNodesAvailable } from './fitError';
export { DEFAULT_SCORE_WEIGHTS } from './registry';
export { toleratesTaint } from './taints';
export type { SchedulerProfile, ScheduleOptions, NodeReport, ScheduleResult } from './types';
