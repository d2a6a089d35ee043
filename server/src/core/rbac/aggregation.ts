import type { Role, RoleRule } from './roles';

/**
 * The rules of a ClusterRole as the clusterrole-aggregation controller leaves them
 * (pkg/controller/clusterroleaggregation): for an aggregated role, the rules of every other
 * ClusterRole one of its selectors matches, by name order, each rule once — its own rules are
 * replaced. Aggregation is transitive: `view` aggregates into `edit`, `edit` into `admin`, each the
 * other's stored (aggregated) rules. A cycle contributes nothing more.
 */
export class Aggregation {
  private readonly done = new Map<Role, RoleRule[]>();
  private readonly visiting = new Set<Role>();
  private readonly byName: Role[];

  constructor(clusterRoles: Iterable<Role>) {
    this.byName = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  rulesOf(role: Role): RoleRule[] {
    if (!role.aggregation) return role.rules;
    const known = this.done.get(role);
    if (known) return known;
    if (this.visiting.has(role)) return [];
    this.visiting.add(role);
    const seen = new Set<string>();
    const rules: RoleRule[] = [];
    for (const selector of role.aggregation) {
      for (const other of this.byName) {
        if (other === role || !selector.matches(other.labels)) continue;
        for (const r of this.rulesOf(other)) {
          const key = JSON.stringify(r.rule);
          if (seen.has(key)) continue;
          seen.add(key);
          rules.push(r);
        }
      }
    }
    this.visiting.delete(role);
    this.done.set(role, rules);
    return rules;
  }

  /** The aggregated ClusterRoles that take in a role's rules (directly). */
  aggregatorsOf(role: Role): Role[] {
    return this.byName.filter((r) => r !== role && r.aggregation?.some((s) => s.matches(role.labels)));
  }
}
