// RBAC as the API server's authorizer evaluates it (core/rbac, docs/rbac.md): upstream's matchers
// and authorizer cases, ClusterRole aggregation, the bootstrap roles, service accounts' groups,
// Covers, and the workspace's findings KP220–KP222.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, rbac, rbacHover, Workspace } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { renderFindings } from '../helpers/render.mjs';

const analyzer = new Analyzer(schemasDir);

/** The policy of a workspace of one file (the analyzer is shared: the file is dropped after). */
function policyOf(yaml) {
  const workspace = new Workspace(analyzer);
  workspace.setFile('rbac.yaml', yaml);
  const policy = workspace.rbacPolicy();
  const builtin = workspace.builtinResources();
  workspace.setFile('rbac.yaml', undefined);
  return { policy, builtin };
}

const rule = (verbs, apiGroups, resources, nonResourceURLs = [], resourceNames = []) => ({ verbs, apiGroups, resources, nonResourceURLs, resourceNames });
const res = (verb, apiGroup, resource, subresource = '', name = '', namespace = 'ns1') => ({ verb, apiGroup, resource, subresource, name, namespace });
const url = (verb, path) => ({ verb, path });

// plugin/pkg/auth/authorizer/rbac/rbac_test.go TestRuleMatches, as tables of request → allowed.
const RULE_MATCHES = [
  ['star verb, exact match other', rule(['*'], ['group1'], ['resource1']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb1', 'group2', 'resource1'), false], [res('verb1', 'group1', 'resource2'), false],
    [res('verb2', 'group1', 'resource1'), true], [res('verb2', 'group2', 'resource2'), false],
  ]],
  ['star group, exact match other', rule(['verb1'], ['*'], ['resource1']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb1', 'group2', 'resource1'), true], [res('verb1', 'group1', 'resource2'), false], [res('verb2', 'group1', 'resource1'), false],
  ]],
  ['star resource, exact match other', rule(['verb1'], ['group1'], ['*']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb1', 'group2', 'resource1'), false], [res('verb1', 'group1', 'resource2'), true], [res('verb2', 'group1', 'resource1'), false],
  ]],
  ['tuple expansion', rule(['verb1', 'verb2'], ['group1', 'group2'], ['resource1', 'resource2']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb2', 'group2', 'resource2'), true], [res('verb1', 'group2', 'resource1'), true], [res('verb3', 'group1', 'resource1'), false],
  ]],
  ['subresource expansion', rule(['*'], ['*'], ['resource1/subresource1']), [
    [res('verb1', 'group1', 'resource1', 'subresource1'), true], [res('verb1', 'group2', 'resource1', 'subresource2'), false], [res('verb1', 'group1', 'resource2', 'subresource1'), false],
    [res('verb1', 'group1', 'resource1'), false],
  ]],
  ['star nonresource, exact match other', rule(['verb1'], [], [], ['*']), [
    [url('verb1', '/foo'), true], [url('verb1', '/foo/bar/one'), true], [url('verb2', '/foo'), false],
  ]],
  ['star nonresource subpath', rule(['verb1'], [], [], ['/foo/*']), [
    [url('verb1', '/foo'), false], [url('verb1', '/foo/bar'), true], [url('verb1', '/foo/bar/one'), true], [url('verb1', '/foo/'), true], [url('verb1', '/foo2'), false],
  ]],
  // evaluation_helpers.go ResourceMatches: */subresource matches that subresource of any resource, not the resource.
  ['star subresource', rule(['get'], [''], ['*/scale']), [
    [res('get', '', 'deployments', 'scale'), true], [res('get', '', 'deployments'), false], [res('get', '', 'deployments', 'status'), false],
  ]],
  // resource/* is no pattern: only the literal resource "pods/*" (which no request names).
  ['resource slash star is literal', rule(['get'], [''], ['pods/*']), [[res('get', '', 'pods', 'log'), false], [res('get', '', 'pods'), false], [res('get', '', 'pods', '*'), true]]],
  // ResourceNameMatches: names given → the request must name one; list and create name none.
  ['resource names', rule(['get', 'list'], [''], ['configmaps'], [], ['a']), [[res('get', '', 'configmaps', '', 'a'), true], [res('get', '', 'configmaps', '', 'b'), false], [res('list', '', 'configmaps'), false]]],
  ['resource rule, URL request', rule(['get'], ['*'], ['*']), [[url('get', '/healthz'), false]]],
];

for (const [name, r, cases] of RULE_MATCHES) {
  test(`RuleAllows: ${name}`, () => {
    assert.deepEqual(cases.map(([request]) => rbac.ruleAllows(r, request)), cases.map(([, expected]) => expected));
  });
}

const crole = (name, rules, extra = '') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}${extra}}
rules: ${JSON.stringify(rules)}
---
`;
const binding = (kind, name, namespace, roleKind, role, subjects) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}
subjects: ${JSON.stringify(subjects)}
---
`;
const allowed = (policy, user, groups, request) => rbac.canI(policy, rbac.userInfoFor(user, groups), request).allowed;
/** As upstream's tests ask: the user exactly (no system:authenticated, so no bootstrap discovery). */
const allowedExactly = (policy, name, groups, request) => rbac.canI(policy, { name, groups }, request).allowed;

test('TestAuthorizer: a RoleBinding to a ClusterRole grants in its namespace only (rbac_test.go case 1)', () => {
  const { policy } = policyOf(crole('super', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]) + binding('RoleBinding', 'b', 'ns1', 'ClusterRole', 'super', [{ kind: 'User', name: 'admin' }, { kind: 'Group', name: 'admins' }]));
  assert.deepEqual(
    [
      allowed(policy, 'admin', [], res('get', '', 'pods')),
      allowed(policy, 'admin', [], res('watch', '', 'pods')),
      allowed(policy, 'admin', ['group1'], res('watch', '', 'foobar')),
      allowed(policy, 'joe', ['admins'], res('watch', '', 'foobar')),
      allowed(policy, 'joe', ['group1', 'admins'], res('watch', '', 'foobar')),
      allowed(policy, 'admin', [], res('get', '', 'pods', '', '', 'ns2')),
      allowed(policy, 'admin', [], res('get', '', 'nodes', '', '', '')),
      allowed(policy, 'joe', ['admins'], res('get', '', 'pods', '', '', 'ns2')),
    ],
    [true, true, true, true, true, false, false, false],
  );
});

test('TestAuthorizer: non-resource URLs through ClusterRoleBindings (rbac_test.go case 2)', () => {
  const { policy } = policyOf(
    crole('getter', [{ verbs: ['get'], nonResourceURLs: ['/apis'] }]) +
      crole('prefix', [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }]) +
      binding('ClusterRoleBinding', 'getter', '', 'ClusterRole', 'getter', [{ kind: 'User', name: 'foo' }, { kind: 'Group', name: 'bar' }]) +
      binding('ClusterRoleBinding', 'prefix', '', 'ClusterRole', 'prefix', [{ kind: 'User', name: 'prefixed' }]),
  );
  assert.deepEqual(
    [allowedExactly(policy, 'foo', [], url('get', '/apis')), allowedExactly(policy, 'x', ['bar'], url('get', '/apis')), allowedExactly(policy, 'prefixed', [], url('get', '/apis/v1/foobar')), allowedExactly(policy, 'foo', [], url('watch', '/apis')), allowedExactly(policy, 'prefixed', [], url('get', '/api/v1')), allowed(policy, 'prefixed', [], url('get', '/api/v1'))],
    // The last: as a real (authenticated) user, system:discovery allows /api/*.
    [true, true, true, false, false, true],
  );
});

test('service accounts: user name, groups, and the binding namespace as the subject default (rule.go appliesTo)', () => {
  assert.deepEqual(rbac.userInfoFor('system:serviceaccount:team:app'), { name: 'system:serviceaccount:team:app', groups: ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated'] });
  assert.deepEqual(rbac.userInfoFor('system:anonymous'), { name: 'system:anonymous', groups: ['system:unauthenticated'] });
  assert.deepEqual(rbac.userInfoFor('alice', ['devs']), { name: 'alice', groups: ['devs', 'system:authenticated'] });
  const { policy } = policyOf(
    crole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]) +
      binding('RoleBinding', 'local', 'team', 'ClusterRole', 'reader', [{ kind: 'ServiceAccount', name: 'app' }]) +
      // A ClusterRoleBinding's ServiceAccount without a namespace matches no one.
      binding('ClusterRoleBinding', 'nowhere', '', 'ClusterRole', 'reader', [{ kind: 'ServiceAccount', name: 'lost' }]) +
      binding('ClusterRoleBinding', 'all-sa', '', 'ClusterRole', 'reader', [{ kind: 'Group', name: 'system:serviceaccounts:ops' }]),
  );
  const sa = (ns, name) => `system:serviceaccount:${ns}:${name}`;
  assert.deepEqual(
    [allowed(policy, sa('team', 'app'), [], res('get', '', 'pods', '', '', 'team')), allowed(policy, sa('other', 'app'), [], res('get', '', 'pods', '', '', 'team')), allowed(policy, sa('team', 'lost'), [], res('get', '', 'pods', '', '', 'x')), allowed(policy, sa('ops', 'any'), [], res('get', '', 'pods', '', '', 'x'))],
    [true, false, false, true],
  );
});

test('bootstrap roles: view reads no Secrets and execs nowhere, edit writes workloads and Secrets but not roles, admin writes roles, system:masters anything', () => {
  const { policy } = policyOf(
    ['view', 'edit', 'admin'].map((r) => binding('RoleBinding', r, 'team', 'ClusterRole', r, [{ kind: 'User', name: r }])).join(''),
  );
  const can = (user, request, groups = []) => allowed(policy, user, groups, request);
  assert.deepEqual(
    {
      viewPods: can('view', res('list', '', 'pods', '', '', 'team')),
      viewSecrets: can('view', res('get', '', 'secrets', '', '', 'team')),
      viewExec: can('view', res('create', '', 'pods', 'exec', '', 'team')),
      viewDeployments: can('view', res('watch', 'apps', 'deployments', '', '', 'team')),
      editDeployments: can('edit', res('create', 'apps', 'deployments', '', '', 'team')),
      editSecrets: can('edit', res('get', '', 'secrets', '', '', 'team')),
      editExec: can('edit', res('create', '', 'pods', 'exec', '', 'team')),
      editImpersonateSA: can('edit', res('impersonate', '', 'serviceaccounts', '', '', 'team')),
      editRoles: can('edit', res('create', 'rbac.authorization.k8s.io', 'roles', '', '', 'team')),
      adminRoles: can('admin', res('create', 'rbac.authorization.k8s.io', 'rolebindings', '', '', 'team')),
      adminEscalate: can('admin', res('escalate', 'rbac.authorization.k8s.io', 'roles', '', '', 'team')),
      adminElsewhere: can('admin', res('get', '', 'pods', '', '', 'other')),
      masters: can('root', res('delete', '', 'nodes', '', '', ''), ['system:masters']),
      mastersUrl: can('root', url('post', '/anything'), ['system:masters']),
      authenticatedHealthz: can('alice', url('get', '/healthz')),
      authenticatedApis: can('alice', url('get', '/apis/apps/v1')),
      authenticatedMetrics: can('alice', url('get', '/metrics')),
      authenticatedSelfReview: can('alice', res('create', 'authorization.k8s.io', 'selfsubjectaccessreviews', '', '', '')),
      anonymousVersion: can('system:anonymous', url('get', '/version')),
      anonymousApi: can('system:anonymous', url('get', '/api')),
    },
    {
      viewPods: true, viewSecrets: false, viewExec: false, viewDeployments: true,
      editDeployments: true, editSecrets: true, editExec: true, editImpersonateSA: true, editRoles: false,
      adminRoles: true, adminEscalate: false, adminElsewhere: false,
      masters: true, mastersUrl: true,
      authenticatedHealthz: true, authenticatedApis: true, authenticatedMetrics: false, authenticatedSelfReview: true,
      anonymousVersion: true, anonymousApi: false,
    },
  );
});

test('aggregation: a labelled ClusterRole joins view, and through view edit and admin; an aggregated role\'s own rules are replaced', () => {
  const { policy } = policyOf(
    crole('widgets', [{ verbs: ['get'], apiGroups: ['example.com'], resources: ['widgets'] }], ', labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}') +
      crole('gadgets', [{ verbs: ['delete'], apiGroups: ['example.com'], resources: ['gadgets'] }], ', labels: {team: a, tier: x}') +
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: team-a}
aggregationRule:
  clusterRoleSelectors:
  - matchExpressions: [{key: team, operator: In, values: [a, b]}]
rules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"]}]
---
` +
      ['view', 'admin', 'team-a'].map((r) => binding('ClusterRoleBinding', r, '', 'ClusterRole', r, [{ kind: 'User', name: r }])).join(''),
  );
  const widget = res('get', 'example.com', 'widgets', '', '', 'x');
  assert.deepEqual([allowed(policy, 'view', [], widget), allowed(policy, 'admin', [], widget), allowed(policy, 'team-a', [], res('delete', 'example.com', 'gadgets')), allowed(policy, 'team-a', [], res('get', '', 'pods'))], [true, true, true, false]);
  const d = rbac.canI(policy, rbac.userInfoFor('admin'), widget);
  assert.equal(`${d.rule.role.name} rules[${d.rule.index}] via ${d.binding.name}`, 'widgets rules[0] via admin');
});

test('Covers: only * covers *, names and subresources exactly (validation.Covers)', () => {
  assert.deepEqual(
    [
      rbac.covers([rule(['*'], ['*'], ['*'])], [rule(['get'], [''], ['pods/log'], [], ['a'])]),
      rbac.covers([rule(['get', 'list'], [''], ['pods'])], [rule(['get'], [''], ['pods'])]),
      rbac.covers([rule(['get'], [''], ['pods'])], [rule(['*'], [''], ['pods'])]),
      rbac.covers([rule(['get'], [''], ['pods'], [], ['a'])], [rule(['get'], [''], ['pods'])]),
      rbac.covers([rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods'], [], ['a', 'b'])]),
      rbac.covers([rule(['get'], [], [], ['/api*'])], [rule(['get'], [], [], ['/api/v1'])]),
    ],
    [true, true, false, false, true, true],
  );
});

test('the built-in resources of 1.35 resolve kubectl\'s names: plurals, kinds, short names, RESOURCE.GROUP', () => {
  const { builtin } = policyOf('');
  assert.deepEqual(
    ['pods', 'deployments', 'deploy', 'Deployment', 'deployments.apps/scale', 'endpoints', 'ingresses', 'widgets.example.com', 'frobs', 'nodes'].map((a) => builtin.parse(a)),
    [
      { apiGroup: '', resource: 'pods', subresource: '', known: true },
      { apiGroup: 'apps', resource: 'deployments', subresource: '', known: true },
      { apiGroup: 'apps', resource: 'deployments', subresource: '', known: true },
      { apiGroup: 'apps', resource: 'deployments', subresource: '', known: true },
      { apiGroup: 'apps', resource: 'deployments', subresource: 'scale', known: true },
      { apiGroup: '', resource: 'endpoints', subresource: '', known: true },
      { apiGroup: 'networking.k8s.io', resource: 'ingresses', subresource: '', known: true },
      { apiGroup: 'example.com', resource: 'widgets', subresource: '', known: true },
      { apiGroup: '', resource: 'frobs', subresource: '', known: false },
      { apiGroup: '', resource: 'nodes', subresource: '', known: true },
    ],
  );
  assert.deepEqual([builtin.isClusterScoped('', 'nodes'), builtin.isClusterScoped('', 'pods'), builtin.has('extensions', 'deployments'), builtin.has('policy', 'podsecuritypolicies')], [true, false, false, false]);
});

/** The workspace's findings of one file with these codes. */
function findings(yaml, codes) {
  const workspace = new Workspace(analyzer);
  workspace.setFile('rbac.yaml', yaml);
  const found = workspace.assumptionFindings('rbac.yaml', yaml).filter((f) => codes.includes(f.code));
  workspace.setFile('rbac.yaml', undefined);
  return renderFindings(found).split('\n').filter(Boolean);
}

test('KP220: escalate, bind and impersonate, with the bindings that give them; bind on roles the holder covers is no path', () => {
  const yaml =
    crole('granter', [{ verbs: ['create'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'] }, { verbs: ['bind'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] }]) +
    crole('narrow', [{ verbs: ['get', 'bind'], apiGroups: ['', 'rbac.authorization.k8s.io'], resources: ['pods', 'clusterroles'], resourceNames: ['pod-reader'] }]) +
    crole('pod-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['pod-reader'] }]) +
    crole('sudo', [{ verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] }, { verbs: ['*'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] }]) +
    binding('ClusterRoleBinding', 'granter', '', 'ClusterRole', 'granter', [{ kind: 'ServiceAccount', name: 'op', namespace: 'ops' }]);
  assert.deepEqual(findings(yaml, ['KP220']), [
    '4:111-4:117 warning KP220 rules[1] grants "bind" on clusterroles: whoever holds ClusterRole granter can bind roles with rights it does not have (bind); it may also create bindings, so it can give them to anyone, itself included (held by ServiceAccount ops/op)',
    '    related rbac.yaml:23:18-23:25 ClusterRoleBinding granter gives it to ServiceAccount ops/op',
    '19:19-19:32 warning KP220 rules[0] grants "impersonate" on users, groups: whoever holds ClusterRole sudo can act as other users, groups or service accounts (impersonate, kubectl --as), with their rights',
    '19:93-19:96 warning KP220 rules[1] grants "escalate" on roles: whoever holds ClusterRole sudo can create or update roles with rights it does not have (escalate), then bind them',
    '19:93-19:96 warning KP220 rules[1] grants "bind" on roles: whoever holds ClusterRole sudo can bind roles with rights it does not have (bind)',
  ]);
});

test('KP221 and KP222: resources their groups do not serve in 1.35 (built-in groups, the workspace\'s CRD groups); unknown groups and entries for older clusters stay quiet', () => {
  const yaml =
    crole('wrong-group', [{ verbs: ['get'], apiGroups: [''], resources: ['deployments'] }, { verbs: ['use'], apiGroups: ['policy'], resources: ['podsecuritypolicies'] }]) +
    crole('mixed', [{ verbs: ['get'], apiGroups: ['apps', 'extensions'], resources: ['deployments', 'deploymnets'] }, { verbs: ['get'], apiGroups: ['example.com'], resources: ['gizmos', 'widgest', 'widgets'] }, { verbs: ['get'], apiGroups: ['metrics.k8s.io'], resources: ['pods'] }, { verbs: ['get'], apiGroups: ['extensions'], resources: ['ingresses'] }]) +
    crole('fine', [{ verbs: ['get'], apiGroups: ['', 'authentication.k8s.io', 'certificates.k8s.io'], resources: ['users', 'pods/log', 'userextras/scopes', 'signers'] }, { verbs: ['get'], apiGroups: ['*'], resources: ['anything'] }]) +
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {plural: widgets, kind: Widget}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
`;
  assert.deepEqual(findings(yaml, ['KP221', 'KP222']), [
    '4:1-4:6 warning KP221 ClusterRole wrong-group grants nothing in Kubernetes 1.35: deployments is not a resource of the core group ("") (it is in apps); podsecuritypolicies is not a resource of policy any more',
    '9:87-9:100 information KP222 rules[0]: deploymnets is not a resource of apps or extensions in Kubernetes 1.35: this entry grants nothing',
    // gizmos may be another project's CRD of the group: only a near miss of the workspace's CRDs is reported.
    '9:170-9:179 information KP222 rules[1]: widgest is not a resource of example.com (did you mean widgets?) in Kubernetes 1.35: this entry grants nothing',
  ]);
});

test('hover: a subject\'s and a ServiceAccount\'s effective permissions, dangers flagged', () => {
  const yaml =
    crole('secret-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] }, { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }]) +
    binding('RoleBinding', 'read', 'team', 'ClusterRole', 'secret-reader', [{ kind: 'ServiceAccount', name: 'app' }]) +
    binding('RoleBinding', 'edit', 'team', 'ClusterRole', 'edit', [{ kind: 'ServiceAccount', name: 'app' }]);
  const { policy } = policyOf(yaml);
  const at = yaml.indexOf('{"kind":"ServiceAccount"') + 3;
  const h = rbacHover(analyzer, yaml, at, () => policy, 'default');
  assert.equal(
    h.contents,
    [
      '**ServiceAccount team/app**: effective permissions',
      [
        '| where | verbs | resources | danger | through |',
        '|---|---|---|---|---|',
        '| namespace team | get, list | secrets | ⚠ reads Secrets | RoleBinding team/read: ClusterRole secret-reader |',
        '| namespace team | create | pods/exec | ⚠ exec into pods | RoleBinding team/read: ClusterRole secret-reader |',
        "| namespace team | 23 rules | ClusterRole edit (Kubernetes' own) | ⚠ reads Secrets, ⚠ exec into pods, ⚠ impersonate, ⚠ creates pods | RoleBinding team/edit |",
      ].join('\n'),
      '⚠ reads Secrets, exec into pods, impersonate, creates pods',
      'As every service account and authenticated user, also: system:basic-user, system:discovery, system:public-info-viewer, system:service-account-issuer-discovery (bootstrap).',
    ].join('\n\n'),
  );
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: team\n';
  assert.match(rbacHover(analyzer, sa, sa.indexOf('app'), () => policy, 'default').contents, /^\*\*ServiceAccount team\/app\*\*: effective permissions\n\n\| where/);
  assert.equal(rbacHover(analyzer, sa, sa.indexOf('team'), () => policy, 'default'), undefined);
});
