/** kube-proxy's rules for one node of the simulated cluster: iptables, IPVS and nftables modes. */
export type { ProxyConfig, ProxyMode, ProxyModel, ServicePort, Endpoint, Rule, Match, Target, TableRules, Table, Protocol } from './types';
export { proxyModel, proxyModelInSteps, DEFAULT_AFFINITY_SECONDS } from './model';
export { chainNames, hashBase32, serviceChain, endpointChain, nftServiceChain, nftEndpointChain } from './naming';
export { servicePortRules, ruleContext, probability, LARGE_CLUSTER_ENDPOINTS_THRESHOLD } from './rules';
export { iptablesTables } from './tables';
export { sortByName } from './sortByName';
export { iptablesRestore, restoreRule } from './restore';
export { iptablesSave, saveRule, saveProbability, iptablesPreamble, jumpRules } from './save';
export { rulesForServicePort, findServicePort, type ServicePortRules } from './extract';
export { explainServicePort } from './explain';
export { tracePacket, type TracePacket, type TraceResult, type TraceStep } from './trace';
export { ipvsRules, ipvsadmList, ipsetSave, ipsetEntries, ipvsIptables, virtualServers, type VirtualServer } from './ipvs';
export { nftablesRules, nftDuration } from './nftables';
export { nftAddressSet } from './nftAddressSet';
export { renderRules, type RuleFormat } from './render';
