import { createHash } from 'node:crypto';
import { limitRangeItems, type LimitRangeItem } from './limitRange';
import { quotaOf, type Quota } from './resourceQuota';

type Obj = Record<string, unknown>;

export interface NamespacePolicy {
  kind: 'LimitRange' | 'ResourceQuota';
  name: string;
  namespace: string;
  object: Obj;
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
  };
}

/** The LimitRanges and ResourceQuotas of the workspace, per file, looked up by namespace. */
export class NamespacePolicies {
  private readonly byFile = new Map<string, NamespacePolicy[]>();

  setFile(file: string, policies: NamespacePolicy[]): boolean {
    const before = JSON.stringify(this.byFile.get(file) ?? []);
    if (policies.length) this.byFile.set(file, policies);
    else this.byFile.delete(file);
    return before !== JSON.stringify(policies);
  }

  private all(namespace: string): NamespacePolicy[] {
    return [...this.byFile.values()].flat().filter((p) => p.namespace === namespace);
  }

  limitRanges(namespace: string): Array<{ name: string; items: LimitRangeItem[] }> {
    return this.all(namespace)
      .filter((p) => p.kind === 'LimitRange')
      .map((p) => ({ name: p.name, items: limitRangeItems(p.object) }));
  }

  quotas(namespace: string): Quota[] {
    return this.all(namespace)
      .filter((p) => p.kind === 'ResourceQuota')
      .map((p) => quotaOf(p.object));
  }

  /** Changes when a namespace's policies change: part of the cache key of its workloads. */
  fingerprint(namespace: string): string {
    const list = this.all(namespace);
    return list.length ? createHash('sha1').update(JSON.stringify(list.map((p) => p.object))).digest('hex').slice(0, 12) : '';
  }
}
