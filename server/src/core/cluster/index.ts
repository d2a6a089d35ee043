/** The embedded cluster simulator: `kubectl apply` of manifests on a cluster profile, replayed. */
export type { Manifest, ManifestFile } from './manifests';
export { defaultProfile, profileFrom, resolveProfile, settingsOf, isProfileDocument, PROFILE_API_VERSION, PROFILE_KIND, type ClusterProfile, type ClusterSettings } from './profile';
export { simulate, type SimulationResult, type SimulationOptions, type Rejection } from './simulate';
export { planOf, planSucceeds, type PlanEntry, type PlanAction, type Rollout, type RolloutStep, type AppliedChange } from './plan';
export type { FieldChange } from './fieldDiff';
export { simulationFindings } from './findings/applyTime';
export { schedulingFindings } from './findings/scheduling';
export type { SimulationFinding } from './findings/types';
export { COMPONENTS, type SimulationEvent, type Component, type SourceRef } from './events';
export { READY_ANNOTATION } from './kubelet';
export { parseCron, nextRun } from '../model/cron';
export { podTemplateHash, nameSuffix } from './names';
export { ClusterIPAllocator, NodePortAllocator } from './allocators';
export { nameOf } from './store';
export { proxyNode, proxyConfig, proxyObjects, nodeProxy, type NodeProxy } from './proxyView';
export { schedulingByWorkload, rejectionOf, podsWord, type WorkloadScheduling, type PodPlacement } from './workloadScheduling';
