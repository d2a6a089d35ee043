// Quiet by default, exact when told: the corpus plus a 2,000-document file whose objects sit in 10
// namespaces that nothing creates. By default: no KP150, one KP116 information per namespace, every
// other use related. With a cluster file that lists namespaces and says it is authoritative for them:
// one KP150 error per missing namespace, its objects as related locations.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { sharedDir, sharedSkip } from '../helpers/paths.mjs';

function teams() {
  const docs = [];
  for (let i = 0; i < 2000; i++) {
    const ns = `team-${i % 10}`;
    const name = `app-${i}`;
    if (i % 3 === 0) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {k: v}\n`);
    else if (i % 3 === 1) docs.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${ns}}\n`);
    else docs.push(`apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: ${ns}}\nstringData: {k: v}\n`);
  }
  return docs.join('---\n');
}

test('the corpus and 2,000 documents in 10 namespaces nothing creates: one assumption per namespace, or one error per missing one', { skip: sharedSkip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-namespaces-'));
  cpSync(join(sharedDir, 'corpus'), join(dir, 'corpus'), { recursive: true });
  const text = teams();
  writeFileSync(join(dir, 'teams.yaml'), text);
  const lines = text.split('\n');
  /** The 0-based lines that name a namespace, in order. */
  const uses = (ns) => lines.flatMap((l, n) => (l.includes(`namespace: ${ns}}`) ? [n] : []));

  const check = runCli(['check', '.', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(check.stdout);
  const by = (code) => report.diagnostics.filter((d) => d.code === code);
  assert.deepEqual(by('KP150'), []);
  assert.deepEqual(
    by('KP116').map((d) => `${d.file}:${d.range.start.line + 1} ${d.message} +${d.related?.length ?? 0}`),
    [
      'corpus/kubernetes-examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-gke.yaml:18 namespace "gke-managed-system" is not created by these manifests: assumed to exist in the cluster (used by 1 object) +0',
      ...Array.from({ length: 10 }, (_, i) => `teams.yaml:${uses(`team-${i}`)[0] + 1} namespace "team-${i}" is not created by these manifests: assumed to exist in the cluster (used by 200 objects) +199`),
    ],
  );

  // A cluster file that has team-0 … team-4 and says it lists every namespace.
  const namespaces = Array.from({ length: 5 }, (_, i) => `---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-${i}}\n`).join('');
  writeFileSync(join(dir, 'cluster.yaml'), `apiVersion: kubeplan.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: prod}\nspec: {authoritative: [namespaces]}\n${namespaces}`);
  const simulate = runCli(['simulate', 'teams.yaml', 'corpus', '--cluster', 'cluster.yaml', '--format', 'json'], { cwd: dir });
  assert.equal(simulate.status, 1);
  const missing = JSON.parse(simulate.stdout).diagnostics.filter((d) => d.code === 'KP150' && /NamespaceLifecycle/.test(d.message));
  assert.deepEqual(
    missing.map((d) => `${d.file}:${d.range.start.line + 1} ${d.severity} ${d.message} +${d.related?.length ?? 0}`),
    [
      ...Array.from({ length: 5 }, (_, i) => `teams.yaml:${uses(`team-${i + 5}`)[0] + 1} error kubectl apply would fail (NotFound, NamespaceLifecycle): namespaces "team-${i + 5}" not found (200 objects) +199`),
      'corpus/kubernetes-examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-gke.yaml:18 error kubectl apply would fail (NotFound, NamespaceLifecycle): namespaces "gke-managed-system" not found +0',
    ],
  );
  const second = uses('team-5')[1];
  assert.deepEqual(missing[0].related[0], { file: 'teams.yaml', range: { start: { line: second, character: lines[second].indexOf('team-5') }, end: { line: second, character: lines[second].indexOf('team-5') + 6 } }, message: 'ConfigMap team-5/app-15 fails too' });
});
