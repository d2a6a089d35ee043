/** The embedded cluster simulator: `kubectl apply` of manifests on a cluster profile, replayed. */
export { manifestsOf, type Manifest, type ManifestFile } from './manifests';
export { defaultProfile, profileFrom, resolveProfile, settingsOf, isProfileDocument, PROFILE_API_VERSION, PROFILE_KIND, type ClusterProfile, type ClusterSettings } from './profile';
export { simulate, type SimulationResult, type SimulationOptions, type Rejection } from './simulate';
export { simulationFindings, type SimulationFinding } from './findings';
export { COMPONENTS, type SimulationEvent, type Component, type SourceRef } from './events';
export { READY_ANNOTATION } from './kubelet';
export { parseCron, nextRun } from './cron';
export { podTemplateHash, nameSuffix } from './names';
export { ClusterIPAllocator, NodePortAllocator } from './allocators';
export { nameOf } from './store';
export { proxyNode, proxyConfig, proxyObjects, renderRules, type RuleFormat } from './proxyView';
export { nodeProxy, nodeRules, serviceRulesMarkdown, traceText, type NodeProxy } from './serviceRules';
export { schedulingByWorkload, schedulingLensTitle, rejectionOf, podsWord, type WorkloadScheduling, type PodPlacement } from './workloadScheduling';
export { schedulingFindings } from './schedulingFindings';
export { explainScheduling, type SchedulingExplanation, type PodExplanation } from './schedulingExplanation';
