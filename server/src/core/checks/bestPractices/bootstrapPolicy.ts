/**
 * Roles and bindings the API server creates itself (its bootstrap policy, plugin/pkg/auth/authorizer/
 * rbac/bootstrappolicy): `cluster-admin`, `admin`, `edit`, `view` and the `system:` ones. A manifest
 * that holds them (a dump of a cluster) restates Kubernetes' own policy: not reported, as Polaris
 * leaves them out.
 */
export const isBootstrapName = (name: unknown): boolean => typeof name === 'string' && (['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:'));
