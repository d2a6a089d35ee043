import { BoundedCache } from '../boundedCache';
import { obj, type Obj } from '../model/obj';

/**
 * Values computed from a pod spec's resource inputs (its containers' names and resources, the
 * sidecars' restart policy, overhead, pod-level resources), kept two ways: by the containers list
 * object, which the pods of one workload share, and by those inputs' content, which the pods of a
 * cluster state (each with lists of its own) share. Values are shared: never mutate them.
 */
export class PodSpecCache<V> {
  private readonly byList = new WeakMap<object, { initContainers: unknown; overhead: unknown; resources: unknown; variant: boolean; value: V }>();
  private readonly byInputs = new BoundedCache<string, V>(4096);

  get(spec: Obj, variant: boolean, compute: () => V): V {
    const list = spec.containers;
    const hit = list && typeof list === 'object' ? this.byList.get(list) : undefined;
    if (hit && hit.initContainers === spec.initContainers && hit.overhead === spec.overhead && hit.resources === spec.resources && hit.variant === variant) return hit.value;
    const inputs = inputsKey(spec, variant);
    let value = this.byInputs.get(inputs);
    if (value === undefined) this.byInputs.set(inputs, (value = compute()));
    if (list && typeof list === 'object') this.byList.set(list, { initContainers: spec.initContainers, overhead: spec.overhead, resources: spec.resources, variant, value });
    return value;
  }
}

/** The resource inputs of a spec as a string, with the caller's variant (ExcludeOverhead). */
function inputsKey(spec: Obj, variant: boolean): string {
  const of = (list: unknown) => (Array.isArray(list) ? list.map((c) => (obj(c) ? [c.name, c.resources, c.restartPolicy] : c)) : list);
  return JSON.stringify([of(spec.containers), of(spec.initContainers), spec.overhead, spec.resources, variant]);
}
