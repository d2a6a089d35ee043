import { resourceOf } from '../cluster/apiErrors';
import { CLUSTER_SCOPED_KINDS } from '../cluster/scope';

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/** Plurals resourceOf gets wrong. */
const PLURALS: Record<string, string> = { Endpoints: 'endpoints' };

/**
 * Resources RBAC rules name that are no kind: impersonation's users, groups, uids and userextras,
 * and the signers of certificates.k8s.io (approve, sign).
 */
const NOT_KINDS: Array<[group: string, resource: string]> = [
  ['', 'users'],
  ['', 'groups'],
  ['authentication.k8s.io', 'uids'],
  ['authentication.k8s.io', 'userextras'],
  ['certificates.k8s.io', 'signers'],
];

/** kubectl's short names of built-in resources (API discovery's shortNames). */
const SHORT_NAMES: Record<string, string> = {
  cm: 'configmaps', cj: 'cronjobs', crd: 'customresourcedefinitions', csr: 'certificatesigningrequests', deploy: 'deployments', ds: 'daemonsets', ep: 'endpoints', ev: 'events', hpa: 'horizontalpodautoscalers',
  ing: 'ingresses', limits: 'limitranges', netpol: 'networkpolicies', no: 'nodes', ns: 'namespaces', pc: 'priorityclasses', pdb: 'poddisruptionbudgets', po: 'pods', pv: 'persistentvolumes',
  pvc: 'persistentvolumeclaims', quota: 'resourcequotas', rc: 'replicationcontrollers', rs: 'replicasets', sa: 'serviceaccounts', sc: 'storageclasses', sts: 'statefulsets', svc: 'services',
};

/**
 * The built-in resources of one Kubernetes version, by API group: the plural of every kind it
 * serves (schemas/api-lifecycle.json), as API discovery lists them.
 */
export class BuiltinResources {
  private readonly byGroup = new Map<string, Set<string>>();
  /** resource → its groups, the core group first (kubectl's preference), then in lifecycle order. */
  private readonly groups = new Map<string, string[]>();
  private readonly byKind = new Map<string, string>();
  private readonly clusterScoped = new Set<string>();
  /** `group/resource` of the kinds earlier versions served. */
  private readonly former = new Set<string>();

  constructor(
    kinds: Array<{ apiVersion: string; kind: string }>,
    readonly isBuiltinGroup: (group: string) => boolean,
    formerKinds: Array<{ apiVersion: string; kind: string }> = [],
  ) {
    for (const { apiVersion, kind } of formerKinds) this.former.add(`${groupOf(apiVersion)}/${PLURALS[kind] ?? resourceOf(kind)}`);
    const add = (group: string, resource: string): void => {
      let set = this.byGroup.get(group);
      if (!set) this.byGroup.set(group, (set = new Set()));
      set.add(resource);
      const list = this.groups.get(resource) ?? [];
      if (!list.includes(group)) this.groups.set(resource, group === '' ? [group, ...list] : [...list, group]);
    };
    for (const { apiVersion, kind } of kinds) {
      const resource = PLURALS[kind] ?? resourceOf(kind);
      add(groupOf(apiVersion), resource);
      this.byKind.set(kind.toLowerCase(), resource);
      if (CLUSTER_SCOPED_KINDS.has(kind)) this.clusterScoped.add(`${groupOf(apiVersion)}/${resource}`);
    }
    for (const [group, resource] of NOT_KINDS) add(group, resource);
  }

  /** Whether the group serves the resource (a subresource's resource: `pods/log` → pods). */
  has(group: string, resource: string): boolean {
    return this.byGroup.get(group)?.has(resource.split('/')[0]) ?? false;
  }

  /** Whether the group served the resource in an earlier Kubernetes version (`extensions` deployments, `policy` podsecuritypolicies). */
  wasServed(group: string, resource: string): boolean {
    return this.former.has(`${group}/${resource.split('/')[0]}`);
  }

  /** The groups that serve a resource. */
  groupsOf(resource: string): string[] {
    return this.groups.get(resource.split('/')[0]) ?? [];
  }

  isClusterScoped(group: string, resource: string): boolean {
    return this.clusterScoped.has(`${group}/${resource}`);
  }

  /**
   * A command line's resource as kubectl reads it: `pods`, `deployments.apps`, a kind (`deployment`)
   * or short name (`deploy`), with `/subresource`. A bare name is looked up in the built-in
   * resources (kubectl asks API discovery); an unknown one is taken as a core resource, `known` false.
   */
  parse(arg: string): { apiGroup: string; resource: string; subresource: string; known: boolean } {
    const slash = arg.indexOf('/');
    const [head, subresource] = slash === -1 ? [arg, ''] : [arg.slice(0, slash), arg.slice(slash + 1)];
    const dot = head.indexOf('.');
    if (dot !== -1) {
      const resource = this.canonical(head.slice(0, dot));
      const apiGroup = head.slice(dot + 1);
      return { apiGroup, resource, subresource, known: this.has(apiGroup, resource) || !this.isBuiltinGroup(apiGroup) };
    }
    const resource = this.canonical(head);
    const groups = this.groupsOf(resource);
    return { apiGroup: groups[0] ?? '', resource, subresource, known: groups.length > 0 || resource === '*' };
  }

  private canonical(name: string): string {
    const lower = name.toLowerCase();
    if (this.groups.has(lower)) return lower;
    return SHORT_NAMES[lower] ?? this.byKind.get(lower) ?? lower;
  }
}
