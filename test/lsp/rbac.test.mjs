// RBAC over the protocol: hover on a binding's subject (effective permissions) and kubeplan/canI
// (the answer of kubeplan can-i), on a real `node dist/server.js --stdio`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../helpers/lspClient.mjs';

const uriOf = (name) => `file:///kubeplan-lsp-test-nonexistent/${name}`;
const ROLES = readFileSync('test/fixtures/rbac/roles.yaml', 'utf8');
const BINDINGS = readFileSync('test/fixtures/rbac/bindings.yaml', 'utf8');

describe('RBAC in the editor', () => {
  let client;
  before(async () => {
    client = await startServer();
    await client.waitForLog('kubeplan ready');
    await client.didOpen(uriOf('roles.yaml'), ROLES);
    await client.didOpen(uriOf('bindings.yaml'), BINDINGS);
    await client.waitForDiagnostics(uriOf('bindings.yaml'), 1);
  });
  after(() => client?.kill());

  it('kubeplan/canI answers as kubeplan can-i', async () => {
    const yes = await client.request('kubeplan/canI', { verb: 'get', resource: 'pods/log', namespace: 'team', user: 'system:serviceaccount:team:app' });
    const no = await client.request('kubeplan/canI', { verb: 'create', resource: 'deployments', namespace: 'team', user: 'alice' });
    const display = yes.text.match(/\((\S*)roles\.yaml:8\)/)[1];
    assert.deepEqual([yes, no], [
      {
        allowed: true,
        text: `yes
rule: rules[0] of Role team/pod-reader (${display}roles.yaml:8): verbs [get list watch], resources [pods pods/log] of apiGroups [""]
binding: RoleBinding team/read-pods (${display}bindings.yaml:4) to ServiceAccount team/app
`,
        warnings: [],
      },
      {
        allowed: false,
        text: `no
the roles bound to User "alice" or its groups (system:authenticated) do not allow create deployments.apps in namespace "team" (Role team/pod-reader)
`,
        warnings: [],
      },
    ]);
  });

  it('kubeplan/whoCan lists the subjects as kubeplan who-can does (the places as the workspace names files)', async () => {
    const answer = await client.request('kubeplan/whoCan', { verb: 'get', resource: 'pods', namespace: 'team' });
    const display = answer.text.match(/\((\S*)bindings\.yaml:4\)/)[1];
    assert.deepEqual(answer, {
      allowed: true,
      text: [
        'Group system:masters: bootstrap ClusterRoleBinding cluster-admin; rules[0] of bootstrap ClusterRole cluster-admin',
        `ServiceAccount team/app: RoleBinding team/read-pods (${display}bindings.yaml:4); rules[0] of Role team/pod-reader (${display}roles.yaml:8)`,
        `User alice: RoleBinding team/read-pods (${display}bindings.yaml:4); rules[0] of Role team/pod-reader (${display}roles.yaml:8)`,
        `Group system:serviceaccounts:team: RoleBinding team/viewers (${display}bindings.yaml:32); rules[0] of bootstrap ClusterRole system:aggregate-to-view, aggregated into ClusterRole view`,
        '',
      ].join('\n'),
      warnings: [],
    });
  });

  it('hover on a subject: its effective permissions', async () => {
    // bindings.yaml line 7: "- kind: ServiceAccount" of RoleBinding team/read-pods.
    const h = await client.request('textDocument/hover', { textDocument: { uri: uriOf('bindings.yaml') }, position: { line: 6, character: 4 } });
    assert.equal(
      h.contents.value.split('\n---\n').at(-1).trim(),
      [
        '**ServiceAccount team/app**: effective permissions',
        [
          '| where | verbs | resources | danger | through |',
          '|---|---|---|---|---|',
          '| namespace team | get, list, watch | pods, pods/log |  | RoleBinding team/read-pods: Role team/pod-reader |',
          "| namespace team | 11 rules | ClusterRole view (Kubernetes' own) |  | RoleBinding team/viewers (group system:serviceaccounts:team) |",
        ].join('\n'),
        'As every service account and authenticated user, also: system:basic-user, system:discovery, system:public-info-viewer, system:service-account-issuer-discovery (bootstrap).',
      ].join('\n\n'),
    );
  });
});
