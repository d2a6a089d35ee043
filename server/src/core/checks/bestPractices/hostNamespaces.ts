import { RULES, type Rule } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import type { PodSpecAt } from './podSpecAt';

/** The host namespaces a pod can share (the baseline Pod Security Standard forbids all three), and what sharing gives its containers. */
const HOST_NAMESPACES: Array<[field: string, rule: Rule, what: string]> = [
  ['hostNetwork', RULES.hostNetwork, "its containers use the node's network: they listen on the node's addresses and ports, see its traffic, and NetworkPolicies do not isolate them"],
  ['hostPID', RULES.hostPID, 'its containers see every process of the node, and can signal or trace those of their user'],
  ['hostIPC', RULES.hostIPC, "its containers share the node's shared memory and semaphores with every host process"],
];

/** KP177, KP178, KP179: `hostNetwork`, `hostPID`, `hostIPC` set to true. */
export function hostNamespaceFindings(pod: PodSpecAt): DocFinding[] {
  return HOST_NAMESPACES.filter(([field]) => pod.spec[field] === true).map(([field, rule, what]) => docFinding(rule, `${field}: true: ${what}`, pod.spans.value([...pod.path, field])));
}
