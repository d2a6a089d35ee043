import { unresolvable, type Plugin } from '../framework';
import { tolerationsTolerateTaint } from '../taints';

/** pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go */
export const ErrReasonUnschedulable = 'node(s) were unschedulable';
const TAINT_NODE_UNSCHEDULABLE = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

export const NodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  filter(state, node) {
    if (!node.unschedulable || tolerationsTolerateTaint(state.pod.tolerations, TAINT_NODE_UNSCHEDULABLE)) return undefined;
    return unresolvable(ErrReasonUnschedulable);
  },
};
