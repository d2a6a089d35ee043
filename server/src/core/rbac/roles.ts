import type { Labels } from '../scheduler/labels';
import type { Selector } from '../scheduler/labels';
import type { PolicyRule, Source } from './rule';
import type { Subject } from './subjects';

/** A Role or ClusterRole (namespace '' for a ClusterRole), of the workspace or of the bootstrap policy. */
export interface Role {
  kind: 'Role' | 'ClusterRole';
  namespace: string;
  name: string;
  labels: Labels;
  source: Source;
  /** The rules as written. */
  rules: RoleRule[];
  /** aggregationRule.clusterRoleSelectors: the controller replaces the rules with those of the ClusterRoles they select. */
  aggregation?: Selector[];
}

/** One rule, with the role that wrote it (an aggregated role's rules keep their own role). */
export interface RoleRule {
  rule: PolicyRule;
  role: Role;
  /** Its index in that role's rules. */
  index: number;
  source: Source;
}

/** A RoleBinding (namespace: its own) or ClusterRoleBinding (namespace ''). */
export interface Binding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  namespace: string;
  name: string;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  subjects: Subject[];
  source: Source;
}

/** `ClusterRole view`, `Role team/reader`, `RoleBinding team/read`. */
export const showObject = (o: { kind: string; namespace: string; name: string }): string => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
