import { formatQuantity, parseQuantity, scaleQuantity, type Quantity } from './quantity';
import { readResourceList, type ResourceList } from './resourceList';
import type { PodResources } from './podResources';
import { obj, podContainers, type Obj } from '../model/obj';

/**
 * ResourceQuota admission for pods (pkg/quota/v1/evaluator/core/pods.go and the quota admission
 * controller): what a pod charges, the containers that must specify tracked compute resources, and
 * the "exceeded quota" check, with the API server's messages.
 */

export interface Quota {
  name: string;
  hard: ResourceList;
  /** A quota with scopes or a scope selector only counts some pods (BestEffort, Terminating, a
   * PriorityClass…): not evaluated, so that it never reports a pod it would not count. */
  scoped: boolean;
}

export function quotaOf(object: unknown): Quota {
  const o = obj(object);
  const spec = obj(o?.spec);
  const scoped = (Array.isArray(spec?.scopes) && spec.scopes.length > 0) || obj(spec?.scopeSelector) !== undefined;
  return { name: String(obj(o?.metadata)?.name ?? ''), hard: readResourceList(spec?.hard), scoped };
}

const ONE = parseQuantity('1')!;
/** IsExtendedResourceName: a domain-prefixed name outside kubernetes.io. */
const isExtended = (name: string): boolean => name.includes('/') && !name.split('/')[0].includes('kubernetes.io') && !name.startsWith('requests.');

/** PodUsageFunc: the quota resources one pod charges, from PodRequests/PodLimits. */
export function podCharge(pod: PodResources): ResourceList {
  const charge: ResourceList = new Map([
    ['pods', { ...ONE }],
    ['count/pods', { ...ONE }],
  ]);
  for (const [name, q] of pod.requests) {
    if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage') {
      charge.set(name, { ...q });
      charge.set(`requests.${name}`, { ...q });
    } else if (name.startsWith('hugepages-')) {
      charge.set(name, { ...q });
      charge.set(`requests.${name}`, { ...q });
    } else if (isExtended(name)) {
      charge.set(`requests.${name}`, { ...q });
    }
  }
  for (const [name, q] of pod.limits) {
    if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage') charge.set(`limits.${name}`, { ...q });
  }
  return charge;
}

const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** Constraints: each container must specify the compute resources the quota tracks. Undefined when fine. */
export function mustSpecify(quota: Quota, spec: Obj): string | undefined {
  const required = VALIDATION_SET.filter((r) => quota.hard.has(r));
  if (required.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const { name, container } of podContainers(spec)) {
    const r = obj(container.resources);
    const usage = new Set<string>();
    for (const res of readResourceList(r?.requests).keys()) if (res === 'cpu' || res === 'memory') usage.add(res).add(`requests.${res}`);
    for (const res of readResourceList(r?.limits).keys()) if (res === 'cpu' || res === 'memory') usage.add(`limits.${res}`);
    for (const need of required) if (!usage.has(need)) missing.set(need, (missing.get(need) ?? new Set()).add(name));
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `failed quota: ${quota.name}: must specify ${parts.join('; ')}`;
}

const prettyPrint = (list: ResourceList, names: string[]): string => names.map((n) => `${n}=${formatQuantity(list.get(n) ?? { nanos: 0n, format: 'DecimalSI' })}`).join(',');

/** The admission check for `replicas` pods at once; undefined when they fit. */
export function exceededQuota(quota: Quota, charge: ResourceList, replicas: number, used: ResourceList = new Map()): string | undefined {
  const requested: ResourceList = new Map([...charge].map(([n, q]) => [n, scaleQuantity(q, replicas)]));
  const exceeded: string[] = [];
  for (const [name, hard] of quota.hard) {
    const want = requested.get(name);
    if (!want) continue;
    const total: Quantity = { nanos: (used.get(name)?.nanos ?? 0n) + want.nanos, format: want.format };
    if (total.nanos > hard.nanos) exceeded.push(name);
  }
  if (exceeded.length === 0) return undefined;
  exceeded.sort();
  return `exceeded quota: ${quota.name}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(used, exceeded)}, limited: ${prettyPrint(quota.hard, exceeded)}`;
}
