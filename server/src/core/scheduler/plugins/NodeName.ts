import { unresolvable, type Plugin } from '../framework';

/** pkg/scheduler/framework/plugins/nodename/node_name.go */
export const ErrReasonNodeName = "node(s) didn't match the requested node name";

export const NodeName: Plugin = {
  name: 'NodeName',
  filter(state, node) {
    return state.pod.nodeName && state.pod.nodeName !== node.name ? unresolvable(ErrReasonNodeName) : undefined;
  },
};
