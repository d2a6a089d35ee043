// kubeplan can-i and who-can on test/fixtures/rbac: kubectl auth can-i's yes/no and exit status, then
// the rule and binding that grant it (file:line, or the bootstrap policy), or why nothing does.
import test from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run.mjs';

const DIR = 'test/fixtures/rbac';
const ROLES = `${DIR}/roles.yaml`;
const BINDINGS = `${DIR}/bindings.yaml`;

const CASES = [
  [
    'a service account through its RoleBinding',
    ['can-i', 'get', 'pods', '-n', 'team', '--as', 'system:serviceaccount:team:app', DIR],
    0,
    `yes
rule: rules[0] of Role team/pod-reader (${ROLES}:8): verbs [get list watch], resources [pods pods/log] of apiGroups [""]
binding: RoleBinding team/read-pods (${BINDINGS}:4) to ServiceAccount team/app
`,
  ],
  [
    'a rule that names the objects (NAME given)',
    ['can-i', 'update', 'configmaps', 'app-config', '-n', 'team', '--as', 'bob', '--as-group', 'ci', DIR],
    0,
    `yes
rule: rules[1] of Role team/deployer (${ROLES}:21): verbs [get update], resources [configmaps] of apiGroups [""], resourceNames [app-config]
binding: RoleBinding team/deploy (${BINDINGS}:19) to Group ci
`,
  ],
  [
    'the wrong verb: the closest rule',
    ['can-i', 'delete', 'pods', '-n', 'team', '--as', 'alice', DIR],
    1,
    `no
the roles bound to User "alice" or its groups (system:authenticated) do not allow delete pods in namespace "team" (Role team/pod-reader)
closest rule: rules[0] of Role team/pod-reader (${ROLES}:8): verbs [get list watch], resources [pods pods/log] of apiGroups [""]
  binding: RoleBinding team/read-pods (${BINDINGS}:4) to User alice
`,
  ],
  [
    'another namespace',
    ['can-i', 'get', 'pods', '-n', 'other', '--as', 'alice', DIR],
    1,
    `no
no binding of User "alice" or its groups (system:authenticated) applies to get pods in namespace "other": RoleBinding team/read-pods (${BINDINGS}:4) grants in namespace "team"
`,
  ],
  [
    'no binding at all',
    ['can-i', 'get', 'pods', '--as', 'bob', DIR],
    1,
    `no
no RoleBinding or ClusterRoleBinding of these manifests names User "bob" or its groups (system:authenticated); the bootstrap policy grants nothing that allows get pods in namespace "default"
`,
  ],
  [
    'a custom resource aggregated into view, through the namespace\'s service account group',
    ['can-i', 'list', 'widgets.example.com', '-n', 'team', '--as', 'system:serviceaccount:team:other', DIR],
    0,
    `yes
rule: rules[0] of ClusterRole widgets-view (${ROLES}:33), aggregated into ClusterRole view: verbs [get list watch], resources [widgets] of apiGroups [example.com]
binding: RoleBinding team/viewers (${BINDINGS}:32) to Group system:serviceaccounts:team
`,
  ],
  [
    'system:masters',
    ['can-i', 'delete', 'nodes', '--as', 'root', '--as-group', 'system:masters', DIR],
    0,
    `yes
rule: rules[0] of bootstrap ClusterRole cluster-admin: verbs [*], resources [*] of apiGroups [*]
binding: bootstrap ClusterRoleBinding cluster-admin to Group system:masters
`,
  ],
  [
    'a non-resource URL',
    ['can-i', 'get', '/healthz', '--as', 'nobody', DIR],
    0,
    `yes
rule: rules[0] of bootstrap ClusterRole system:discovery: verbs [get], nonResourceURLs [/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/]
binding: bootstrap ClusterRoleBinding system:discovery to Group system:authenticated
`,
  ],
  [
    'who-can: every subject, bootstrap ones included',
    ['who-can', 'get', 'pods', '-n', 'team', DIR],
    0,
    `Group system:masters: bootstrap ClusterRoleBinding cluster-admin; rules[0] of bootstrap ClusterRole cluster-admin
ServiceAccount team/app: RoleBinding team/read-pods (${BINDINGS}:4); rules[0] of Role team/pod-reader (${ROLES}:8)
User alice: RoleBinding team/read-pods (${BINDINGS}:4); rules[0] of Role team/pod-reader (${ROLES}:8)
Group system:serviceaccounts:team: RoleBinding team/viewers (${BINDINGS}:32); rules[0] of bootstrap ClusterRole system:aggregate-to-view, aggregated into ClusterRole view
`,
  ],
  [
    'who-can: a cluster-wide right',
    ['who-can', 'create', 'rolebindings.rbac.authorization.k8s.io', '-n', 'team', DIR],
    0,
    `Group system:masters: bootstrap ClusterRoleBinding cluster-admin; rules[0] of bootstrap ClusterRole cluster-admin
ServiceAccount ops/operator: ClusterRoleBinding granter (${BINDINGS}:45); rules[0] of ClusterRole role-granter (${ROLES}:42)
`,
  ],
];

for (const [name, args, status, stdout] of CASES) {
  test(`kubeplan ${args.slice(0, 3).join(' ')}…: ${name}`, () => {
    const r = runCli(args);
    assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, { status, stdout, stderr: '' });
  });
}

test('usage errors exit 2 with one line; an unknown resource is a warning', () => {
  const results = [['can-i', 'get', 'pods', DIR], ['can-i', 'get', '--as', 'x'], ['can-i', 'get', '/healthz', 'name', '--as', 'x', DIR], ['who-can', 'get', 'pods', '--as', 'x', DIR]].map((a) => {
    const r = runCli(a);
    return [r.status, r.stdout, r.stderr];
  });
  assert.deepEqual(results, [
    [2, '', 'kubeplan: can-i needs --as USER (system:serviceaccount:NS:NAME for a service account)\n'],
    [2, '', 'kubeplan: can-i needs VERB and RESOURCE (or a URL such as /healthz)\n'],
    [2, '', 'kubeplan: a non-resource URL takes no NAME (got "name")\n'],
    [2, '', 'kubeplan: unknown flag --as\n'],
  ]);
  const r = runCli(['can-i', 'get', 'frobs', '--as', 'x', DIR]);
  assert.deepEqual([r.status, r.stderr], [1, 'kubeplan: warning: resource "frobs" is not a built-in resource of this Kubernetes version: taken as frobs of the core group (name its group: RESOURCE.GROUP)\n']);
});

test('kubeplan check reports the fixture\'s escalation path (KP220) with its binding related', () => {
  const r = runCli(['check', DIR]);
  assert.match(r.stdout, new RegExp(`${ROLES}:47:11: warning KP220 rules\\[1\\] grants "bind" on clusterroles: .* \\(held by ServiceAccount ops/operator\\) \\(also ${BINDINGS}:45\\)`));
});
