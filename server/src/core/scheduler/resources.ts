import { milliValue, wholeValue } from '../resources/quantity';
import { readResourceList, type ResourceList } from '../resources/resourceList';

/**
 * The scheduler's framework.Resource: cpu in millicores, everything else in whole units (bytes,
 * devices), as numbers (exact below 2^53, far above any node).
 */
export type Resources = Record<string, number>;

/** v1helper.IsExtendedResourceName: domain-prefixed, outside kubernetes.io, not a quota `requests.` name. */
export function isExtendedResourceName(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  return !native && !name.startsWith('requests.');
}

/** schedutil.IsScalarResourceName: extended resources, hugepages and attachable volumes. */
export const isScalarResourceName = (name: string): boolean =>
  isExtendedResourceName(name) || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');

/** Resource.Add: the names the scheduler counts (cpu, memory, ephemeral-storage, scalar ones). */
export function schedulerResources(list: ResourceList): Resources {
  const out: Resources = {};
  for (const [name, q] of list) {
    if (name === 'cpu') out.cpu = Number(milliValue(q));
    else if (name === 'memory' || name === 'ephemeral-storage' || isScalarResourceName(name)) out[name] = Number(wholeValue(q));
  }
  return out;
}

/** Node.status.allocatable (never capacity: the scheduler reads allocatable only). */
export function nodeAllocatable(status: unknown): { resources: Resources; pods: number } {
  const list = readResourceList((status as { allocatable?: unknown } | undefined)?.allocatable);
  const pods = list.get('pods');
  return { resources: schedulerResources(list), pods: pods ? Number(wholeValue(pods)) : 0 };
}

export function addResources(into: Resources, add: Resources, sign = 1): void {
  for (const name in add) into[name] = (into[name] ?? 0) + sign * add[name];
}

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: the non-zero requests of scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
