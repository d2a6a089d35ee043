import { dangersOf } from './dangers';
import { userInfoFor, serviceAccountUser, userKeys, showSubject, type Subject } from './subjects';
import type { Policy } from './policy';
import { showObject, type Role } from './roles';

/** Groups every user of a kind is in: their bootstrap rights are summed up in one line, not listed. */
const EVERYONE = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts']);
/** Kubernetes' user-facing roles: one row each, not one per rule. */
const SUMMARISED = new Set(['cluster-admin', 'admin', 'edit', 'view']);

/** The keys a subject's requests are authorized under (its user and groups, as subjects.ts makes them). */
function keysOf(subject: Subject, bindingNamespace: string): string[] {
  if (subject.kind === 'Group') return [`group:${subject.name}`];
  const user = subject.kind === 'User' ? subject.name : serviceAccountUser(subject.namespace || bindingNamespace, subject.name);
  return userKeys(userInfoFor(user));
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/**
 * A subject's effective permissions as Markdown: one row per rule (per role for cluster-admin,
 * admin, edit and view) with where it applies, and its dangerous rights flagged (dangers.ts); what
 * every authenticated user may is one line.
 */
export function permissionsMarkdown(policy: Policy, subject: Subject, bindingNamespace = ''): string {
  const grants = policy.grantsFor(keysOf(subject, bindingNamespace));
  const rows: string[] = [];
  const everyone = new Set<string>();
  const flagged = new Set<string>();
  for (const { binding, subject: bound } of grants) {
    if (bound.kind === 'Group' && EVERYONE.has(bound.name) && subject.kind !== 'Group') {
      if ('bootstrap' in binding.source) {
        everyone.add(binding.roleRef.name);
        continue;
      }
    }
    const role = policy.roleOf(binding);
    const where = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `namespace ${binding.namespace}`;
    const via = `${showObject(binding)}${bound.kind === 'Group' && subject.kind !== 'Group' ? ` (group ${bound.name})` : ''}`;
    if (!role) {
      rows.push(`| ${where} | — | ${binding.roleRef.kind} ${cell(binding.roleRef.name)} does not exist | | ${cell(via)} |`);
      continue;
    }
    const rules = policy.rulesOf(role);
    if (SUMMARISED.has(role.name) && 'bootstrap' in role.source) {
      const dangers = [...new Set(rules.flatMap((r) => dangersOf(r.rule)))];
      dangers.forEach((d) => flagged.add(d));
      rows.push(`| ${where} | ${rules.length} rules | ${showObject(role)} (Kubernetes' own) | ${dangers.map((d) => `⚠ ${d}`).join(', ')} | ${cell(via)} |`);
      continue;
    }
    for (const r of rules) {
      const dangers = dangersOf(r.rule);
      dangers.forEach((d) => flagged.add(d));
      const target = r.rule.nonResourceURLs.length ? r.rule.nonResourceURLs.join(', ') : `${r.rule.resources.join(', ')}${groupsNote(r.rule.apiGroups)}${r.rule.resourceNames.length ? ` (${r.rule.resourceNames.join(', ')})` : ''}`;
      rows.push(`| ${where} | ${cell(r.rule.verbs.join(', '))} | ${cell(target)} | ${dangers.map((d) => `⚠ ${d}`).join(', ')} | ${cell(via)}: ${cell(roleName(role, r.role))} |`);
    }
  }
  const head = `**${showSubject(subject, bindingNamespace)}**: effective permissions`;
  const parts = [head];
  if (rows.length) parts.push(['| where | verbs | resources | danger | through |', '|---|---|---|---|---|', ...rows].join('\n'));
  else parts.push('No binding of these manifests gives it rights.');
  if (flagged.size) parts.push(`⚠ ${[...flagged].join(', ')}`);
  if (everyone.size) parts.push(`As every ${subject.kind === 'ServiceAccount' ? 'service account and ' : ''}authenticated user, also: ${[...everyone].sort().join(', ')} (bootstrap).`);
  return parts.join('\n\n');
}

const groupsNote = (groups: string[]): string => (groups.length === 1 && groups[0] === '' ? '' : ` (${groups.map((g) => (g === '' ? 'core' : g)).join(', ')})`);

const roleName = (bound: Role, wrote: Role): string => (bound === wrote ? showObject(bound) : `${showObject(bound)} ← ${showObject(wrote)}`);

