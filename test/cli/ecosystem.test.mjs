// `kubeplan check` on a kustomize repository (a base, two overlays, a component) and a Helm chart
// (test/fixtures/kustomize-repo, test/fixtures/chart): the tools' own files get no findings as API
// objects (no KP108, KP115, required fields), patches are checked as partial objects, the chart is
// one note, a missing resource is reported at its entry; `simulate` applies the objects only.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';

const REPO = 'test/fixtures/kustomize-repo';
const CHART = 'test/fixtures/chart';

test('check: the findings of a kustomize repository and a chart, exactly', () => {
  const r = runCli(['check', REPO, CHART]);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    [
      `${REPO}/base/deployment.yaml:20:36: information KP193 ConfigMap "web-config" (namespace "default") is not in these manifests: assumed to exist in the cluster (named by 1 place: Deployment/web envFrom of container web)`,
      // A resource of the component: a custom resource, whose CRD is not in the workspace.
      `${REPO}/components/monitoring/service-monitor.yaml:2:7: information KP115 monitoring.coreos.com/v1 ServiceMonitor is a custom resource and no CustomResourceDefinition for it is in the workspace: assumed served by the cluster; only YAML syntax and metadata are checked (1 object)`,
      `${REPO}/overlays/production/pdb.yaml:6:17: warning KP191 PodDisruptionBudget web: minAvailable 1 of the 1 pod it selects (Deployment/web ×1): no pod may ever be evicted voluntarily, so kubectl drain and node upgrades wait forever; allow at least one disruption (minAvailable below the replicas, or maxUnavailable: 1) (also ${REPO}/base/deployment.yaml:7)`,
      // The patch has no selector and no image (required in a Deployment): only its wrong type is an error.
      `${REPO}/overlays/production/resources-patch.yaml:13:30: error KP122 spec.template.spec.containers[0].ports[0].containerPort must be an integer, not a string ("eighty")`,
      `${REPO}/overlays/staging/kustomization.yaml:4:5: error KP201 resources[2]: "ingress.yaml" not found: no file or directory ${REPO}/overlays/staging/ingress.yaml`,
      `${CHART}/Chart.yaml:1:1: information KP200 Helm chart: its templates/ are Go templates, YAML only once rendered, so they are not analysed as written; check the rendered output: helm template <chart> | kubeplan check -`,
      '2 errors, 1 warning, 3 notes in 22 files',
      '',
    ].join('\n'),
  );
});

test('check reads a kustomization named Kustomization (no extension) in a folder, and checks it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-kustomization-'));
  writeFileSync(join(dir, 'Kustomization'), 'resources: [app.yaml]\nnamespce: dev\n');
  writeFileSync(join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n');
  const r = runCli(['check', '.', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.files, ['Kustomization', 'app.yaml']);
  assert.deepEqual(report.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code} ${d.message}`), ['Kustomization:2 KP120 unknown field "namespce" (did you mean "namespace"?)']);
});

test('simulate: only the API objects are applied (no kustomization, patch, plugin config, chart file)', () => {
  const r = runCli(['simulate', REPO, CHART]);
  const created = [...r.stdout.matchAll(/^Normal +Created +(\S+\/\S+\/\S+) +\S+ created/gm)].map((m) => m[1]);
  assert.deepEqual(created, ['Deployment/default/web', 'Service/default/web', 'ServiceMonitor/default/web', 'PodDisruptionBudget/default/web', 'ConfigMap/default/extra']);
});

test("requests: a patch's Deployment is no workload", () => {
  const r = runCli(['requests', REPO]);
  assert.equal(r.stdout, `${REPO}/base/deployment.yaml:2: Deployment default/web: requests cpu 100m, memory 64Mi · limits cpu 200m, memory 128Mi · Burstable · ×1 replica\n1 workload\n`);
});
