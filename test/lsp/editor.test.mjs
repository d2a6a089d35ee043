// Editor features over the protocol: hover, completion, outline, quick fixes (including a disabled
// one with its reason), severity overrides and suppression, on a real `node dist/server.js --stdio`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lspClient.mjs';

const range = (l1, c1, l2, c2) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const uriOf = (name) => `file:///kubeplan-lsp-test-nonexistent/${name}`;
const position = (line, character) => ({ line, character });

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        
`;

describe('editor features', () => {
  let client;
  const uri = uriOf('web.yaml');
  before(async () => {
    client = await startServer();
    await client.waitForLog('kubeplan ready');
    await client.didOpen(uri, DEPLOYMENT);
    await client.waitForDiagnostics(uri, 1);
  });
  after(() => client?.kill());

  it('hover on a key: Markdown with path, type, description', async () => {
    assert.deepEqual(await client.request('textDocument/hover', { textDocument: { uri }, position: position(5, 4) }), {
      contents: {
        kind: 'markdown',
        value: '**spec.replicas** · `integer`\n\nNumber of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.\n\noptional — *apps/v1 Deployment*',
      },
      range: range(5, 2, 5, 10),
    });
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: position(12, 0) }), null);
  });

  it('completion: keys of a container, required ones first, present ones left out', async () => {
    const items = await client.request('textDocument/completion', { textDocument: { uri }, position: position(13, 8) });
    assert.equal(items.some((i) => i.label === 'image' || i.label === 'name'), false);
    assert.deepEqual(items.find((i) => i.label === 'imagePullPolicy'), {
      label: 'imagePullPolicy',
      kind: 10,
      sortText: '1imagePullPolicy',
      filterText: 'imagePullPolicy',
      textEdit: { range: range(13, 8, 13, 8), newText: 'imagePullPolicy: ' },
      insertTextFormat: 1,
      detail: 'string',
      documentation: {
        kind: 'markdown',
        value:
          'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images',
      },
    });
    assert.equal(items.length, 23);
  });

  it('document symbols: one per document, Kind namespace/name', async () => {
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), [
      { name: 'Deployment web', detail: 'apps/v1', kind: 5, range: range(0, 0, 12, 20), selectionRange: range(1, 6, 1, 16) },
    ]);
  });

  it('quick fixes: a removed API whose shape changed is offered disabled, with the reason', async () => {
    const ingress = uriOf('ingress.yaml');
    await client.didOpen(ingress, 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n');
    const [diagnostic] = (await client.waitForDiagnostics(ingress, 1)).diagnostics;
    const actions = await client.codeAction(ingress, diagnostic.range, [diagnostic]);
    assert.deepEqual(actions, [
      {
        title: 'Change to networking.k8s.io/v1',
        kind: 'quickfix',
        diagnostics: [diagnostic],
        disabled: {
          reason:
            'the object changed too: spec.backend is renamed spec.defaultBackend; backend serviceName/servicePort become service.name and service.port.number or service.port.name; pathType is required',
        },
        edit: { changes: { [ingress]: [{ range: range(0, 12, 0, 30), newText: 'networking.k8s.io/v1' }] } },
      },
    ]);
  });

  it('quick fix: add a missing required field with a placeholder', async () => {
    const svc = uriOf('svc.yaml');
    await client.didOpen(svc, 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - name: http\n    targetPort: 8080\n');
    const [diagnostic] = (await client.waitForDiagnostics(svc, 1)).diagnostics;
    assert.equal(diagnostic.message, 'missing required field "port" in spec.ports[0]');
    const [action] = await client.codeAction(svc, diagnostic.range, [diagnostic]);
    assert.deepEqual(action.edit, { changes: { [svc]: [{ range: range(5, 4, 5, 4), newText: 'port: 0\n    ' }] } });
    assert.equal(action.title, 'Add "port"');
  });

  it('settings: severity overrides and suppression comments apply live', async () => {
    const cron = uriOf('cron.yaml');
    client.settings = { kubeplan: { kubernetesVersion: '1.24', validation: { schema: false }, severity: { KP112: 'error' } } };
    await client.didChangeConfiguration(null);
    await client.waitForDiagnostics(uri, 1); // the open document re-analysed: the settings are in
    await client.didOpen(cron, 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: Bad_Name}\n');
    assert.deepEqual((await client.waitForDiagnostics(cron, 1)).diagnostics.map((d) => `${d.code} ${d.severity}`), ['KP112 1', 'KP130 1']);
    await client.didChange(cron, 2, [{ range: range(2, 0, 2, 0), text: '# kubeplan-disable-next-line KP130\n' }]);
    assert.deepEqual((await client.waitForDiagnostics(cron, 2)).diagnostics.map((d) => `${d.code} ${d.severity}`), ['KP112 1']);
    client.settings = { kubeplan: { kubernetesVersion: '1.24', validation: { schema: false }, severity: { KP112: 'off' } } };
    await client.didChangeConfiguration(null);
    assert.deepEqual((await client.waitForDiagnostics(cron, 2)).diagnostics, []);
  });
});

describe('resources over the protocol', () => {
  let client;
  after(() => client?.kill());

  it('a code lens above each workload, updated when a LimitRange in another open file changes', async () => {
    client = await startServer({ settings: { kubeplan: { severity: {} } } });
    await client.waitForLog('kubeplan ready');
    const deploy = uriOf('deploy.yaml');
    const policies = uriOf('policies.yaml');
    await client.didOpen(deploy, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: app, image: a, resources: {limits: {cpu: 1500m, memory: 1536Mi}}}, {name: log, image: l}]\n');
    // The resource findings (the other best-practice checks have their own test below).
    const resourceFindings = (published) => published.diagnostics.filter((d) => /^KP14/.test(d.code)).map((d) => `${d.code} ${d.message}`);
    assert.deepEqual(resourceFindings(await client.waitForDiagnostics(deploy, 1)), [
      'KP145 container log sets no cpu or memory request or limit: the scheduler reserves no cpu or memory for it when it picks a node (it fits anywhere), scores nodes as if it asked 100m CPU and 200Mi memory, and nothing caps its use',
    ]);
    // The scheduling lens joins the resources lens once the workspace simulation has seen the Deployment.
    assert.deepEqual(await lensesOnceSimulated(client, deploy, 2), [
      { range: range(1, 6, 1, 16), command: { title: 'requests cpu 1500m, memory 1536Mi · limits cpu 1500m, memory 1536Mi · Burstable · ×2 replicas = cpu 3, memory 3Gi', command: '' } },
      { range: range(1, 6, 1, 16), command: { title: 'schedulable: 2/2 replicas → worker-1, worker-2', command: 'kubeplan.explainScheduling', arguments: [{ workload: 'Deployment/default/web' }] } },
    ]);
    await client.didOpen(policies, 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 500m, memory: 512Mi}\n');
    // The simulation republishes the Deployment (its workspace findings: KP170, KP197) too: wait for the LimitRange's effect.
    assert.deepEqual(resourceFindings(await diagnosticsUntil(client, deploy, (p) => p.diagnostics.some((d) => d.code === 'KP141'))), [
      'KP141 LimitRanger will set cpu limit to 500m, memory limit to 512Mi, cpu request to 500m, memory request to 512Mi for container log (LimitRange lr in namespace default)',
    ]);
    assert.deepEqual((await client.request('textDocument/codeLens', { textDocument: { uri: deploy } }))[0].command.title,
      'requests cpu 2, memory 2Gi · limits cpu 2, memory 2Gi · Guaranteed · ×2 replicas = cpu 4, memory 4Gi · LimitRanger sets 4 defaults');
  });
});

describe('LimitRanges on disk', () => {
  it('the workspace scan finds a LimitRange in an unopened file and applies it to an open Deployment', async (t) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const root = mkdtempSync(join(tmpdir(), 'kubeplan-ws-'));
    writeFileSync(join(root, 'limits.yaml'), 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits:\n  - type: Container\n    defaultRequest: {cpu: 100m, memory: 64Mi}\n');
    const rootUri = pathToFileURL(root).href;
    const client = await startServer({ workspaceFolders: [{ uri: rootUri, name: 'ws' }] });
    t.after(() => client.kill());
    await client.waitForLog('found CustomResourceDefinitions, LimitRanges, ResourceQuotas or RuntimeClasses in 1 workspace file(s)');
    const uri = `${rootUri}/web.yaml`;
    await client.didOpen(uri, 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: a}]\n');
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics.map((d) => `${d.code} ${d.message}`), [
      'KP141 LimitRanger will set cpu request to 100m, memory request to 64Mi for container app (LimitRange lr in namespace default)',
    ]);
  });
});

/** The latest diagnostics published for a document once `predicate` holds for them (or the last ones at the timeout). */
async function diagnosticsUntil(client, uri, predicate, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const last = client.diagnosticsHistory(uri).at(-1);
    if ((last && predicate(last)) || Date.now() > until) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The document's code lenses once there are `count` of them (the scheduling lens waits for the simulation). */
async function lensesOnceSimulated(client, uri, count, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    if (lenses.length >= count || Date.now() > until) return lenses;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('best practices over the protocol', () => {
  let client;
  after(() => client?.kill());
  const uri = uriOf('hardening.yaml');
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: registry.example/app:1.0\n    resources: {requests: {cpu: 10m, memory: 8Mi}}\n    securityContext:\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n      capabilities: {drop: [ALL]}\n    readinessProbe: {tcpSocket: {port: 80}}\n    livenessProbe: {tcpSocket: {port: 80}}\n';

  it('kubeplan.bestPractices: a finding with its quick fix; false turns the group off live', async () => {
    client = await startServer({ settings: { kubeplan: { bestPractices: true } } });
    await client.waitForLog('kubeplan ready');
    await client.didOpen(uri, POD);
    const [diagnostic, ...others] = (await client.waitForDiagnostics(uri, 1)).diagnostics;
    assert.deepEqual(others, []);
    assert.equal(diagnostic.code, 'KP175');
    assert.equal(diagnostic.severity, 3);
    assert.deepEqual(diagnostic.range, range(8, 4, 8, 19));
    const [action] = await client.codeAction(uri, diagnostic.range, [diagnostic]);
    assert.equal(action.title, 'Set runAsNonRoot: true');
    assert.deepEqual(action.edit, { changes: { [uri]: [{ range: range(9, 6, 9, 6), newText: 'runAsNonRoot: true\n      ' }] } });
    client.settings = { kubeplan: { bestPractices: false } };
    await client.didChangeConfiguration(null);
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, []);
  });
});
