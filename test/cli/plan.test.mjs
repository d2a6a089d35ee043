// kubeplan plan (docs/cli.md, docs/simulation.md): each test/fixtures/plan/NAME/ applies NAME/apply/
// to the cluster state NAME/state.yaml, or to the state `kubeplan simulate NAME/before.yaml` leaves
// (the previous release, as the simulated cluster holds it), on NAME/cluster.yaml if there is one.
// plan.txt and plan.json hold the expected output and exit status; UPDATE_EXPECT=1 rewrites them
// after a reviewed change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { runCli } from '../helpers/run.mjs';
import { repoRoot, sharedDir, sharedSkip } from '../helpers/paths.mjs';

const fixtures = join(repoRoot, 'test', 'fixtures', 'plan');
const tmp = mkdtempSync(join(tmpdir(), 'kubeplan-plan-'));

/** The cluster state the previous release leaves: the simulation's objects as a List, as kubectl get -o yaml prints one. */
function stateOf(before, cluster) {
  const r = runCli(['simulate', before, '--format', 'json', '--no-best-practices', ...(cluster ? ['--cluster', cluster] : [])]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const file = join(tmp, `${Math.random().toString(36).slice(2)}-state.yaml`);
  writeFileSync(file, YAML.stringify({ apiVersion: 'v1', kind: 'List', items: JSON.parse(r.stdout).objects }));
  return file;
}

function planArgs(dir) {
  const at = (f) => join(fixtures, dir, f);
  const cluster = existsSync(at('cluster.yaml')) ? `test/fixtures/plan/${dir}/cluster.yaml` : undefined;
  const state = existsSync(at('state.yaml')) ? `test/fixtures/plan/${dir}/state.yaml` : existsSync(at('before.yaml')) ? stateOf(`test/fixtures/plan/${dir}/before.yaml`, cluster) : undefined;
  return { args: [`test/fixtures/plan/${dir}/apply`, ...(state ? ['--cluster-state', state] : []), ...(cluster ? ['--cluster', cluster] : [])], state };
}

for (const dir of readdirSync(fixtures).sort()) {
  test(`plan fixture ${dir}`, () => {
    const { args, state } = planArgs(dir);
    for (const format of ['text', 'json']) {
      const r = runCli(['plan', ...args, '--format', format]);
      assert.equal(r.stderr, '');
      // The generated state's name is a temporary file's.
      const actual = `${state ? r.stdout.replace(/; state: [^,]*,/, '; state: <state>,') : r.stdout}exit ${r.status}\n`;
      const expected = join(fixtures, dir, format === 'text' ? 'plan.txt' : 'plan.json');
      if (process.env.UPDATE_EXPECT) writeFileSync(expected, actual);
      assert.ok(existsSync(expected), `missing ${expected} (run with UPDATE_EXPECT=1)`);
      assert.equal(actual, readFileSync(expected, 'utf8'));
    }
  });
}

test('the same Service in two files keeps its cluster IP and node port, and kube-proxy gets its rules', () => {
  const r = runCli(['simulate', 'test/fixtures/plan/reapplied/apply', '--no-best-practices']);
  const services = r.stdout.slice(r.stdout.indexOf('SERVICES'), r.stdout.indexOf('\n\n', r.stdout.indexOf('SERVICES')));
  assert.equal(services, 'SERVICES\nNAMESPACE  NAME  TYPE      CLUSTER-IP  PORT(S)         ENDPOINTS\ndefault    api   NodePort  10.96.1.1   8000:30086/TCP  10.244.1.2:8000');
  assert.ok(!r.stdout.includes('KP160'), r.stdout);
});

test('microservices-demo: one image changed against its previous release is one update and one rollout', { skip: sharedSkip }, () => {
  const manifests = join(sharedDir, 'corpus', 'microservices-demo', 'kubernetes-manifests.yaml');
  const state = stateOf(manifests);
  const next = join(tmp, 'kubernetes-manifests.yaml');
  writeFileSync(next, readFileSync(manifests, 'utf8').replace('microservices-demo/cartservice:v0.10.6', 'microservices-demo/cartservice:v0.10.7'));
  const r = runCli(['plan', next, '--cluster-state', state, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const changes = JSON.parse(r.stdout).changes;
  assert.deepEqual(
    changes.filter((c) => c.action !== 'unchanged'),
    [
      {
        object: 'Deployment/default/cartservice',
        action: 'update',
        diff: [{ path: 'spec.template.spec.containers[name=server].image', old: 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/cartservice:v0.10.6', new: 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/cartservice:v0.10.7' }],
        rollout: { steps: changes.find((c) => c.object === 'Deployment/default/cartservice').rollout.steps, completes: true },
      },
    ],
  );
  assert.deepEqual(changes.find((c) => c.rollout).rollout.steps.map((s) => s.message.replace(/cartservice-[0-9a-z]+/g, 'cartservice-<hash>')), ['Scaled up replica set cartservice-<hash> from 0 to 1', 'Scaled down replica set cartservice-<hash> to 0 from 1']);
  assert.equal(changes.length, 35);
  assert.equal(changes.filter((c) => c.rollout).length, 1);
});

// --cluster-state FILE is read in a worker thread (server/src/cli/stateReader.ts), which drops a JSON
// export's indentation: whatever the layout, the state must read as the same objects, and what it
// cannot read is read again the usual way.
test('a cluster state reads the same in every layout: YAML, indented JSON with a BOM and CRLF, minified, not strictly JSON', () => {
  // String values that look like JSON layout, escapes and non-ASCII text: a changed byte shows as an update.
  const data = { layout: 'a,\n    b: [\n  ]', quoted: 'say \\"{\\"\n    }', spaced: '{ "x" :\n\n  1 }', accent: 'café ✓' };
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tricky', namespace: 'default' }, data };
  const apply = join(tmp, 'tricky-apply.yaml');
  writeFileSync(apply, YAML.stringify(configMap));
  const items = [{ ...configMap, metadata: { ...configMap.metadata, uid: 'u-1', resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z' } }];
  const list = { apiVersion: 'v1', kind: 'List', items };
  const layouts = {
    'state.yaml': YAML.stringify(list),
    'indented.json': `\uFEFF${JSON.stringify(list, null, 4).replace(/\n/g, '\r\n')}`,
    'minified.json': JSON.stringify(list),
    // A trailing comma: not JSON, but a YAML flow mapping that reads as the same List.
    'trailing-comma.json': JSON.stringify(list, null, 4).replace(/\n\s*\]\n\}$/, ',\n    ]\n}'),
  };
  for (const [name, text] of Object.entries(layouts)) {
    const state = join(tmp, name);
    writeFileSync(state, text);
    const r = runCli(['plan', apply, '--cluster-state', state, '--format', 'json']);
    assert.equal(r.stderr, '', name);
    assert.deepEqual([r.status, JSON.parse(r.stdout).changes], [0, [{ object: 'ConfigMap/default/tricky', action: 'unchanged' }]], name);
  }
  assert.throws(() => JSON.parse(layouts['trailing-comma.json']), SyntaxError);
});

test('a cluster state that is not UTF-8 stops the plan with the line of its first invalid byte (exit 2)', () => {
  const state = join(tmp, 'latin1.json');
  writeFileSync(state, Buffer.concat([Buffer.from('{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [],\n  "x": "'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
  const r = runCli(['plan', 'test/fixtures/plan/null-fields/apply', '--cluster-state', state]);
  assert.deepEqual([r.status, r.stdout, r.stderr.trim()], [2, '', `kubeplan: cannot read cluster state file ${state}: not valid UTF-8 (first invalid byte on line 5): not analysed`]);
});

test('a version the API server does not serve is refused at kubectl\'s discovery, in its words, with the check that says why', () => {
  const file = join(tmp, 'pdb.yaml');
  writeFileSync(file, 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}\n');
  const r = runCli(['plan', file, '--format', 'json']);
  assert.deepEqual([r.status, JSON.parse(r.stdout).changes], [
    1,
    [
      {
        object: 'PodDisruptionBudget/default/web',
        action: 'rejected',
        message: 'no matches for kind "PodDisruptionBudget" in version "policy/v1beta1" (ensure CRDs are installed first): policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25: use policy/v1 (the object changed: an empty spec.selector selects every pod in the namespace in policy/v1 (none in v1beta1)) (KP111)',
      },
    ],
  ]);
});

test('the cluster state is read by the worker thread: JSON comes back compacted (flags 1), YAML as it is (flags 0), UTF-8 text flagged (2)', () => {
  const spy = join(repoRoot, 'test', 'helpers', 'spyStateWorker.cjs');
  const apply = join(tmp, 'spy-apply.yaml');
  writeFileSync(apply, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {k: v}\n');
  const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', uid: 'u', resourceVersion: '1' }, data: { k: 'v' } }] };
  const states = { 'spy.json': JSON.stringify(list, null, 4), 'spy.yaml': YAML.stringify(list), 'spy-utf8.json': JSON.stringify({ ...list, note: 'é' }, null, 4) };
  const seen = Object.entries(states).map(([name, text]) => {
    writeFileSync(join(tmp, name), text);
    const r = runCli(['plan', apply, '--cluster-state', join(tmp, name), '--format', 'json'], { env: { NODE_OPTIONS: `--require ${spy}` } });
    return [name, r.status, JSON.parse(r.stdout).changes[0].action, r.stderr];
  });
  assert.deepEqual(seen, [
    ['spy.json', 0, 'unchanged', 'state worker: status 1, flags 1\n'],
    ['spy.yaml', 0, 'unchanged', 'state worker: status 1, flags 0\n'],
    ['spy-utf8.json', 0, 'unchanged', 'state worker: status 1, flags 3\n'],
  ]);
});

test('a Service changed from LoadBalancer to ClusterIP is an update the API server accepts: its node port, traffic policy and allocateLoadBalancerNodePorts go', () => {
  const lb = join(tmp, 'svc-lb.yaml');
  writeFileSync(lb, 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n');
  const state = join(tmp, 'svc-state.json');
  writeFileSync(state, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: JSON.parse(runCli(['simulate', lb, '--format', 'json']).stdout).objects }));
  const cip = join(tmp, 'svc-cip.yaml');
  writeFileSync(cip, readFileSync(lb, 'utf8').replace('type: LoadBalancer', 'type: ClusterIP'));
  const r = runCli(['plan', cip, '--cluster-state', state, '--format', 'json']);
  assert.deepEqual([r.status, JSON.parse(r.stdout).changes], [
    0,
    [
      {
        object: 'Service/default/web',
        action: 'update',
        diff: [
          { path: 'spec.type', old: 'LoadBalancer', new: 'ClusterIP' },
          { path: 'spec.ports[port=80].nodePort', old: 30086 },
          { path: 'spec.externalTrafficPolicy', old: 'Cluster' },
          { path: 'spec.allocateLoadBalancerNodePorts', old: true },
        ],
      },
    ],
  ]);
});
