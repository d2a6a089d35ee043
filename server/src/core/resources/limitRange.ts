import { formatQuantity, milliValue, wholeValue, type Quantity } from './quantity';
import { readResourceList, type ResourceList } from './resourceList';
import { podResources } from './podResources';
import { obj, podContainers, type Obj } from '../model/obj';

/**
 * LimitRanger admission (plugin/pkg/admission/limitranger/admission.go): defaults a pod's containers
 * from `type: Container` limits, then checks min, max and maxLimitRequestRatio, with its messages.
 */

export interface LimitRangeItem {
  type: string;
  min: ResourceList;
  max: ResourceList;
  default: ResourceList;
  defaultRequest: ResourceList;
  maxLimitRequestRatio: ResourceList;
}

/** A LimitRange's items, with the Container defaults filled in as the API server defaults them. */
export function limitRangeItems(limitRange: unknown): LimitRangeItem[] {
  const limits = obj(obj(limitRange)?.spec)?.limits;
  if (!Array.isArray(limits)) return [];
  return limits.map((raw) => {
    const i = obj(raw) ?? {};
    const item: LimitRangeItem = {
      type: typeof i.type === 'string' ? i.type : '',
      min: readResourceList(i.min),
      max: readResourceList(i.max),
      default: readResourceList(i.default),
      defaultRequest: readResourceList(i.defaultRequest),
      maxLimitRequestRatio: readResourceList(i.maxLimitRequestRatio),
    };
    // SetDefaults_LimitRangeItem: default ← max; defaultRequest ← default, else ← min.
    if (item.type === 'Container') {
      for (const [n, q] of item.max) if (!item.default.has(n)) item.default.set(n, { ...q });
      for (const [n, q] of item.default) if (!item.defaultRequest.has(n)) item.defaultRequest.set(n, { ...q });
      for (const [n, q] of item.min) if (!item.defaultRequest.has(n)) item.defaultRequest.set(n, { ...q });
    }
    return item;
  });
}

/** One default LimitRanger applies: which field of which container gets which value. */
export interface LimitRangeDefault {
  container: string;
  /** An init container (the annotation says "init container"). */
  init: boolean;
  kind: 'request' | 'limit';
  resource: string;
  value: string;
}

/**
 * defaultContainerResourceRequirements + mergeContainerResources: a missing limit takes `default`, a
 * missing request `defaultRequest` (containers and init containers). Returns the defaulted spec and
 * what was set (the kubernetes.io/limit-ranger annotation).
 */
export function applyLimitRangeDefaults(spec: Obj, items: LimitRangeItem[]): { spec: Obj; applied: LimitRangeDefault[] } {
  const applied: LimitRangeDefault[] = [];
  const containerItems = items.filter((i) => i.type === 'Container');
  if (containerItems.length === 0) return { spec, applied };
  const defaults: ResourceList = new Map();
  const defaultRequests: ResourceList = new Map();
  for (const i of containerItems) {
    for (const [n, q] of i.default) defaults.set(n, q);
    for (const [n, q] of i.defaultRequest) defaultRequests.set(n, q);
  }
  const fill = (list: unknown, container: string, init: boolean, kind: 'request' | 'limit', from: ResourceList): Obj => {
    const out = { ...(obj(list) ?? {}) };
    for (const [n, q] of from) {
      if (!(n in out)) {
        out[n] = formatQuantity(q);
        applied.push({ container, init, kind, resource: n, value: formatQuantity(q) });
      }
    }
    return out;
  };
  const each = (list: unknown, init: boolean) =>
    Array.isArray(list)
      ? list.map((c, i) => {
          const o = obj(c);
          if (!o) return c;
          const name = typeof o.name === 'string' ? o.name : `#${i}`;
          const r = obj(o.resources) ?? {};
          return { ...o, resources: { ...r, limits: fill(r.limits, name, init, 'limit', defaults), requests: fill(r.requests, name, init, 'request', defaultRequests) } };
        })
      : list;
  return { spec: { ...spec, containers: each(spec.containers, false), initContainers: each(spec.initContainers, true) }, applied };
}

/**
 * "LimitRanger plugin set: cpu request for container app; cpu, memory limit for container app"
 * (mergeContainerResources: per container, containers before init containers, names sorted).
 */
export function limitRangerAnnotation(applied: LimitRangeDefault[]): string {
  const parts: string[] = [];
  const containers = [...new Map(applied.map((a) => [`${a.init}/${a.container}`, a])).values()];
  for (const { container, init } of containers) {
    for (const kind of ['request', 'limit'] as const) {
      const names = applied.filter((a) => a.container === container && a.init === init && a.kind === kind).map((a) => a.resource).sort();
      if (names.length) parts.push(`${names.join(', ')} ${kind} for ${init ? 'init container' : 'container'} ${container}`);
    }
  }
  return `LimitRanger plugin set: ${parts.join('; ')}`;
}

function observed(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [bigint, bigint, bigint] {
  // requestLimitEnforcedValues: milli-values unless one is too large for them.
  const max = 9_223_372_036_854_775n; // resource.MaxMilliValue
  const values = [req, lim, enforced];
  const useMilli = values.every((q) => !q || wholeValue(q) <= max);
  const v = (q: Quantity | undefined) => (q ? (useMilli ? milliValue(q) : wholeValue(q)) : 0n);
  return [v(req), v(lim), v(enforced)];
}

function check(limitType: string, item: LimitRangeItem, request: ResourceList, limit: ResourceList): string[] {
  const errors: string[] = [];
  for (const [name, enforced] of item.min) {
    const req = request.get(name);
    const lim = limit.get(name);
    const [r, l, e] = observed(req, lim, enforced);
    if (!req) errors.push(`minimum ${name} usage per ${limitType} is ${formatQuantity(enforced)}.  No request is specified`);
    else if (r < e) errors.push(`minimum ${name} usage per ${limitType} is ${formatQuantity(enforced)}, but request is ${formatQuantity(req)}`);
    else if (lim && l < e) errors.push(`minimum ${name} usage per ${limitType} is ${formatQuantity(enforced)}, but limit is ${formatQuantity(lim)}`);
  }
  for (const [name, enforced] of item.max) {
    const req = request.get(name);
    const lim = limit.get(name);
    const [r, l, e] = observed(req, lim, enforced);
    if (!lim) errors.push(`maximum ${name} usage per ${limitType} is ${formatQuantity(enforced)}.  No limit is specified`);
    else if (l > e) errors.push(`maximum ${name} usage per ${limitType} is ${formatQuantity(enforced)}, but limit is ${formatQuantity(lim)}`);
    else if (req && r > e) errors.push(`maximum ${name} usage per ${limitType} is ${formatQuantity(enforced)}, but request is ${formatQuantity(req)}`);
  }
  for (const [name, enforced] of item.maxLimitRequestRatio) {
    const req = request.get(name);
    const lim = limit.get(name);
    const [r, l] = observed(req, lim, enforced);
    if (!req || r === 0n) {
      errors.push(`${name} max limit to request ratio per ${limitType} is ${formatQuantity(enforced)}, but no request is specified or request is 0`);
    } else if (!lim || l === 0n) {
      errors.push(`${name} max limit to request ratio per ${limitType} is ${formatQuantity(enforced)}, but no limit is specified or limit is 0`);
    } else {
      const ratio = Number(l) / Number(r);
      const enforcedMilli = Number(milliValue(enforced));
      if (ratio * 1000 > enforcedMilli) {
        errors.push(`${name} max limit to request ratio per ${limitType} is ${formatQuantity(enforced)}, but provided ratio is ${ratio.toFixed(6)}`);
      }
    }
  }
  return errors;
}

/** PodValidateLimitFunc: every container against `Container` items, the pod sum against `Pod` items. */
export function validateAgainstLimitRange(spec: Obj, items: LimitRangeItem[]): string[] {
  const errors: string[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const { container } of podContainers(spec)) {
        const r = obj(container.resources);
        errors.push(...check('Container', item, readResourceList(r?.requests), readResourceList(r?.limits)));
      }
    } else if (item.type === 'Pod') {
      const pod = podResources(spec, { excludeOverhead: true });
      errors.push(...check('Pod', item, pod.requests, pod.limits));
    }
  }
  return errors;
}

