import { createHash } from 'node:crypto';
import { limitRangeItems, type LimitRangeItem } from './limitRange';
import { quotaOf, type Quota } from './resourceQuota';

import { obj, type Obj } from '../model/obj';
import { readResourceList, type ResourceList } from './resourceList';

export interface NamespacePolicy {
  kind: 'LimitRange' | 'ResourceQuota' | 'RuntimeClass';
  name: string;
  /** '' for a RuntimeClass (cluster-scoped: it applies to every namespace). */
  namespace: string;
  object: Obj;
  /** Read once when indexed. */
  limitRange?: LimitRangeItem[];
  quota?: Quota;
  /** A RuntimeClass's overhead.podFixed. */
  podFixed?: ResourceList;
}

const CLUSTER = '';

/**
 * A LimitRange or ResourceQuota (v1) constrains the pods of its namespace; a RuntimeClass
 * (node.k8s.io/v1) gives the pods that name it their overhead.
 */
export function policyOf(value: unknown, defaultNamespace = 'default'): NamespacePolicy | undefined {
  const o = obj(value);
  if (!o) return undefined;
  const meta = obj(o.metadata) ?? {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (o.apiVersion === 'node.k8s.io/v1' && o.kind === 'RuntimeClass') {
    return { kind: 'RuntimeClass', name, namespace: CLUSTER, object: o, podFixed: readResourceList(obj(o.overhead)?.podFixed) };
  }
  if (o.apiVersion !== 'v1' || (o.kind !== 'LimitRange' && o.kind !== 'ResourceQuota')) return undefined;
  return {
    kind: o.kind,
    name,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace,
    object: o,
    ...(o.kind === 'LimitRange' ? { limitRange: limitRangeItems(o) } : { quota: quotaOf(o) }),
  };
}

/** The LimitRanges and ResourceQuotas of the workspace, per file, looked up by namespace. */
export class NamespacePolicies {
  private readonly byFile = new Map<string, NamespacePolicy[]>();
  private readonly fingerprints = new Map<string, string>();

  setFile(file: string, policies: NamespacePolicy[]): boolean {
    const key = (list: NamespacePolicy[]) => JSON.stringify(list.map((p) => p.object));
    const changed = key(this.byFile.get(file) ?? []) !== key(policies);
    if (policies.length) this.byFile.set(file, policies);
    else this.byFile.delete(file);
    if (changed) this.fingerprints.clear();
    return changed;
  }

  /** The namespace's policies and the cluster-scoped ones (RuntimeClasses). */
  private all(namespace: string): NamespacePolicy[] {
    return [...this.byFile.values()].flat().filter((p) => p.namespace === namespace || p.namespace === CLUSTER);
  }

  /** The overhead a RuntimeClass of the workspace gives the pods that name it, if it is there. */
  runtimeClassOverhead(name: string): ResourceList | undefined {
    return [...this.byFile.values()].flat().find((p) => p.kind === 'RuntimeClass' && p.name === name)?.podFixed;
  }

  limitRanges(namespace: string): Array<{ name: string; items: LimitRangeItem[] }> {
    return this.all(namespace)
      .filter((p) => p.limitRange)
      .map((p) => ({ name: p.name, items: p.limitRange! }));
  }

  quotas(namespace: string): Quota[] {
    return this.all(namespace)
      .filter((p) => p.quota)
      .map((p) => p.quota!);
  }

  /** Changes when a namespace's policies change: part of the cache key of its workloads. */
  fingerprint(namespace: string): string {
    let f = this.fingerprints.get(namespace);
    if (f === undefined) {
      const list = this.all(namespace);
      f = list.length ? createHash('sha1').update(JSON.stringify(list.map((p) => p.object))).digest('hex').slice(0, 12) : '';
      this.fingerprints.set(namespace, f);
    }
    return f;
  }
}
