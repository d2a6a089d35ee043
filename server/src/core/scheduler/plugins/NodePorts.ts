import { unschedulable, type Plugin } from '../framework';

/** pkg/scheduler/framework/plugins/nodeports/node_ports.go */
export const ErrReasonPorts = "node(s) didn't have free ports for the requested pod ports";

export const NodePorts: Plugin = {
  name: 'NodePorts',
  preFilter(state) {
    return state.pod.hostPorts.length === 0 ? { skip: true } : undefined;
  },
  filter(state, node) {
    return state.pod.hostPorts.some((p) => node.portConflicts(p)) ? unschedulable(ErrReasonPorts) : undefined;
  },
};
