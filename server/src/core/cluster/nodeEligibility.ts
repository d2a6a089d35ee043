import { obj, type Obj } from '../model/obj';
import { labelsOf } from '../scheduler/labels';
import { matchesRequiredNodeAffinity, requiredNodeAffinity } from '../scheduler/nodeSelector';
import { blocksScheduling, findUntoleratedTaint, taintsOf, tolerationsOf } from '../scheduler/taints';

/**
 * Whether a pod may go to a node by its taints, nodeSelector and required node affinity: what the
 * DaemonSet controller asks before making a node's pod (pkg/controller/daemon NodeShouldRunDaemonPod),
 * with the scheduler's own matching rules.
 */
export const untoleratedTaint = (node: Obj, tolerations: unknown): unknown =>
  findUntoleratedTaint(taintsOf(obj(node.spec)?.taints), tolerationsOf(tolerations), blocksScheduling);

export const matchesNodeSelectorAndAffinity = (podSpec: Obj, node: Obj): boolean =>
  matchesRequiredNodeAffinity(requiredNodeAffinity(podSpec), labelsOf(obj(node.metadata)?.labels), String(obj(node.metadata)?.name ?? ''));
