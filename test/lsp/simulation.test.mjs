// The workspace simulation in the language server: apply-time diagnostics (KP150–KP152) merged into
// each document's diagnostics, the kubeplan/simulate request behind the Simulate Apply panel, and the
// cluster file setting.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, waitFor } from '../helpers/lspClient.mjs';
import { runCli } from '../helpers/run.mjs';
import { deployment } from '../helpers/manifests.mjs';

const APP = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
---
${deployment('web', 2, `      serviceAccountName: robot
      containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}}]
`)}`;

const codes = (published) => published.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);

describe('workspace simulation', () => {
  let client;
  after(() => client?.kill());
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-sim-'));
  mkdirSync(join(root, '.kubeplan'));
  writeFileSync(join(root, 'namespace.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n');
  const uri = pathToFileURL(join(root, 'app.yaml')).href;

  it('a namespace nothing creates is assumed to exist, said once (KP116); other files of the workspace count', async () => {
    client = await startServer({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href });
    await client.waitForLog('workspace scan: 1 YAML file(s) with Kubernetes objects');
    client.didOpen(uri, APP);
    await client.waitForDiagnostics(uri, 1);
    const run = client.simulations.length;
    // The ServiceAccount of namespace.yaml (on disk, not open) exists: only the namespace is assumed.
    await client.waitForSimulations(run + 1);
    const published = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(codes(published), ['2:38 KP116 namespace "shop" is not created by these manifests: assumed to exist in the cluster (used by 1 object)']);
  });

  it('re-simulates after an edit: a missing PriorityClass stops the ReplicaSet (KP151 on the Deployment)', async () => {
    const run = client.simulations.length;
    const edited = APP.replace('namespace: shop', 'namespace: default').replace('serviceAccountName: robot', 'priorityClassName: droid');
    client.didChange(uri, 2, [{ text: edited }]);
    await client.waitForDiagnostics(uri, 2);
    await client.waitForSimulations(run + 1);
    const published = await client.waitForDiagnostics(uri, 2);
    assert.equal(published.diagnostics.length, 1);
    assert.match(codes(published)[0], /^5:6 KP151 ReplicaSet\/default\/web-[a-z0-9]+: FailedCreate: Error creating: pods "web-[a-z0-9]+-" is forbidden: no PriorityClass with name droid was found$/);
  });

  it('kubeplan/simulate answers the panel: cluster, nodes, events with their document uri, pods per node', async () => {
    const view = await client.request('kubeplan/simulate', {});
    assert.deepEqual(view.cluster, { name: 'default', source: 'default', proxyMode: 'iptables', serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16' });
    assert.deepEqual(view.nodes.map((n) => `${n.name} ${n.podCIDR}`), ['control-plane 10.244.0.0/24', 'worker-1 10.244.1.0/24', 'worker-2 10.244.2.0/24', 'worker-3 10.244.3.0/24']);
    assert.deepEqual(view.events.slice(0, 3).map((e) => [e.reason, e.object, e.source.file, e.uri]), [
      ['Created', 'ConfigMap/default/settings', 'app.yaml', uri],
      ['Created', 'Deployment/default/web', 'app.yaml', uri],
      ['Created', 'ServiceAccount/default/robot', 'namespace.yaml', pathToFileURL(join(root, 'namespace.yaml')).href],
    ]);
    assert.deepEqual(view.pods, []);
    // One file only: the workspace's other files are left out.
    const one = await client.request('kubeplan/simulate', { uri });
    assert.deepEqual(one.events.map((e) => e.object).filter((o) => o.startsWith('ServiceAccount')), []);
  });

  it('the kubeplan.cluster setting (relative to the workspace folder) replaces the default cluster', async () => {
    writeFileSync(join(root, '.kubeplan', 'lab.yaml'), `apiVersion: v1
kind: Node
metadata: {name: lab-1}
status: {allocatable: {cpu: "2", memory: 4Gi, pods: "20"}, addresses: [{type: InternalIP, address: 10.9.0.1}]}
`);
    client.didChange(uri, 3, [{ text: APP.replace('namespace: shop', 'namespace: default').replace('serviceAccountName: robot\n      ', '') }]);
    await client.waitForDiagnostics(uri, 3);
    client.settings = { kubeplan: { cluster: '.kubeplan/lab.yaml' } };
    client.didChangeConfiguration();
    const view = await waitFor(async () => {
      const v = await client.request('kubeplan/simulate', {});
      return v.cluster.source === '.kubeplan/lab.yaml' ? v : undefined;
    }, 10_000);
    assert.deepEqual(view.nodes.map((n) => n.name), ['lab-1']);
    assert.deepEqual(view.pods.map((p) => [p.node, p.ip, p.phase]), [['lab-1', '10.244.0.2', 'Running'], ['lab-1', '10.244.0.3', 'Running']]);
  });
});


describe('kube-proxy in the editor', () => {
  let client;
  after(() => client?.kill());
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-proxy-'));
  const TEXT = `${deployment('web', 2, `      containers: [{name: app, image: nginx:1.27, ports: [{name: http, containerPort: 8080}], resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}}]
`)}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
`;
  writeFileSync(join(root, 'app.yaml'), TEXT);
  const uri = pathToFileURL(join(root, 'app.yaml')).href;

  it('hover on a Service port: the chains as an iptables block, its endpoints with their pods, the explanation', async () => {
    client = await startServer({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href });
    await client.waitForLog('workspace scan: 1 YAML file(s)');
    client.didOpen(uri, TEXT);
    await client.waitForDiagnostics(uri, 1);
    await client.waitForSimulations(1);
    const cli = runCli(['iptables', 'app.yaml'], { cwd: root });
    assert.equal(cli.status, 0);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 17, character: 6 } });
    const text = hover.contents.value;
    const block = text.slice(text.indexOf('```iptables\n') + 12, text.indexOf('\n```', text.indexOf('```iptables')));
    // Every rule of the block is a line of the node's real iptables-save output.
    const saved = new Set(cli.stdout.split('\n'));
    const rules = block.split('\n').filter((l) => l.startsWith('-A'));
    assert.equal(rules.length, 8);
    assert.deepEqual(rules.filter((l) => !saved.has(l)), []);
    // After the field's documentation (spec.ports[0].name), a rule, then the kube-proxy part.
    assert.equal(text.startsWith('**spec.ports[0].name** · `string`\n'), true);
    assert.match(text.slice(text.indexOf('\n---\n\n') + 6), /^\*\*kube-proxy on worker-1\*\* \(iptables mode\): what `iptables-save` shows there\n\n`default\/web:http` TCP 10\.96\.1\.1:80\n/);
    // Two replicas on worker-1 and worker-2 (spread): the one on worker-1 is local to the hovered node.
    assert.match(text, /\n- `10\.244\.1\.2:8080` pod default\/web-[a-z0-9]+-[a-z0-9]{5} on worker-1 \(local\): 50\.0% of new connections \(KUBE-SEP-[A-Z2-7]{16}\)\n- `10\.244\.2\.2:8080` pod default\/web-[a-z0-9]+-[a-z0-9]{5} on worker-2: 50\.0% of new connections \(KUBE-SEP-[A-Z2-7]{16}\)\n/);
    assert.match(text, /\nKUBE-SERVICES matches `-d 10\.96\.1\.1\/32 -p tcp … -m tcp --dport 80`: the destination port is matched by the tcp module, so two ports of one Service get two rules\.\n/);
  });

  it('kubeplan/proxyRules is the node ruleset kubeplan iptables prints; kubeplan/tracePacket follows a connection', async () => {
    const rules = await client.request('kubeplan/proxyRules', { node: 'worker-1', mode: 'iptables' });
    assert.equal(rules, runCli(['iptables', 'app.yaml', '--node', 'worker-1'], { cwd: root }).stdout);
    const ipvs = await client.request('kubeplan/proxyRules', { node: 'worker-2', mode: 'ipvs' });
    assert.equal(ipvs, runCli(['iptables', 'app.yaml', '--node', 'worker-2', '--mode', 'ipvs'], { cwd: root }).stdout);
    assert.deepEqual(await client.request('kubeplan/nodes'), ['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    const trace = await client.request('kubeplan/tracePacket', { node: 'worker-1', packet: { destination: '10.96.1.1', port: 80, protocol: 'TCP' } });
    const lines = trace.split('\n');
    assert.equal(lines[0], '# TCP (a client outside the cluster) → 10.96.1.1:80 on worker-1 (iptables mode)');
    assert.ok(lines.includes('# verdict: DNAT (marked for SNAT: KUBE-MARK-MASQ)'), trace);
    assert.equal(lines.filter((l) => /^# → 10\.244\.\d\.2:8080 50\.0% pod default\/web-/.test(l)).length, 2, trace);
    // The server keeps one rule model per node and mode: the hover is still the default node's, and
    // the other node's rules are still its own, whatever was asked in between.
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 17, character: 6 } });
    assert.match(hover.contents.value, /\n\*\*kube-proxy on worker-1\*\* \(iptables mode\)/);
    assert.equal(await client.request('kubeplan/proxyRules', { node: 'worker-2', mode: 'ipvs' }), ipvs);
    assert.equal(await client.request('kubeplan/proxyRules', { node: 'worker-2', mode: 'iptables' }), runCli(['iptables', 'app.yaml', '--node', 'worker-2'], { cwd: root }).stdout);
  });
});
