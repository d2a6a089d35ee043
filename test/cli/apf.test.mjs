// kubeplan apf classify / levels on test/fixtures/apf (docs/cli.md, docs/apf.md): exact output and exit codes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';

const FIXTURE = 'test/fixtures/apf';

test('apf classify: a team-a service account goes to the workspace FlowSchema team-a, by namespace', () => {
  const r = runCli(['apf', 'classify', '--as', 'system:serviceaccount:team-a:builder', '--verb', 'create', '--resource', 'deployments', '--api-group', 'apps', '-n', 'team-a', FIXTURE]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    `User:          system:serviceaccount:team-a:builder (groups: system:serviceaccounts, system:serviceaccounts:team-a, system:authenticated)
FlowSchema:    team-a (matchingPrecedence 600)
PriorityLevel: team (Limited, Queue)
Distinguisher: ByNamespace: "team-a"
Queues:        32, queueLengthLimit 50
Hand:          9 29 22 10 21 12 11 16 (handSize 8)
`,
  );
});

test('apf classify --format json: the defaults without paths; exempt has no queues', () => {
  const r = runCli(['apf', 'classify', '--as', 'alice', '--verb', 'get', '--resource', 'pods', '-n', 'default', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const c = JSON.parse(r.stdout);
  assert.deepEqual([c.flowSchema, c.priorityLevel, c.distinguisher, c.queues, c.handSize, c.hand], ['global-default', 'global-default', 'alice', 128, 6, [55, 62, 126, 125, 105, 1]]);
  const e = JSON.parse(runCli(['apf', 'classify', '--as', 'root', '--as-group', 'system:masters', '--verb', 'get', '--non-resource-url', '/metrics', '--format', 'json']).stdout);
  assert.deepEqual([e.flowSchema, e.priorityLevel, e.queues, e.hand, e.note], ['exempt', 'exempt', 0, [], 'exempt: requests run at once, without queues or a concurrency limit']);
});

test('apf levels: the seats of each level, the workspace levels with the defaults (400 + 200)', () => {
  const r = runCli(['apf', 'levels', FIXTURE]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    `NAME              TYPE      NOMINALCONCURRENCYSHARES   QUEUES   HANDSIZE   QUEUELENGTHLIMIT   NOMINALCL   LENDABLECL   BORROWINGCL
catch-all         Limited   5                          <none>   <none>     <none>             12          0            600
exempt            Exempt    <none>                     <none>   <none>     <none>             0           0            600
global-default    Limited   20                         128      6          50                 48          24           600
leader-election   Limited   10                         16       4          50                 24          0            600
narrow            Limited   0                          4        2          50                 0           0            600
node-high         Limited   40                         64       6          50                 95          24           600
system            Limited   30                         64       6          50                 71          23           600
team              Limited   50                         32       8          50                 118         24           600
workload-high     Limited   40                         128      6          50                 95          48           600
workload-low      Limited   60                         128      6          50                 142         128          600
server concurrency limit 600 (max-requests-inflight + max-mutating-requests-inflight); the nominal limits sum to 605 (rounded up)
`,
  );
  const json = JSON.parse(runCli(['apf', 'levels', '--format', 'json']).stdout);
  assert.equal(json.serverConcurrencyLimit, 600);
  assert.deepEqual(json.levels.find((l) => l.name === 'workload-low'), {
    name: 'workload-low', type: 'Limited', nominalConcurrencyShares: 100, lendablePercent: 90, borrowingLimitPercent: null, limitResponse: 'Queue', queues: 128, handSize: 6, queueLengthLimit: 50,
    nominalConcurrencyLimit: 245, lendableConcurrencyLimit: 221, borrowingConcurrencyLimit: 600, minConcurrencyLimit: 24, maxConcurrencyLimit: 845,
  });
});

test('kubeplan check: KP230–KP234 on the fixture, exit 1 for the KP232 error', () => {
  const r = runCli(['check', FIXTURE]);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.split('\n').map((l) => l.replace(/^.*?: (error|warning|information) (KP\d+).*$/, '$2 $1')).filter((l) => l.startsWith('KP')), ['KP231 warning', 'KP230 warning', 'KP233 warning', 'KP232 error', 'KP234 information']);
});

test('apf usage errors exit 2', () => {
  for (const args of [['apf'], ['apf', 'classify', '--verb', 'get', '--resource', 'pods'], ['apf', 'classify', '--as', 'a', '--verb', 'get'], ['apf', 'levels', '--as', 'a']]) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^kubeplan: /);
  }
});

test("the cluster file's FlowSchemas and levels are the cluster's: a workspace schema may use its level (no KP231), and classify goes there", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-apf-cluster-'));
  writeFileSync(
    join(dir, 'ws.yaml'),
    'apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata: {name: batch-jobs}\nspec:\n  priorityLevelConfiguration: {name: batch}\n  matchingPrecedence: 5000\n  rules:\n    - subjects: [{kind: Group, group: {name: batch-runners}}]\n      resourceRules: [{verbs: ["*"], apiGroups: ["batch"], resources: ["jobs"], namespaces: ["*"]}]\n',
  );
  writeFileSync(
    join(dir, 'cluster.yaml'),
    'apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: PriorityLevelConfiguration\nmetadata: {name: batch}\nspec:\n  type: Limited\n  limited:\n    nominalConcurrencyShares: 10\n    limitResponse: {type: Queue, queuing: {queues: 16, handSize: 4, queueLengthLimit: 50}}\n',
  );
  const alone = runCli(['check', 'ws.yaml', '--no-best-practices'], { cwd: dir });
  assert.equal(alone.stdout.split('\n')[0], 'ws.yaml:5:38: warning KP231 FlowSchema batch-jobs: no PriorityLevelConfiguration "batch" (not in the workspace, the cluster file or the defaults): the schema is Dangling and no request matches it');
  const withCluster = runCli(['check', 'ws.yaml', '--cluster', 'cluster.yaml', '--no-best-practices'], { cwd: dir });
  assert.equal(withCluster.stdout, '0 errors, 0 warnings, 0 notes in 1 file\n');
  const classify = runCli(['apf', 'classify', '--as', 'bob', '--as-group', 'batch-runners', '--verb', 'create', '--resource', 'jobs', '--api-group', 'batch', '-n', 'team', '--cluster', 'cluster.yaml', '--format', 'json', 'ws.yaml'], { cwd: dir });
  const c = JSON.parse(classify.stdout);
  assert.deepEqual([c.flowSchema, c.priorityLevel, c.queues, c.handSize, c.hand], ['batch-jobs', 'batch', 16, 4, [8, 3, 0, 10]]);
});
