import { obj } from '../model/obj';
import { labelSelector, labelsOf } from '../scheduler/labels';
import type { Manifest } from '../cluster/manifests';
import { policyRuleOf } from './rule';
import { subjectKey, type Subject } from './subjects';
import { BOOTSTRAP_BINDINGS, BOOTSTRAP_ROLES } from './bootstrap';
import { Aggregation } from './aggregation';
import type { Binding, Role, RoleRule } from './roles';

const RBAC = 'rbac.authorization.k8s.io/v1';
const KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** A binding's subject, as the index holds it. */
export interface Grant {
  binding: Binding;
  subject: Subject;
}

/**
 * The RBAC policy of a cluster the workspace is applied to: the bootstrap policy, then the
 * workspace's Roles, ClusterRoles and bindings (one of the same name replaces the bootstrap one, as
 * the object in the cluster would), indexed by subject.
 */
export class Policy {
  private readonly clusterRoles = new Map<string, Role>();
  private readonly roles = new Map<string, Role>();
  private readonly bindingsByKey = new Map<string, Binding>();
  private index?: Map<string, Grant[]>;
  private aggregation?: Aggregation;

  constructor(manifests: Iterable<Manifest>, namespaceOf: (m: Manifest) => string) {
    for (const b of BOOTSTRAP_ROLES) {
      const role: Role = { kind: b.kind, namespace: b.namespace, name: b.name, labels: b.labels, source: { bootstrap: `bootstrap ${b.kind} ${b.name}` }, rules: [] };
      role.rules = b.rules.map((rule, index) => ({ rule, role, index, source: role.source }));
      if (b.aggregate) role.aggregation = b.aggregate.map((matchLabels) => labelSelector({ matchLabels }));
      this.addRole(role);
    }
    for (const b of BOOTSTRAP_BINDINGS) this.addBinding({ kind: b.kind, namespace: '', name: b.name, roleRef: { kind: 'ClusterRole', name: b.roleName }, subjects: b.subjects, source: { bootstrap: `bootstrap ${b.kind} ${b.name}` } });
    for (const m of manifests) {
      const { apiVersion, kind } = m.object;
      if (apiVersion !== RBAC || !KINDS.has(kind) || m.invalid) continue;
      const metadata = obj(m.object.metadata) ?? {};
      const name = typeof metadata.name === 'string' ? metadata.name : '';
      const namespace = kind === 'Role' || kind === 'RoleBinding' ? namespaceOf(m) : '';
      if (kind === 'Role' || kind === 'ClusterRole') this.addRole(roleOf(m, kind, namespace, name, labelsOf(metadata.labels)));
      else {
        const binding = bindingOf(m, kind as Binding['kind'], namespace, name);
        if (binding) this.addBinding(binding);
      }
    }
  }

  private addRole(role: Role): void {
    if (role.kind === 'ClusterRole') this.clusterRoles.set(role.name, role);
    else this.roles.set(`${role.namespace}/${role.name}`, role);
  }

  private addBinding(binding: Binding): void {
    this.bindingsByKey.set(`${binding.kind}/${binding.namespace}/${binding.name}`, binding);
  }

  /** Every binding, bootstrap ones first, then the workspace's in order. */
  get bindings(): Binding[] {
    return [...this.bindingsByKey.values()];
  }

  /** Every Role and ClusterRole. */
  get allRoles(): Role[] {
    return [...this.clusterRoles.values(), ...this.roles.values()];
  }

  /** The role a binding refers to: a Role of its namespace, or a ClusterRole. */
  roleOf(binding: Binding): Role | undefined {
    return binding.roleRef.kind === 'ClusterRole' ? this.clusterRoles.get(binding.roleRef.name) : this.roles.get(`${binding.namespace}/${binding.roleRef.name}`);
  }

  /** A role's effective rules: an aggregated ClusterRole's as the aggregation controller makes them. */
  rulesOf(role: Role): RoleRule[] {
    this.aggregation ??= new Aggregation(this.clusterRoles.values());
    return this.aggregation.rulesOf(role);
  }

  /** The aggregated ClusterRoles that take in this role's rules. */
  aggregatorsOf(role: Role): Role[] {
    this.aggregation ??= new Aggregation(this.clusterRoles.values());
    return this.aggregation.aggregatorsOf(role);
  }

  /** The subjects of every binding under the keys of subjectKey (a user name, a group). */
  grantsFor(keys: string[]): Grant[] {
    if (!this.index) {
      this.index = new Map();
      for (const binding of this.bindingsByKey.values()) {
        for (const subject of binding.subjects) {
          const key = subjectKey(subject, binding.namespace);
          if (key === undefined) continue;
          const list = this.index.get(key);
          if (list) list.push({ binding, subject });
          else this.index.set(key, [{ binding, subject }]);
        }
      }
    }
    return keys.flatMap((k) => this.index!.get(k) ?? []);
  }
}

function roleOf(m: Manifest, kind: 'Role' | 'ClusterRole', namespace: string, name: string, labels: Record<string, string>): Role {
  const role: Role = { kind, namespace, name, labels, source: { manifest: m, path: ['metadata', 'name'] }, rules: [] };
  const rules = Array.isArray(m.object.rules) ? m.object.rules : [];
  role.rules = rules.map((raw, index) => ({ rule: policyRuleOf(raw), role, index, source: { manifest: m, path: ['rules', index] } }));
  const aggregation = obj(m.object.aggregationRule);
  if (kind === 'ClusterRole' && aggregation) role.aggregation = (Array.isArray(aggregation.clusterRoleSelectors) ? aggregation.clusterRoleSelectors : []).map((s) => labelSelector(s));
  return role;
}

function bindingOf(m: Manifest, kind: Binding['kind'], namespace: string, name: string): Binding | undefined {
  const ref = obj(m.object.roleRef) ?? {};
  if ((ref.kind !== 'Role' && ref.kind !== 'ClusterRole') || typeof ref.name !== 'string') return undefined;
  // A ClusterRoleBinding may only refer to a ClusterRole (the API server refuses it otherwise).
  if (kind === 'ClusterRoleBinding' && ref.kind === 'Role') return undefined;
  const subjects: Subject[] = [];
  for (const raw of Array.isArray(m.object.subjects) ? m.object.subjects : []) {
    const s = obj(raw);
    if (!s || typeof s.name !== 'string' || (s.kind !== 'User' && s.kind !== 'Group' && s.kind !== 'ServiceAccount')) continue;
    subjects.push({ kind: s.kind, name: s.name, namespace: typeof s.namespace === 'string' ? s.namespace : '' });
  }
  return { kind, namespace, name, roleRef: { kind: ref.kind, name: ref.name }, subjects, source: { manifest: m, path: ['metadata', 'name'] } };
}
