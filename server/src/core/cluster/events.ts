import type { Range } from '../text/lineIndex';

/** The components a step goes through, in the order of the architecture (the panel's flow diagram). */
export const COMPONENTS = ['kubectl', 'kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Where in the workspace a step comes from. */
export interface SourceRef {
  file: string;
  range: Range;
}

/**
 * One step of the simulation. `type`, `reason` and `message` are what `kubectl events` would show
 * (upstream texts); `object` is `Kind/namespace/name` (`Kind/name` when cluster-scoped).
 */
export interface SimulationEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  object: string;
  message: string;
  component: Component;
  source?: SourceRef;
}
