import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { isObj, obj, type Obj } from '../../model/obj';
import type { JsonPath } from '../../yaml/nodeAt';
import type { DocSpans } from '../../yaml/spans';
import { isBootstrapName } from './bootstrapPolicy';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Verbs that return a Secret's data: get, list and watch (a list returns every item in full). */
const READ = new Set(['get', 'list', 'watch', '*']);
/** `kubectl exec` and `attach` open their stream with a POST (create) or a websocket GET. */
const EXEC = new Set(['create', 'get', '*']);

/**
 * The rules of a Role or ClusterRole:
 * - KP186 (warning): `*` in verbs or resources: every verb (on RBAC resources escalate and bind,
 *   on users impersonate) or every resource of the groups, those added later included;
 * - KP188 (information): reading Secrets (get, list, watch on `secrets` of the core group), unless
 *   the rule names the Secrets (`resourceNames`);
 * - KP189 (warning): `pods/exec` or `pods/attach`: running commands in the pods' containers, with
 *   their service account tokens and mounted Secrets.
 * Kubernetes' own roles (bootstrapPolicy.ts) are left out.
 */
export function rbacRuleFindings(role: Obj, prefix: JsonPath, spans: DocSpans): DocFinding[] {
  if (isBootstrapName(obj(role.metadata)?.name) || !Array.isArray(role.rules)) return [];
  const scope = role.kind === 'ClusterRole' ? 'in every namespace it is bound for' : 'in its namespace';
  const out: DocFinding[] = [];
  role.rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = (field: string, j: number): [number, number] => spans.value([...prefix, 'rules', i, field, j]);
    const verbs = strings(rule.verbs);
    const resources = strings(rule.resources);
    verbs.forEach((v, j) => {
      if (v === '*') out.push(docFinding(RULES.rbacWildcard, `rules[${i}].verbs: "*" grants every verb on these resources, those added later included`, at('verbs', j)));
    });
    resources.forEach((r, j) => {
      if (r === '*') out.push(docFinding(RULES.rbacWildcard, `rules[${i}].resources: "*" grants every resource of these API groups, those added later (custom resources) included`, at('resources', j)));
    });
    const groups = strings(rule.apiGroups);
    if (!groups.includes('') && !groups.includes('*')) return;
    resources.forEach((r, j) => {
      if (r === 'secrets' && strings(rule.resourceNames).length === 0) {
        const read = verbs.filter((v) => READ.has(v));
        if (read.length) out.push(docFinding(RULES.secretsAccess, `rules[${i}] reads Secrets (${read.join(', ')}): whoever holds this role reads every Secret ${scope}, service account tokens and TLS keys included`, at('resources', j)));
      }
      if (r === 'pods/exec' || r === 'pods/attach') {
        const can = verbs.filter((v) => EXEC.has(v));
        if (can.length) out.push(docFinding(RULES.podExecAccess, `rules[${i}] allows ${r} (${can.join(', ')}): whoever holds this role runs commands in the pods' containers ${scope}, with their service account tokens and mounted Secrets`, at('resources', j)));
      }
    });
  });
  return out;
}
