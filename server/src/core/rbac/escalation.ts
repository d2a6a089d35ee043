import { RULES } from '../rules';
import type { SimulationFinding } from '../cluster/findings/types';
import { isBootstrapName } from '../checks/bestPractices/bootstrapPolicy';
import { ruleAllows, type Request } from './matching';
import { covers } from './covers';
import type { PolicyRule } from './rule';
import { showSubject } from './subjects';
import type { Policy } from './policy';
import { showObject, type Role, type RoleRule } from './roles';

const RBAC = 'rbac.authorization.k8s.io';
const request = (verb: string, apiGroup: string, resource: string, name = ''): Request => ({ verb, apiGroup, resource, subresource: '', name, namespace: 'any' });

/** The verbs RBAC checks to let a user past its escalation prevention (pkg/registry/rbac/escalation_check.go). */
const PATHS: Array<{ verb: string; resources: Array<[group: string, resource: string]>; what: string }> = [
  { verb: 'escalate', resources: [[RBAC, 'roles'], [RBAC, 'clusterroles']], what: 'create or update roles with rights it does not have (escalate), then bind them' },
  { verb: 'bind', resources: [[RBAC, 'roles'], [RBAC, 'clusterroles']], what: 'bind roles with rights it does not have (bind)' },
  {
    verb: 'impersonate',
    resources: [['', 'users'], ['', 'groups'], ['', 'serviceaccounts'], ['authentication.k8s.io', 'uids'], ['authentication.k8s.io', 'userextras']],
    what: 'act as other users, groups or service accounts (impersonate, kubectl --as), with their rights',
  },
];

/**
 * KP220: rules of the workspace's roles that open RBAC's own escalation paths: `escalate` on roles,
 * `bind` on roles (unless only on roles whose rights the holder has anyway), `impersonate`. Named
 * verbs only, and `*` on resources named: `*` on `*` is KP186's. On the verb; related: the bindings
 * that give the role to subjects, directly or through an aggregated ClusterRole.
 */
export function escalationFindings(policy: Policy): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  for (const role of policy.allRoles) {
    if (!('manifest' in role.source) || isBootstrapName(role.name) || role.aggregation) continue;
    const own = policy.rulesOf(role).map((r) => r.rule);
    for (const r of role.rules) {
      for (const path of PATHS) {
        const verbAt = r.rule.verbs.indexOf(path.verb) !== -1 ? r.rule.verbs.indexOf(path.verb) : r.rule.resources.includes('*') ? -1 : r.rule.verbs.indexOf('*');
        if (verbAt === -1) continue;
        const open = path.resources.filter(([g, res]) => ruleAllows({ ...r.rule, resourceNames: [] }, request(path.verb, g, res)));
        if (open.length === 0) continue;
        let limited = '';
        if (path.verb === 'bind' && r.rule.resourceNames.length) {
          // bind on named roles: a path only through those with rights the holder lacks.
          const beyond = r.rule.resourceNames.filter((name) => boundBeyond(policy, role, name, own));
          if (beyond.length === 0) continue;
          limited = ` (${beyond.map((n) => `"${n}"`).join(', ')}, which ${beyond.length === 1 ? 'has' : 'have'} rights it does not)`;
        }
        const creates = own.some((o) => ['rolebindings', 'clusterrolebindings'].some((res) => ['create', 'update', 'patch'].some((v) => ruleAllows(o, request(v, RBAC, res)))));
        const also = path.verb === 'bind' && creates ? '; it may also create bindings, so it can give them to anyone, itself included' : '';
        out.push(finding(policy, role, r, verbAt, `rules[${r.index}] grants "${path.verb}" on ${open.map(([, res]) => res).join(', ')}${limited}: whoever holds ${showObject(role)} can ${path.what}${also}`));
      }
    }
  }
  return out;
}

/** Whether binding the named role (a Role of the holder's namespace, else a ClusterRole) would give rights the holder lacks. */
function boundBeyond(policy: Policy, holder: Role, name: string, own: PolicyRule[]): boolean {
  const target = policy.allRoles.find((r) => r.name === name && (r.kind === 'ClusterRole' || r.namespace === holder.namespace));
  if (!target) return true; // unknown: a role it may create later, or one of the cluster's
  return !covers(own, policy.rulesOf(target).map((r) => r.rule));
}

function finding(policy: Policy, role: Role, r: RoleRule, verbAt: number, message: string): SimulationFinding {
  const source = r.source as Extract<RoleRule['source'], { manifest: unknown }>;
  const m = source.manifest;
  const holders = [role, ...policy.aggregatorsOf(role)];
  const bindings = policy.bindings.filter((b) => holders.includes(policy.roleOf(b)!));
  const subjects = bindings.flatMap((b) => b.subjects.map((s) => showSubject(s, b.namespace)));
  const held = subjects.length ? ` (held by ${subjects.slice(0, 2).join(', ')}${subjects.length > 2 ? `, and ${subjects.length - 2} more` : ''})` : '';
  const related = bindings
    .filter((b) => 'manifest' in b.source)
    .map((b) => {
      const s = b.source as Extract<typeof b.source, { manifest: unknown }>;
      return { file: s.manifest.file, range: s.manifest.locate(s.path), message: `${showObject(b)} gives it to ${b.subjects.map((s) => showSubject(s, b.namespace)).join(', ') || 'no subject'}` };
    });
  return {
    file: m.file,
    range: m.locate([...source.path, 'verbs', verbAt]),
    code: RULES.rbacEscalation.code,
    severity: RULES.rbacEscalation.severity,
    message: message + held,
    ...(related.length ? { related } : {}),
  };
}
