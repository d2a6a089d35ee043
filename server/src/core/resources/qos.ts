import { readResourceList } from './resourceList';
import { obj, podContainers, type Obj } from '../model/obj';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';
const QOS_RESOURCES = new Set(['cpu', 'memory']);

/**
 * ComputePodQOS (pkg/apis/core/helper/qos/qos.go), on a defaulted pod spec: only cpu and memory, only
 * quantities above zero; with pod-level resources set, only those decide.
 */
export function podQOS(spec: Obj): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const addRequests = (value: unknown): void => {
    for (const [name, q] of readResourceList(value)) {
      if (QOS_RESOURCES.has(name) && q.nanos > 0n) requests.set(name, (requests.get(name) ?? 0n) + q.nanos);
    }
  };
  /** Adds limits; a set of limits without both cpu and memory rules Guaranteed out. */
  const addLimits = (value: unknown): void => {
    const found = new Set<string>();
    for (const [name, q] of readResourceList(value)) {
      if (QOS_RESOURCES.has(name) && q.nanos > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + q.nanos);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  };
  const podLevel = obj(spec.resources);
  if (podLevel) {
    if (Object.keys(obj(podLevel.requests) ?? {}).length) addRequests(podLevel.requests);
    if (Object.keys(obj(podLevel.limits) ?? {}).length) addLimits(podLevel.limits);
  } else {
    for (const { container } of podContainers(spec)) {
      const r = obj(container.resources);
      addRequests(r?.requests);
      addLimits(r?.limits);
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
