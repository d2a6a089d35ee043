import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { deployment } from '../helpers/manifests.mjs';

const MANIFESTS = `apiVersion: v1
kind: LimitRange
metadata: {name: defaults}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
---
${deployment('web', 2, `      containers:
      - name: app
        image: a
        resources: {requests: {cpu: 250m}}
`)}---
apiVersion: v1
kind: Pod
metadata: {name: tool, namespace: ops}
spec:
  containers: [{name: t, image: t}]
`;

function dir() {
  const d = mkdtempSync(join(tmpdir(), 'kubeplan-requests-'));
  writeFileSync(join(d, 'app.yaml'), MANIFESTS);
  return d;
}

test('kubeplan requests: text, one line per workload, LimitRange of the namespace applied', () => {
  const r = runCli(['requests', 'app.yaml'], { cwd: dir() });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout,
    [
      'app.yaml:10: Deployment default/web: requests cpu 250m, memory 256Mi · limits cpu 500m, memory 256Mi · Burstable · ×2 replicas = cpu 500m, memory 512Mi · LimitRanger sets 3 defaults',
      'app.yaml:24: Pod ops/tool: requests none · limits none · BestEffort',
      '2 workloads',
      '',
    ].join('\n'),
  );
});

test('kubeplan requests --format json: the documented shape; --namespace moves objects without one (the LimitRange too)', () => {
  const r = runCli(['requests', 'app.yaml', '--format', 'json', '--namespace', 'ops'], { cwd: dir() });
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), {
    workloads: [
      {
        file: 'app.yaml',
        line: 10,
        kind: 'Deployment',
        namespace: 'ops',
        name: 'web',
        replicas: 2,
        requests: { cpu: '250m', memory: '256Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
        qosClass: 'Burstable',
        totalRequests: { cpu: '500m', memory: '512Mi' },
        limitRange: {
          annotation: 'LimitRanger plugin set: memory request for container app; cpu, memory limit for container app',
          defaults: [
            { container: 'app', init: false, kind: 'limit', resource: 'cpu', value: '500m', limitRange: 'defaults' },
            { container: 'app', init: false, kind: 'limit', resource: 'memory', value: '256Mi', limitRange: 'defaults' },
            { container: 'app', init: false, kind: 'request', resource: 'memory', value: '256Mi', limitRange: 'defaults' },
          ],
        },
        summary: 'requests cpu 250m, memory 256Mi · limits cpu 500m, memory 256Mi · Burstable · ×2 replicas = cpu 500m, memory 512Mi · LimitRanger sets 3 defaults',
      },
      {
        file: 'app.yaml',
        line: 24,
        kind: 'Pod',
        namespace: 'ops',
        name: 'tool',
        replicas: 1,
        requests: { cpu: '500m', memory: '256Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
        qosClass: 'Guaranteed',
        totalRequests: { cpu: '500m', memory: '256Mi' },
        limitRange: {
          annotation: 'LimitRanger plugin set: cpu, memory request for container t; cpu, memory limit for container t',
          defaults: [
            { container: 't', init: false, kind: 'limit', resource: 'cpu', value: '500m', limitRange: 'defaults' },
            { container: 't', init: false, kind: 'limit', resource: 'memory', value: '256Mi', limitRange: 'defaults' },
            { container: 't', init: false, kind: 'request', resource: 'cpu', value: '500m', limitRange: 'defaults' },
            { container: 't', init: false, kind: 'request', resource: 'memory', value: '256Mi', limitRange: 'defaults' },
          ],
        },
        summary: 'requests cpu 500m, memory 256Mi · limits cpu 500m, memory 256Mi · Guaranteed · LimitRanger sets 4 defaults',
      },
    ],
  });
});

test('kubeplan requests refuses sarif and bad namespaces with exit 2', () => {
  assert.deepEqual(runCli(['requests', 'x.yaml', '--format', 'sarif']), { status: 2, stdout: '', stderr: 'kubeplan: --format must be one of text, json (got "sarif")\n' });
  assert.deepEqual(runCli(['requests', 'x.yaml', '--namespace', 'Bad_NS']), { status: 2, stdout: '', stderr: 'kubeplan: --namespace must be a namespace name (got "Bad_NS")\n' });
});
