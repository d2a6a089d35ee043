import { createHash } from 'node:crypto';
import { limitRangeItems, type LimitRangeItem } from './limitRange';
import { quotaOf, type Quota } from './resourceQuota';

import type { Obj } from '../model/obj';

export interface NamespacePolicy {
  kind: 'LimitRange' | 'ResourceQuota';
  name: string;
  namespace: string;
  object: Obj;
  /** Read once when indexed. */
  limitRange?: LimitRangeItem[];
  quota?: Quota;
}

/** Is this object a LimitRange or ResourceQuota (v1)? Then it constrains the pods of its namespace. */
export function policyOf(value: unknown, defaultNamespace = 'default'): NamespacePolicy | undefined {
  const o = value as Obj | undefined;
  if (!o || typeof o !== 'object' || o.apiVersion !== 'v1' || (o.kind !== 'LimitRange' && o.kind !== 'ResourceQuota')) return undefined;
  const meta = (o.metadata ?? {}) as Obj;
  return {
    kind: o.kind,
    name: typeof meta.name === 'string' ? meta.name : '',
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

  private all(namespace: string): NamespacePolicy[] {
    return [...this.byFile.values()].flat().filter((p) => p.namespace === namespace);
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
