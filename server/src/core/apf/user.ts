import type { RequestDigest } from './types';

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * The user a request is made as with kubectl --as USER [--as-group GROUP]… (k8s.io/apiserver v0.35.7
 * pkg/endpoints/filters/impersonation/impersonation.go): a service account without groups gets its
 * groups; a user other than system:anonymous is in system:authenticated unless the groups name
 * system:authenticated or system:unauthenticated; system:anonymous is in system:unauthenticated.
 * APF runs after impersonation: it sees this user.
 */
export function impersonatedUser(name: string, groups: readonly string[]): RequestDigest['user'] {
  const out = [...groups];
  const sa = SERVICE_ACCOUNT.exec(name);
  if (sa && groups.length === 0) out.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (name !== 'system:anonymous') {
    if (!out.includes('system:authenticated') && !out.includes('system:unauthenticated')) out.push('system:authenticated');
  } else if (!out.includes('system:unauthenticated')) out.push('system:unauthenticated');
  return { name, groups: out };
}
