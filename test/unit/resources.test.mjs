// The resources lens, hover and LimitRange/ResourceQuota pieces, from the core.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, RULES, codeLenses, hover } from '../../dist/core.js';
import { repoRoot, schemasDir } from '../helpers/paths.mjs';
import { deployment } from '../helpers/manifests.mjs';

const DEPLOYMENT = deployment('api', 2, `      containers:
      - name: app
        image: a
        resources:
          limits: {cpu: 1500m, memory: 1536Mi}
      - name: log
        image: l
        resources:
          limits: {cpu: 1500m, memory: 1536Mi}
`);

test('the lens of the issue: requests, limits, QoS and the total for all replicas', () => {
  const a = new Analyzer(schemasDir);
  assert.deepEqual(codeLenses(a, DEPLOYMENT), [
    {
      range: { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } },
      title: 'requests cpu 3, memory 3Gi · limits cpu 3, memory 3Gi · Guaranteed · ×2 replicas = cpu 6, memory 6Gi',
    },
  ]);
});

test('lenses for a Pod, a DaemonSet, a CronJob and an unparsable container list', () => {
  const a = new Analyzer(schemasDir);
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: i}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: d}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: c, image: i, resources: {requests: {cpu: 100m}}}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      parallelism: 3
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: i, resources: {requests: {memory: 100Mi}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: broken}
spec:
  containers: {name: c}
`;
  assert.deepEqual(
    codeLenses(a, text).map((l) => `${l.range.start.line}: ${l.title}`),
    [
      '1: requests none · limits none · BestEffort',
      '7: requests cpu 100m · limits none · Burstable · one pod per node',
      '17: requests memory 100Mi · limits none · Burstable · ×3 in parallel = memory 300Mi',
      '30: requests: cannot compute: spec.containers is not a list',
    ],
  );
});

test('hover on resources explains the sum: sidecars, the init peak, and which wins', () => {
  const a = new Analyzer(schemasDir);
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  initContainers:
  - name: proxy
    image: p
    restartPolicy: Always
    resources: {requests: {cpu: 500m}}
  - name: warm
    image: w
    resources: {requests: {cpu: "2", memory: 64Mi}}
  containers:
  - name: app
    image: a
    resources: {requests: {cpu: "1", memory: 1Gi}}
`;
  const h = hover(a, text, text.indexOf('initContainers') + 2, '1.35');
  assert.equal(
    h.contents.split('\n\n---\n\n')[1],
    [
      '**Pod resources** — Pod shop/p, per pod as created',
      '',
      '| container | requests | limits |',
      '|---|---|---|',
      '| app | cpu 1, memory 1Gi | — |',
      '| sidecar proxy | cpu 500m | — |',
      '| init warm | cpu 2, memory 64Mi | — |',
      '',
      '- regular phase (containers + sidecars): requests cpu 1500m, memory 1Gi; limits —',
      '- init phase peak: cpu 2500m while warm runs (beside proxy); memory 64Mi while warm runs (beside proxy)',
      '- **requests cpu 2500m, memory 1Gi** (cpu from init container warm, memory from containers); **limits —**; QoS **Burstable**',
    ].join('\n'),
  );
});

test('LimitRange and ResourceQuota of the workspace apply to the namespace of the workload', () => {
  const a = new Analyzer(schemasDir);
  const policies = 'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: team}\nspec:\n  hard: {pods: "2"}\n';
  a.setFile('policies.yaml', policies);
  const pod = (ns) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w, namespace: ${ns}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: i, resources: {limits: {cpu: 1, memory: 1Gi}}}]\n`;
  assert.deepEqual(a.analyzeFile(pod('team')).map((f) => `${f.code} ${f.message}`), [
    'KP143 exceeded quota: q, requested: pods=3, used: pods=0, limited: pods=2 (3 replicas at once)',
  ]);
  // The resource findings only (the best-practice notes on the container have their own tests).
  const resourceFindings = (text) => a.analyzeFile(text).filter((f) => /^KP14/.test(f.code));
  assert.deepEqual(resourceFindings(pod('other')), []);
  a.forgetFile('policies.yaml');
  assert.deepEqual(resourceFindings(pod('team')), []);
});

test('the lens says what it could not count and why', () => {
  const a = new Analyzer(schemasDir);
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: odd}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
      - name: app
        image: a
        resources: {requests: {cpu: 2 cores, memory: 1Gi}}
      - name: log
        image: l
        resources: null
      - "not a container"
      initContainers:
      - name: init
        image: i
        resources: {limits: [1]}
`;
  assert.deepEqual(codeLenses(a, text).map((l) => l.title), [
    'requests memory 1Gi · limits none · Burstable · ×1 replica · not counted: spec.template.spec.containers[0].resources.requests.cpu: "2 cores" is not a quantity; spec.template.spec.containers[2] is not a map; spec.template.spec.initContainers[0].resources.limits is not a map',
  ]);
});

test('RuntimeClass admission: a pod naming a RuntimeClass of the workspace gets its overhead', () => {
  const a = new Analyzer(schemasDir);
  a.setFile('rc.yaml', 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: kata}\nhandler: kata\noverhead:\n  podFixed: {cpu: 250m, memory: 120Mi}\n');
  const pod = (rc) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  ${rc}containers: [{name: c, image: i, resources: {requests: {cpu: 1, memory: 1Gi}, limits: {cpu: 2}}}]\n`;
  assert.deepEqual(codeLenses(a, pod('runtimeClassName: kata\n  ')).map((l) => l.title), ['requests cpu 1250m, memory 1144Mi · limits cpu 2250m · Burstable']);
  assert.deepEqual(codeLenses(a, pod('')).map((l) => l.title), ['requests cpu 1, memory 1Gi · limits cpu 2 · Burstable']);
  assert.deepEqual(codeLenses(a, pod('runtimeClassName: gvisor\n  ')).map((l) => l.title), ['requests cpu 1, memory 1Gi · limits cpu 2 · Burstable']);
});

test('pod-level resources replace the containers\' sum from Kubernetes 1.34 on (PodLevelResources)', () => {
  const a = new Analyzer(schemasDir);
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resources: {requests: {cpu: 2, memory: 2Gi}}\n  containers: [{name: c, image: i, resources: {requests: {cpu: 1, memory: 1Gi}}}]\n';
  assert.deepEqual(codeLenses(a, pod, 'default', '1.35').map((l) => l.title), ['requests cpu 2, memory 2Gi · limits none · Burstable']);
  assert.deepEqual(codeLenses(a, pod, 'default', '1.33').map((l) => l.title), ['requests cpu 1, memory 1Gi · limits none · Burstable']);
});

test('docs/rules.md has a section for every rule code', () => {
  const rules = readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8');
  const missing = Object.values(RULES).filter((r) => !rules.includes(`\n## ${r.code}\n`) || !rules.includes(`[${r.code}](#${r.code.toLowerCase()})`));
  assert.deepEqual(missing, []);
});
