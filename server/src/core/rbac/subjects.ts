/** An rbac/v1 Subject: `namespace` is a ServiceAccount's ('' when not written). */
export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace: string;
}

/** Who makes a request: the authenticated user name and groups (k8s.io/apiserver user.Info). */
export interface UserInfo {
  name: string;
  groups: string[];
}

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/** k8s.io/apiserver serviceaccount.MakeUsername. */
export const serviceAccountUser = (namespace: string, name: string): string => `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;

/** The namespace and name of a service account's user name, if it is one. */
export function serviceAccountOf(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const [namespace, name, ...rest] = user.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  return namespace && name && rest.length === 0 ? { namespace, name } : undefined;
}

/**
 * The user a request runs as with `kubectl --as USER [--as-group G]…`: the impersonation filter adds
 * system:authenticated (system:unauthenticated for system:anonymous), and a service account's
 * groups, system:serviceaccounts and system:serviceaccounts:NS, as its token would carry them.
 */
export function userInfoFor(user: string, groups: string[] = []): UserInfo {
  const all = [...groups];
  const sa = serviceAccountOf(user);
  if (sa) all.push('system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`);
  all.push(user === 'system:anonymous' ? 'system:unauthenticated' : 'system:authenticated');
  return { name: user, groups: [...new Set(all)] };
}

/**
 * The key a subject is indexed by: the user name it stands for (a ServiceAccount's, its namespace
 * defaulted to the binding's), or the group. undefined: the subject matches no one (a
 * ServiceAccount of a ClusterRoleBinding without a namespace). pkg/registry/rbac/validation/rule.go appliesTo.
 */
export function subjectKey(subject: Subject, bindingNamespace: string): string | undefined {
  if (subject.kind === 'User') return `user:${subject.name}`;
  if (subject.kind === 'Group') return `group:${subject.name}`;
  const namespace = subject.namespace || bindingNamespace;
  return namespace ? `user:${serviceAccountUser(namespace, subject.name)}` : undefined;
}

/** The keys a user is found under: its name and each of its groups. */
export const userKeys = (user: UserInfo): string[] => [`user:${user.name}`, ...user.groups.map((g) => `group:${g}`)];

/** `ServiceAccount team/app`, `User alice`, `Group devs`. */
export const showSubject = (s: Subject, bindingNamespace = ''): string => (s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace || bindingNamespace}/${s.name}` : `${s.kind} ${s.name}`);
