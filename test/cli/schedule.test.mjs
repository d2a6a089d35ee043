// kubeplan schedule: where kube-scheduler puts each pod of the simulation (built CLI, dist/cli.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { deployment as deploymentYaml } from '../helpers/manifests.mjs';

const deployment = (name, replicas, cpu) =>
  deploymentYaml(name, replicas, `      containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: "${cpu}"}}
`);

function dir(files) {
  const d = mkdtempSync(join(tmpdir(), 'kubeplan-schedule-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

// Default cluster: a tainted control plane and three workers of 4 CPUs. From 1.34 a request above a
// node's whole allocatable is unresolvable (docs/scheduler.md), so preemption cannot help anywhere.
const TOO_BIG = {
  'app.yaml': deployment('web', 2, '500m') + '---\n' + deployment('big', 1, '16'),
};
// 3 × 500m take half a CPU on each worker; a 4-CPU pod then fits nowhere, and no pod of lower priority
// could make room (all have priority 0): "No preemption victims found".
const NO_VICTIMS = {
  'app.yaml': deployment('web', 3, '500m') + '---\n' + deployment('big', 1, '4'),
};

test('kubeplan schedule: one line per pod, the filter table of an unschedulable pod, the totals; exit 1', () => {
  const r = runCli(['schedule', 'app.yaml'], { cwd: dir(TOO_BIG) });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    [
      'default/web-db88ffd67-z825g → worker-1 (tie: worker-1, worker-2, worker-3)',
      'default/web-db88ffd67-fwg8s → worker-2',
      'default/big-64fd5dfc76-r6s5v: unschedulable: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
      '  NODE           FILTER            REASON',
      '  control-plane  TaintToleration   node(s) had untolerated taint(s)',
      '  worker-1       NodeResourcesFit  Insufficient cpu',
      '  worker-2       NodeResourcesFit  Insufficient cpu',
      '  worker-3       NodeResourcesFit  Insufficient cpu',
      '3 pods: 2 scheduled, 1 unschedulable',
      '',
    ].join('\n'),
  );
});

test('kubeplan schedule: 1.33 wording (the taint named, no DRA prefix, request above allocatable still resolvable)', () => {
  const r = runCli(['schedule', 'app.yaml', '--kubernetes-version', '1.33'], { cwd: dir(TOO_BIG) });
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout.split('\n')[2],
    'default/big-64fd5dfc76-r6s5v: unschedulable: 0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
  );
});

test('kubeplan schedule --format json: every pod with owner, verdicts, raw and weighted scores', () => {
  const r = runCli(['schedule', 'app.yaml', '--format', 'json'], { cwd: dir(NO_VICTIMS) });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const { pods } = JSON.parse(r.stdout);
  assert.deepEqual(
    pods.map((p) => [p.pod, p.owner, p.node, p.tie]),
    [
      ['default/web-db88ffd67-z825g', 'ReplicaSet/web-db88ffd67', 'worker-1', ['worker-1', 'worker-2', 'worker-3']],
      ['default/web-db88ffd67-fwg8s', 'ReplicaSet/web-db88ffd67', 'worker-2', null],
      ['default/web-db88ffd67-vrhvl', 'ReplicaSet/web-db88ffd67', 'worker-3', null],
      ['default/big-5667f5855f-7srzk', 'ReplicaSet/big-5667f5855f', null, null],
    ],
  );
  const skippedAfterFit = { VolumeRestrictions: 'not run', NodeVolumeLimits: 'not run', VolumeBinding: 'not run', VolumeZone: 'not run', PodTopologySpread: 'not run', InterPodAffinity: 'not run', DynamicResources: 'not run' };
  const worker = (node) => ({
    node,
    filter: { NodeUnschedulable: 'passed', NodeName: 'passed', TaintToleration: 'passed', NodeAffinity: 'skipped', NodePorts: 'skipped', NodeResourcesFit: 'Insufficient cpu', ...skippedAfterFit },
    scores: {},
    finalScores: {},
    total: 0,
  });
  assert.deepEqual(pods[3], {
    pod: 'default/big-5667f5855f-7srzk',
    owner: 'ReplicaSet/big-5667f5855f',
    node: null,
    message:
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    tie: null,
    nominatedNode: null,
    victims: null,
    nodes: [
      {
        node: 'control-plane',
        filter: { NodeUnschedulable: 'passed', NodeName: 'passed', TaintToleration: 'node(s) had untolerated taint(s)', NodeAffinity: 'not run', NodePorts: 'not run', NodeResourcesFit: 'not run', ...skippedAfterFit },
        scores: {},
        finalScores: {},
        total: 0,
      },
      worker('worker-1'),
      worker('worker-2'),
      worker('worker-3'),
    ],
  });
  // The first web pod: three feasible workers, scored alike (LeastAllocated cpu 87 / memory 98 → 92;
  // balance 1 − 0.0625 → 93; TaintToleration 100 × 3), a tie broken by name.
  const first = pods[0].nodes[1];
  assert.equal(first.filter.NodeResourcesFit, 'passed');
  assert.deepEqual(first.scores, { TaintToleration: 0, NodeResourcesFit: 92, PodTopologySpread: 6, NodeResourcesBalancedAllocation: 93, ImageLocality: 0 });
  assert.deepEqual(first.finalScores, { TaintToleration: 300, NodeResourcesFit: 92, PodTopologySpread: 200, NodeResourcesBalancedAllocation: 93, ImageLocality: 0 });
  assert.equal(first.total, 685);
});

test('kubeplan schedule: exit 0 when every pod fits; stdin; --namespace', () => {
  const r = runCli(['schedule', '-', '--namespace', 'kube-system'], { input: deployment('web', 1, '100m') });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^kube-system\/web-[a-z0-9]+-[a-z0-9]{5} → worker-1 \(tie: worker-1, worker-2, worker-3\)\n1 pod: 1 scheduled, 0 unschedulable\n$/);
});

test('kubeplan schedule: a workspace without pods', () => {
  const r = runCli(['schedule', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '0 pods: 0 scheduled, 0 unschedulable\n');
});

test('kubeplan schedule: usage errors exit 2 with one line', () => {
  const cases = [
    [['schedule', '--format', 'sarif', 'x.yaml'], 'kubeplan: --format must be one of text, json (got "sarif")\n'],
    [['schedule', '--node', 'worker-1', 'x.yaml'], 'kubeplan: unknown flag --node\n'],
    [['schedule'], 'kubeplan: no paths given (use - to read stdin)\n'],
    [['schedule', 'does-not-exist.yaml'], 'kubeplan: cannot read does-not-exist.yaml: no such file or directory\n'],
    [['schedule', '-', '--cluster', 'no-cluster.yaml'], 'kubeplan: cannot read no-cluster.yaml: no such file or directory\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = runCli(args, { input: '' });
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
  }
});
