// PodRequests/PodLimits/QoS against ../shared/vectors/pod-requests.json (cases from upstream
// component-helpers/resource/helpers_test.go), plus our own cases.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPodSpec, parseQuantity, podQOS, podResources, resourceListJson } from '../../dist/core.js';
import { sharedDir, sharedSkip } from '../helpers/paths.mjs';

/** Quantities compared numerically (the vectors say so), keys exactly. */
function numeric(list) {
  return Object.fromEntries(Object.entries(list).map(([k, v]) => [k, parseQuantity(v).nanos]));
}

test('every case of ../shared/vectors/pod-requests.json', { skip: sharedSkip }, () => {
  const { cases } = JSON.parse(readFileSync(join(sharedDir, 'vectors', 'pod-requests.json'), 'utf8'));
  assert.equal(cases.length, 9);
  for (const c of cases) {
    const spec = c.defaulting ? defaultPodSpec(c.pod) : c.pod;
    const r = podResources(spec, { excludeOverhead: c.options?.excludeOverhead });
    assert.deepEqual(numeric(resourceListJson(r.requests)), numeric(c.requests), `${c.name}: requests`);
    if (c.limits) assert.deepEqual(numeric(resourceListJson(r.limits)), numeric(c.limits), `${c.name}: limits`);
    if (c.qosClass) assert.equal(podQOS(spec), c.qosClass, `${c.name}: qosClass`);
  }
});

const spec = (containers, extra = {}) => ({ containers, ...extra });
const res = (requests, limits) => ({ resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });

test('printed the way Kubernetes prints: formats follow the first quantity summed', () => {
  const r = podResources(spec([{ name: 'a', ...res({ cpu: '1500m', memory: '1Gi' }) }, { name: 'b', ...res({ cpu: '1.5', memory: '2Gi' }) }]));
  assert.deepEqual(resourceListJson(r.requests), { cpu: '3', memory: '3Gi' });
  const odd = podResources(spec([{ name: 'a', ...res({ memory: '123Mi' }) }, { name: 'b', ...res({ memory: '1000' }) }]));
  assert.deepEqual(resourceListJson(odd.requests), { memory: '128975848' });
});

test('hugepages, extended resources and ephemeral-storage are summed like cpu', () => {
  const r = podResources(
    spec([
      { name: 'a', ...res({ 'hugepages-2Mi': '100Mi', 'nvidia.com/gpu': 1, 'ephemeral-storage': '1Gi' }, { 'hugepages-2Mi': '100Mi', 'nvidia.com/gpu': 1 }) },
      { name: 'b', ...res({ 'hugepages-2Mi': '50Mi', 'nvidia.com/gpu': '2', 'ephemeral-storage': '512Mi' }, { 'hugepages-2Mi': '50Mi', 'nvidia.com/gpu': '2' }) },
    ]),
  );
  assert.deepEqual(resourceListJson(r.requests), { 'ephemeral-storage': '1536Mi', 'hugepages-2Mi': '150Mi', 'nvidia.com/gpu': '3' });
  assert.deepEqual(resourceListJson(r.limits), { 'hugepages-2Mi': '150Mi', 'nvidia.com/gpu': '3' });
});

test('sidecars started after an init container do not count for it; the peak says which init container', () => {
  const r = podResources({
    initContainers: [
      { name: 'migrate', ...res({ cpu: '2' }) },
      { name: 'proxy', restartPolicy: 'Always', ...res({ cpu: '500m' }) },
      { name: 'warm', ...res({ cpu: '2' }) },
    ],
    containers: [{ name: 'app', ...res({ cpu: '1' }) }],
  });
  assert.deepEqual(resourceListJson(r.requests), { cpu: '2500m' });
  assert.deepEqual(resourceListJson(r.regular.requests), { cpu: '1500m' });
  assert.deepEqual(Object.fromEntries(r.initPeak.requestsBy), { cpu: 'warm' });
  assert.deepEqual(Object.fromEntries(r.requestsFrom), { cpu: 'init container warm' });
});

test('overhead is added to limits only where a non-zero limit exists', () => {
  const r = podResources(spec([{ name: 'a', ...res({ cpu: '1', memory: '1Gi' }, { cpu: '2' }) }], { overhead: { cpu: '250m', memory: '120Mi' } }));
  assert.deepEqual(resourceListJson(r.requests), { cpu: '1250m', memory: '1144Mi' });
  assert.deepEqual(resourceListJson(r.limits), { cpu: '2250m' });
});

test('QoS: Burstable when only some containers are limited, Guaranteed with pod-level equal limits', () => {
  assert.equal(podQOS(defaultPodSpec(spec([{ name: 'a', ...res(null, { cpu: '1', memory: '1Gi' }) }, { name: 'b', ...res({ cpu: '1' }) }]))), 'Burstable');
  assert.equal(podQOS(defaultPodSpec(spec([{ name: 'a' }], { resources: { limits: { cpu: '1', memory: '1Gi' } } }))), 'Guaranteed');
  assert.equal(podQOS(defaultPodSpec(spec([{ name: 'a', ...res({ 'nvidia.com/gpu': 1 }, { 'nvidia.com/gpu': 1 }) }]))), 'BestEffort');
});
