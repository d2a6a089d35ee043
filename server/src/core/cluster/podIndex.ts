import { obj, type Obj } from '../model/obj';
import { labelsOf, type Labels } from './labels';
import { metaOf, namespaceOf } from './store';

/**
 * The pods of the cluster indexed the way controllers look them up (the informers' indexers): by
 * owner uid, and by namespace and label pair, so that selecting pods for 1,000 Services does not
 * walk every pod 1,000 times.
 */
export class PodIndex {
  private readonly byOwner = new Map<string, Obj[]>();
  private readonly byLabel = new Map<string, Array<{ pod: Obj; labels: Labels }>>();

  constructor(pods: Obj[]) {
    for (const pod of pods) {
      for (const ref of Array.isArray(metaOf(pod).ownerReferences) ? (metaOf(pod).ownerReferences as unknown[]) : []) {
        const o = obj(ref);
        if (o?.controller !== true) continue;
        const list = this.byOwner.get(String(o.uid)) ?? [];
        list.push(pod);
        this.byOwner.set(String(o.uid), list);
      }
      const labels = labelsOf(pod);
      for (const [k, v] of Object.entries(labels)) {
        const key = `${namespaceOf(pod)}\u0000${k}=${v}`;
        const list = this.byLabel.get(key) ?? [];
        list.push({ pod, labels });
        this.byLabel.set(key, list);
      }
    }
  }

  owned(owner: Obj): Obj[] {
    return this.byOwner.get(String(metaOf(owner).uid)) ?? [];
  }

  /** Pods of a namespace matching every pair of a map selector (an empty selector selects nothing). */
  selected(namespace: string, selector: Labels): Obj[] {
    const pairs = Object.entries(selector);
    if (pairs.length === 0) return [];
    const [k, v] = pairs[0];
    return (this.byLabel.get(`${namespace}\u0000${k}=${v}`) ?? []).filter((c) => pairs.every(([key, value]) => c.labels[key] === value)).map((c) => c.pod);
  }
}
