// Protocol tests for the language server: a real `node dist/server.js --stdio` process driven over
// JSON-RPC (test/helpers/lspClient.mjs). Expected messages come from test/fixtures/check/*.expected
// (1-based there, 0-based LSP positions here). Run after `node scripts/build.mjs`:
//   node --test test/lsp/server.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lspClient.mjs';
import { repoRoot } from '../helpers/paths.mjs';

const DOCS_URL = 'https://github.com/kubeplan/kubeplan/blob/main/docs/rules.md';
const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

const fixture = (name) => readFileSync(join(repoRoot, 'test', 'fixtures', 'check', name), 'utf8');
const range = (l1, c1, l2, c2) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const edit = (r, newText) => ({ range: range(...r), newText });
const fix = (title, ...edits) => ({ title, edits });
/** The diagnostic the server publishes for a finding (0-based range [line, char, line, char]). */
function diag(r, severity, code, message, fixes) {
  const d = { range: range(...r), severity, code, codeDescription: { href: `${DOCS_URL}#${code.toLowerCase()}` }, source: 'kubeplan', message };
  if (fixes) d.data = { fixes };
  return d;
}
/** A document uri no file backs (closing it makes the server read nothing from disk). */
const uriOf = (name) => `file:///kubeplan-lsp-test-nonexistent/${name}`;

/** A request round trip: everything the server sent before answering it has been received. */
const roundTrip = (client) => client.codeAction(uriOf('none.yaml'), range(0, 0, 0, 0), []);

// ---------------------------------------------------------------------------------------------------

describe('initialize', () => {
  let client;
  after(() => client?.kill());

  it('advertises incremental sync (and saves: they render kustomize overlays again), quick fixes, hover, definitions, references, completion, symbols and its name, then pulls settings and registers for changes', async () => {
    client = await startServer({ fixes: true, settings: { kubeplan: { kubernetesVersion: '1.30' } } });
    assert.deepEqual(client.initializeResult, {
      capabilities: {
        textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '-'] },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'kubeplan' },
    });
    await client.waitForLog('kubeplan ready');
    assert.deepEqual(client.logs, ['kubeplan ready: Kubernetes 1.30, 0 workspace folder(s)']);
    assert.deepEqual(client.configurationRequests, [{ items: [{ section: 'kubeplan' }] }]);
    assert.equal(client.registrations.length, 1);
    assert.deepEqual(
      client.registrations[0].registrations.map(({ method, registerOptions }) => ({ method, registerOptions })),
      [{ method: 'workspace/didChangeConfiguration', registerOptions: { section: 'kubeplan' } }],
    );
    assert.equal(await client.close(), 0);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('diagnostics', () => {
  let client;
  before(async () => {
    client = await startServer({ fixes: true });
    await client.waitForLog('kubeplan ready');
  });
  after(() => client?.kill());

  it('publishes the exact findings of a broken Deployment on didOpen', async () => {
    // The first document of test/fixtures/check/schema.yaml, with its expectations.
    const text = fixture('schema.yaml').split('\n---\n')[0] + '\n';
    const uri = uriOf('deployment.yaml');
    await client.didOpen(uri, text);
    const published = await client.waitForDiagnostics(uri, 1);
    assert.equal(published.uri, uri);
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics, [
      diag([2, 0, 2, 11], ERROR, 'KP120', 'unknown field "metafffdata"'),
      diag([4, 0, 4, 4], ERROR, 'KP121', 'missing required field "selector" in spec', [fix('Add "selector"', edit([5, 2, 5, 2], 'selector: {}\n  '))]),
      diag([5, 12, 5, 15], ERROR, 'KP122', 'spec.replicas must be an integer, not a string ("3")', [fix('Remove the quotes', edit([5, 12, 5, 15], '3'))]),
      diag([13, 8, 13, 24], ERROR, 'KP120', 'unknown field "spec.template.spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?)', [
        fix('Change to "imagePullPolicy"', edit([13, 8, 13, 24], 'imagePullPolicy')),
      ]),
      diag([16, 20, 16, 24], ERROR, 'KP123', 'spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'),
      diag([18, 20, 18, 23], ERROR, 'KP123', 'spec.template.spec.containers[0].ports[1].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP" (did you mean "TCP"?)', [
        fix('Change to TCP', edit([18, 20, 18, 23], 'TCP')),
      ]),
      diag([21, 17, 21, 24], ERROR, 'KP126', `spec.template.spec.containers[0].resources.requests.cpu: Invalid value: "2 cores": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`),
      diag([22, 20, 22, 23], ERROR, 'KP140', 'spec.template.spec.containers[0].resources.requests: Invalid value: "1G": must be less than or equal to memory limit of 128974848'),
    ]);
  });

  it('publishes an empty array for non-Kubernetes YAML (a GitHub workflow)', async () => {
    const uri = uriOf('ci.yaml');
    await client.didOpen(uri, fixture('non-kubernetes.yaml'));
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), { uri, version: 1, diagnostics: [] });
  });

  it('an untitled YAML document (languageId yaml; the VS Code client selects {scheme: untitled, language: yaml}) gets diagnostics', async () => {
    const untitled = 'untitled:Untitled-1';
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndate: {}\n';
    await client.didOpen(untitled, text);
    const later = uriOf('after-untitled.yaml');
    await client.didOpen(later, text); // published after the untitled document's diagnostics
    await client.waitForDiagnostics(later, 1);
    assert.deepEqual(await Promise.all(client.diagnosticsHistory(untitled).map((p) => client.withFixes(p))), [
      {
        uri: untitled,
        version: 1,
        diagnostics: [diag([4, 0, 4, 4], ERROR, 'KP120', 'unknown field "date" (did you mean "data"?)', [fix('Change to "data"', edit([4, 0, 4, 4], 'data'))])],
      },
    ]);
  });

  it('clears the diagnostics of a closed document (a publication without version)', async () => {
    const uri = uriOf('closed.yaml');
    await client.didOpen(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndate: {}\n');
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, [
      diag([4, 0, 4, 4], ERROR, 'KP120', 'unknown field "date" (did you mean "data"?)', [fix('Change to "data"', edit([4, 0, 4, 4], 'data'))]),
    ]);
    await client.didClose(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri, null), { uri, diagnostics: [] });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('incremental changes in a multi-document file', () => {
  const uri = uriOf('multi.yaml');
  const text = [
    'apiVersion: v1', //                         0
    'kind: ConfigMap', //                        1
    'metadata:', //                              2
    '  name: settings', //                       3
    'date:', //                                  4  KP120
    '  a: "1"', //                               5
    '---', //                                    6
    'apiVersion: apps/v1', //                    7
    'kind: Deployment', //                       8
    'metadata:', //                              9
    '  name: web', //                           10
    'spec:', //                                 11
    '  replicas: "3"', //                       12  KP122
    '  selector: {matchLabels: {app: web}}', // 13
    '  template:', //                           14
    '    metadata: {labels: {app: web}}', //    15
    '    spec:', //                             16
    '      containers:', //                     17
    '      - name: web', //                     18
    '        image: nginx', //                  19
    '        imagePullPolicyy: Always', //      20  KP120
    '---', //                                   21
    'apiVersion: v1', //                        22
    'kind: Service', //                         23
    'metadata:', //                             24
    '  name: 9service', //                      25  KP130
    'spec:', //                                 26
    '  ports:', //                              27
    '  - port: 80', //                          28
    '',
  ].join('\n');

  const dateField = (line) =>
    diag([line, 0, line, 4], ERROR, 'KP120', 'unknown field "date" (did you mean "data"?)', [fix('Change to "data"', edit([line, 0, line, 4], 'data'))]);
  const replicasQuoted = diag([12, 12, 12, 15], ERROR, 'KP122', 'spec.replicas must be an integer, not a string ("3")', [fix('Remove the quotes', edit([12, 12, 12, 15], '3'))]);
  const pullPolicy = (line) =>
    diag([line, 8, line, 24], ERROR, 'KP120', 'unknown field "spec.template.spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?)', [
      fix('Change to "imagePullPolicy"', edit([line, 8, line, 24], 'imagePullPolicy')),
    ]);
  const serviceName = (line) =>
    diag([line, 8, line, 16], ERROR, 'KP130', `metadata.name: Invalid value: "9service": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`);

  let client;
  before(async () => {
    client = await startServer({ fixes: true });
    await client.waitForLog('kubeplan ready');
    await client.didOpen(uri, text);
  });
  after(() => client?.kill());

  it('version 1: the findings of all three documents', async () => {
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, [dateField(4), replicasQuoted, pullPolicy(20), serviceName(25)]);
  });

  it('version 2: an edit inside the Deployment fixes one error and keeps the others', async () => {
    await client.didChange(uri, 2, [{ range: range(12, 12, 12, 15), text: '3' }]); // replicas: 3
    assert.deepEqual((await client.waitForDiagnostics(uri, 2)).diagnostics, [dateField(4), pullPolicy(20), serviceName(25)]);
  });

  it('version 3: deleting the space after "replicas:" is a KP102 syntax error; the other documents keep their findings', async () => {
    await client.didChange(uri, 3, [{ range: range(12, 11, 12, 12), text: '' }]); // replicas:3
    assert.deepEqual((await client.waitForDiagnostics(uri, 3)).diagnostics, [
      dateField(4),
      // A document with a syntax error only gets its YAML findings.
      diag([12, 2, 12, 12], ERROR, 'KP102', 'missing space after \':\' in "replicas:3": YAML reads it as one string, not as the key "replicas" with a value', [
        fix("Insert a space after ':'", edit([12, 11, 12, 11], ' ')),
      ]),
      serviceName(25),
    ]);
  });

  it('version 4: two changes in one notification: the space comes back, a mis-indented line is a KP101 in the Service', async () => {
    await client.didChange(uri, 4, [
      { range: range(12, 11, 12, 11), text: ' ' },
      { range: range(26, 0, 26, 0), text: '   labels: {}\n' },
    ]);
    assert.deepEqual((await client.waitForDiagnostics(uri, 4)).diagnostics, [
      dateField(4),
      pullPolicy(20),
      diag([25, 8, 25, 9], ERROR, 'KP101', 'Nested mappings are not allowed in compact mappings (check the indentation of this line and the one before)'),
    ]);
  });

  it('version 5: lines inserted in the first document move the findings of the later ones', async () => {
    await client.didChange(uri, 5, [
      { range: range(26, 0, 27, 0), text: '' }, // the bad line goes
      { range: range(3, 16, 3, 16), text: '\n  namespace: default\n  labels: {app: web}' },
    ]);
    assert.deepEqual((await client.waitForDiagnostics(uri, 5)).diagnostics, [dateField(6), pullPolicy(22), serviceName(27)]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('code actions', () => {
  const uri = uriOf('pod.yaml');
  const text = [
    'apiVersion: v1', //             0
    'kind: Pod', //                  1
    'metadata:', //                  2
    '  name: env', //                3
    'spec:', //                      4
    '  containers:', //              5
    '  - name: c', //                6
    '    image: nginx', //           7
    '    imagePullPolicyy: Always', // 8
    '    env:', //                   9
    '    - name: FLAG', //          10
    '      value: yes', //          11
    '',
  ].join('\n');
  const typo = diag([8, 4, 8, 20], ERROR, 'KP120', 'unknown field "spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?)', [
    fix('Change to "imagePullPolicy"', edit([8, 4, 8, 20], 'imagePullPolicy')),
  ]);
  const yes = diag([11, 13, 11, 16], ERROR, 'KP124', 'unquoted yes is a YAML 1.1 boolean: Kubernetes reads it as true, but spec.containers[0].env[0].value must be a string; quote it: "yes"', [
    fix('Quote yes', edit([11, 13, 11, 16], '"yes"')),
  ]);

  let client;
  let published;
  before(async () => {
    client = await startServer({ fixes: true });
    await client.waitForLog('kubeplan ready');
    await client.didOpen(uri, text);
    published = await client.waitForDiagnostics(uri, 1);
  });
  after(() => client?.kill());

  it('the document has a KP120 typo and a KP124 YAML 1.1 boolean', () => {
    assert.deepEqual(published.diagnostics, [typo, yes]);
  });

  it('KP124 `value: yes`: a preferred quick fix that quotes the value', async () => {
    const diagnostic = published.diagnostics.find((d) => d.code === 'KP124');
    const actions = await client.codeAction(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(actions, [
      { title: 'Quote yes', kind: 'quickfix', diagnostics: [yes], isPreferred: true, edit: { changes: { [uri]: [edit([11, 13, 11, 16], '"yes"')] } } },
    ]);
  });

  it('KP120 `imagePullPolicyy`: a quick fix that renames the key', async () => {
    const diagnostic = published.diagnostics.find((d) => d.code === 'KP120');
    const actions = await client.codeAction(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(actions, [
      {
        title: 'Change to "imagePullPolicy"',
        kind: 'quickfix',
        diagnostics: [typo],
        isPreferred: true,
        edit: { changes: { [uri]: [edit([8, 4, 8, 20], 'imagePullPolicy')] } },
      },
    ]);
  });

  it('only kubeplan diagnostics get actions; applying both edits leaves no findings', async () => {
    const foreign = { ...published.diagnostics[0], source: 'other-linter' };
    const actions = await client.codeAction(uri, range(0, 0, 12, 0), [foreign, ...published.diagnostics]);
    assert.deepEqual(actions.map((a) => a.title), ['Change to "imagePullPolicy"', 'Quote yes']);
    // Apply the edits from the last one up, as an editor would, in one didChange.
    const edits = actions.flatMap((a) => a.edit.changes[uri]).sort((a, b) => b.range.start.line - a.range.start.line);
    await client.didChange(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.deepEqual(await client.waitForDiagnostics(uri, 2), { uri, version: 2, diagnostics: [] });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('CustomResourceDefinitions in open documents', () => {
  const crdUri = uriOf('crd.yaml');
  const widgetUri = uriOf('widget.yaml');
  const crd = [
    'apiVersion: apiextensions.k8s.io/v1', //         0
    'kind: CustomResourceDefinition', //              1
    'metadata:', //                                   2
    '  name: widgets.example.com', //                 3
    'spec:', //                                       4
    '  group: example.com', //                        5
    '  names: {kind: Widget, plural: widgets}', //    6
    '  scope: Namespaced', //                         7
    '  versions:', //                                 8
    '  - name: v1', //                                9
    '    served: true', //                           10
    '    storage: true', //                          11
    '    schema:', //                                12
    '      openAPIV3Schema:', //                     13
    '        type: object', //                       14
    '        properties:', //                        15
    '          spec:', //                            16
    '            type: object', //                   17
    '            properties:', //                    18
    '              size: {type: integer, minimum: 1}', // 19
    '',
  ].join('\n');
  const widget = [
    'apiVersion: example.com/v1', // 0
    'kind: Widget', //               1
    'metadata:', //                  2
    '  name: w', //                  3
    'spec:', //                      4
    '  size: 3', //                  5
    '  color: red', //               6
    '',
  ].join('\n');
  const noCrd = diag([1, 6, 1, 12], INFORMATION, 'KP115', 'example.com/v1 Widget is a custom resource and no CustomResourceDefinition for it is in the workspace: assumed served by the cluster; only YAML syntax and metadata are checked (1 object)');
  /** KP115 is the workspace's (one per type, for the whole workspace): published after its simulation. */
  const afterSimulation = async (c, uri, version) => {
    const run = c.simulations.length;
    await c.waitForSimulations(run + 1);
    return c.waitForDiagnostics(uri, version);
  };
  /** The diagnostics published for `version` once they are `expected` (the CRD's dependents and the simulation both re-publish). */
  const eventually = async (c, uri, version, expected) => {
    for (let published = c.diagnosticsHistory(uri).at(-1); ; published = await c.waitForDiagnostics(uri, version)) {
      if (published?.version === version && JSON.stringify(published.diagnostics) === JSON.stringify(expected)) return published.diagnostics;
    }
  };

  let client;
  before(async () => {
    client = await startServer({ fixes: true });
    await client.waitForLog('kubeplan ready');
  });
  after(() => client?.kill());

  it('a custom resource without its CRD gets KP115, once the workspace is simulated', async () => {
    await client.didOpen(widgetUri, widget);
    assert.deepEqual((await client.waitForDiagnostics(widgetUri, 1)).diagnostics, []);
    assert.deepEqual((await afterSimulation(client, widgetUri, 1)).diagnostics, [noCrd]);
  });

  it('opening the CRD re-validates the open custom resource against it: spec.color is unknown', async () => {
    await client.didOpen(crdUri, crd);
    assert.deepEqual(await client.waitForDiagnostics(crdUri, 1), { uri: crdUri, version: 1, diagnostics: [] });
    assert.deepEqual((await client.waitForDiagnostics(widgetUri, 1)).diagnostics, [diag([6, 2, 6, 7], ERROR, 'KP120', 'unknown field "spec.color"')]);
  });

  it('adding spec.color to the CRD re-publishes the custom resource without that error', async () => {
    await client.didChange(crdUri, 2, [{ range: range(20, 0, 20, 0), text: '              color: {type: string, enum: [red, green]}\n' }]);
    assert.deepEqual(await client.waitForDiagnostics(crdUri, 2), { uri: crdUri, version: 2, diagnostics: [] });
    assert.deepEqual(await client.waitForDiagnostics(widgetUri, 1), { uri: widgetUri, version: 1, diagnostics: [] });
  });

  it('the custom resource is now checked against the new schema', async () => {
    await client.didChange(widgetUri, 2, [{ range: range(6, 9, 6, 12), text: 'blue' }]);
    assert.deepEqual((await client.waitForDiagnostics(widgetUri, 2)).diagnostics, [
      diag([6, 9, 6, 13], ERROR, 'KP123', 'spec.color: Unsupported value: "blue": supported values: "red", "green"'),
    ]);
  });

  it('closing the CRD (never saved) forgets it: the custom resource is back to KP115', async () => {
    await client.didClose(crdUri);
    assert.deepEqual(await client.waitForDiagnostics(crdUri, null), { uri: crdUri, diagnostics: [] });
    assert.deepEqual(await eventually(client, widgetUri, 2, [noCrd]), [noCrd]);
  });

  describe('a CRD on disk in the workspace folder', () => {
    let dir;
    let ws;
    let crdFile;
    let diskCrdUri;
    const wsWidgetUri = () => pathToFileURL(join(dir, 'widget.yaml')).href;
    const colorUnknown = diag([6, 2, 6, 7], ERROR, 'KP120', 'unknown field "spec.color"');
    const addColor = (text) => text + '              color: {type: string}\n';

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeplan-lsp-'));
      mkdirSync(join(dir, 'deploy'));
      crdFile = join(dir, 'deploy', 'crd.yaml');
      writeFileSync(crdFile, crd);
      diskCrdUri = pathToFileURL(crdFile).href;
      ws = await startServer({ fixes: true, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
      await ws.waitForLog('found CustomResourceDefinitions, LimitRanges, ResourceQuotas or RuntimeClasses in 1 workspace file(s)');
      assert.deepEqual(ws.logs, [
        'kubeplan ready: Kubernetes 1.35, 1 workspace folder(s)',
        'workspace scan: 1 YAML file(s) with Kubernetes objects',
        'found CustomResourceDefinitions, LimitRanges, ResourceQuotas or RuntimeClasses in 1 workspace file(s)',
      ]);
    });
    after(async () => {
      await ws?.kill();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('the workspace scan finds it: the custom resource is validated against it', async () => {
      await ws.didOpen(wsWidgetUri(), widget);
      assert.deepEqual((await ws.waitForDiagnostics(wsWidgetUri(), 1)).diagnostics, [colorUnknown]);
    });

    it('didChangeWatchedFiles after the file changed on disk re-validates the custom resource', async () => {
      writeFileSync(crdFile, addColor(crd));
      await ws.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: diskCrdUri, type: 2 }] });
      assert.deepEqual(await ws.waitForDiagnostics(wsWidgetUri(), 1), { uri: wsWidgetUri(), version: 1, diagnostics: [] });
    });

    it('an unsaved edit of the open CRD counts; closing it without saving falls back to the file on disk', async () => {
      await ws.didOpen(diskCrdUri, addColor(crd)); // as on disk: nothing changes
      assert.deepEqual(await ws.waitForDiagnostics(diskCrdUri, 1), { uri: diskCrdUri, version: 1, diagnostics: [] });
      await ws.didChange(diskCrdUri, 2, [{ range: range(20, 0, 21, 0), text: '' }]); // color goes, unsaved
      assert.deepEqual(await ws.waitForDiagnostics(diskCrdUri, 2), { uri: diskCrdUri, version: 2, diagnostics: [] });
      assert.deepEqual((await ws.waitForDiagnostics(wsWidgetUri(), 1)).diagnostics, [colorUnknown]);
      await ws.didClose(diskCrdUri);
      assert.deepEqual(await ws.waitForDiagnostics(diskCrdUri, null), { uri: diskCrdUri, diagnostics: [] });
      assert.deepEqual(await ws.waitForDiagnostics(wsWidgetUri(), 1), { uri: wsWidgetUri(), version: 1, diagnostics: [] });
      assert.deepEqual(ws.diagnosticsHistory(wsWidgetUri()).length, 4, 'the custom resource is re-published once per change of its CRD');
    });

    it('deleting the file (didChangeWatchedFiles, deleted) forgets the CRD', async () => {
      rmSync(crdFile);
      await ws.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: diskCrdUri, type: 3 }] });
      assert.deepEqual(await eventually(ws, wsWidgetUri(), 1, [noCrd]), [noCrd]);
    });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('settings', () => {
  const cronJob = fixture('api-versions.yaml').split('\n---\n')[0].replace(/^#.*\n/, '') + '\n';
  const cronUri = uriOf('cronjob.yaml');
  const deprecated = diag([0, 12, 0, 25], WARNING, 'KP112', 'batch/v1beta1 CronJob is deprecated in Kubernetes 1.24 and removed in 1.25: use batch/v1');
  const removed = diag([0, 12, 0, 25], ERROR, 'KP111', 'batch/v1beta1 CronJob was removed in Kubernetes 1.25: use batch/v1', [
    fix('Change to batch/v1', edit([0, 12, 0, 25], 'batch/v1')),
  ]);

  describe('pulled with workspace/configuration', () => {
    let client;
    before(async () => {
      client = await startServer({ fixes: true, settings: { kubeplan: { kubernetesVersion: '1.24', validation: { enable: true, schema: true } } } });
      await client.waitForLog('kubeplan ready: Kubernetes 1.24');
    });
    after(() => client?.kill());

    it('kubernetesVersion 1.24 makes batch/v1beta1 CronJob a KP112 warning', async () => {
      await client.didOpen(cronUri, cronJob);
      assert.deepEqual((await client.waitForDiagnostics(cronUri, 1)).diagnostics, [deprecated]);
    });

    it('didChangeConfiguration with validation.enable false re-publishes empty diagnostics', async () => {
      client.settings.kubeplan.validation.enable = false;
      await client.didChangeConfiguration(null);
      assert.deepEqual(await client.waitForDiagnostics(cronUri, 1), { uri: cronUri, version: 1, diagnostics: [] });
      assert.deepEqual(client.configurationRequests.at(-1), { items: [{ section: 'kubeplan' }] });
    });

    it('re-enabled with kubernetesVersion 1.35: KP111 (removed) with its quick fix', async () => {
      client.settings = { kubeplan: { kubernetesVersion: '1.35' } };
      await client.didChangeConfiguration(null);
      assert.deepEqual((await client.waitForDiagnostics(cronUri, 1)).diagnostics, [removed]);
    });
  });

  describe('validation.schema and maxFileSizeMB', () => {
    const uri = uriOf('cronjob-v1.yaml');
    const text = [
      'apiVersion: batch/v1', // 0
      'kind: CronJob', //        1
      'metadata:', //            2
      '  name: Bad_Name', //     3
      'spec:', //                4
      '  schedule: 1', //        5
      '  replicas: 2', //        6
      '',
    ].join('\n');
    const badName = diag([3, 8, 3, 16], ERROR, 'KP130', `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
    let client;
    before(async () => {
      client = await startServer({ fixes: true, settings: { kubeplan: {} } });
      await client.waitForLog('kubeplan ready: Kubernetes 1.35');
    });
    after(() => client?.kill());

    it('defaults: schema findings and metadata findings', async () => {
      await client.didOpen(uri, text);
      assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, [
        badName,
        diag([4, 0, 4, 4], ERROR, 'KP121', 'missing required field "jobTemplate" in spec', [fix('Add "jobTemplate"', edit([5, 2, 5, 2], 'jobTemplate: {}\n  '))]),
        diag([5, 12, 5, 13], ERROR, 'KP122', 'spec.schedule must be a string, not a number (1); quote it: "1"', [fix('Quote 1', edit([5, 12, 5, 13], '"1"'))]),
        diag([6, 2, 6, 10], ERROR, 'KP120', 'unknown field "spec.replicas"'),
      ]);
    });

    it('validation.schema false keeps only the non-schema findings', async () => {
      client.settings = { kubeplan: { validation: { schema: false } } };
      await client.didChangeConfiguration(null);
      assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, [badName]);
    });

    it('maxFileSizeMB below the 0.1 minimum is ignored; 0.1 (104,858 bytes) makes a 200 KB file too large', async () => {
      client.settings = { kubeplan: { maxFileSizeMB: 0.0001 } };
      await client.didChangeConfiguration(null);
      assert.equal((await client.waitForDiagnostics(uri, 1)).diagnostics.length, 4);
      client.settings = { kubeplan: { maxFileSizeMB: 0.1 } };
      await client.didChangeConfiguration(null);
      assert.equal((await client.waitForDiagnostics(uri, 1)).diagnostics.length, 4);
      await client.didChange(uri, 2, [{ range: range(7, 0, 7, 0), text: `# ${'padding '.repeat(25_000)}\n` }]);
      assert.deepEqual((await client.waitForDiagnostics(uri, 2)).diagnostics, [
        diag([0, 0, 0, 20], ERROR, 'KP100', 'file too large to analyse: 0.2 MB, limit 0.1 MB (setting kubeplan.maxFileSizeMB, CLI --max-file-size)'),
      ]);
    });
  });

  it('a document opened right after `initialized` is validated with the settings from workspace/configuration', async (t) => {
    const client = await startServer({ fixes: true, settings: { kubeplan: { kubernetesVersion: '1.24' } } });
    t.after(() => client.kill());
    await client.didOpen(cronUri, cronJob); // what VS Code does when a YAML editor is already open
    await client.waitForLog('kubeplan ready: Kubernetes 1.24');
    await roundTrip(client);
    const published = client.diagnosticsHistory(cronUri);
    assert.ok(published.length > 0, 'no diagnostics published');
    assert.deepEqual(published.at(-1), { uri: cronUri, version: 1, diagnostics: [deprecated] }, 'the latest diagnostics must use kubernetesVersion 1.24');
  });

  it('from initializationOptions when the client can pull configuration but has no kubeplan section (null)', async (t) => {
    const client = await startServer({ fixes: true, settings: {}, initializationOptions: { settings: { kubernetesVersion: '1.24', bestPractices: false } } });
    t.after(() => client.kill());
    await client.waitForLog('kubeplan ready: Kubernetes 1.24');
    assert.deepEqual(client.configurationRequests, [{ items: [{ section: 'kubeplan' }] }]);
    await client.didOpen(cronUri, cronJob);
    assert.deepEqual((await client.waitForDiagnostics(cronUri, 1)).diagnostics, [deprecated]);
  });

  describe('from initializationOptions when the client cannot answer workspace/configuration', () => {
    let client;
    before(async () => {
      client = await startServer({ fixes: true, configuration: false, initializationOptions: { settings: { kubernetesVersion: '1.24', bestPractices: false } } });
      await client.waitForLog('kubeplan ready: Kubernetes 1.24');
    });
    after(() => client?.kill());

    it('kubernetesVersion 1.24 applies and the server never asks for configuration', async () => {
      await client.didOpen(cronUri, cronJob);
      assert.deepEqual((await client.waitForDiagnostics(cronUri, 1)).diagnostics, [deprecated]);
      assert.deepEqual(client.configurationRequests, []);
      assert.deepEqual(client.registrations, []);
    });

    it('pushed didChangeConfiguration settings apply: validation.enable false, then a bad version falls back to 1.35', async () => {
      await client.didChangeConfiguration({ kubeplan: { validation: { enable: false } } });
      assert.deepEqual(await client.waitForDiagnostics(cronUri, 1), { uri: cronUri, version: 1, diagnostics: [] });
      await client.didChangeConfiguration({ kubeplan: { kubernetesVersion: '2.0' } });
      assert.deepEqual((await client.waitForDiagnostics(cronUri, 1)).diagnostics, [removed]);
    });
  });
});

// ---------------------------------------------------------------------------------------------------

const configMap = (name) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const normalText = configMap('normal') + 'date: {}\n';
const normalDiagnostics = [diag([4, 0, 4, 4], ERROR, 'KP120', 'unknown field "date" (did you mean "data"?)', [fix('Change to "data"', edit([4, 0, 4, 4], 'data'))])];

/** Opens a normal file and checks its exact diagnostics: the server still analyses. */
let normalFiles = 0;
async function assertStillServing(client) {
  const uri = uriOf(`normal-${normalFiles++}.yaml`);
  await client.didOpen(uri, normalText);
  assert.deepEqual(await client.waitForDiagnostics(uri, 1), { uri, version: 1, diagnostics: normalDiagnostics });
}

/**
 * Documents nested 10,000 levels deep: [name, text, 0-based line and character of the collection at
 * depth 200, where the top-level collection has depth 0].
 */
const DEPTH = 10_000;
const DEEP_CASES = [
  ['a flow sequence, top level', configMap('deep') + '---\n' + '['.repeat(DEPTH) + ']'.repeat(DEPTH) + '\n', 5, 200],
  ['a block sequence (compact `- - -`), top level', configMap('deep') + '---\n' + '- '.repeat(DEPTH) + 'x\n', 5, 400],
  ['a flow mapping under data', configMap('deep') + 'data:\n  x: ' + '{a: '.repeat(DEPTH) + '1' + '}'.repeat(DEPTH) + '\n', 5, 797],
  ['a block sequence under data', configMap('deep') + 'data:\n  x:\n    ' + '- '.repeat(DEPTH) + 'x\n', 6, 400],
];

/** Exactly one KP106 "too deep" diagnostic, on the collection at depth 200 (`line`, `character`). */
function assertDeep(diagnostics, line, character) {
  assert.deepEqual(diagnostics, [diag([line, character, line, character + 1], ERROR, 'KP106', 'nesting deeper than 200 levels: the document is not analysed')]);
}

describe('bad input: the server keeps serving', () => {
  let client;

  before(async () => {
    client = await startServer({ fixes: true, timeoutMs: 20_000 });
    await client.waitForLog('kubeplan ready');
  });
  after(() => client?.kill());

  it('a ~50 MB file: one KP100 "file too large" diagnostic, then a normal file still gets diagnostics', async () => {
    const doc = configMap('big') + 'data:\n  k: ' + 'x'.repeat(1000) + '\n---\n';
    const text = doc.repeat(Math.ceil((50 * 1024 * 1024) / doc.length));
    const mb = (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);
    assert.equal(mb, '50.0');
    const uri = uriOf('huge.yaml');
    await client.didOpen(uri, text);
    assert.deepEqual(await client.waitForDiagnostics(uri, 1), {
      uri,
      version: 1,
      diagnostics: [diag([0, 0, 0, 14], ERROR, 'KP100', `file too large to analyse: ${mb} MB, limit 5 MB (setting kubeplan.maxFileSizeMB, CLI --max-file-size)`)],
    });
    await client.didClose(uri);
    await client.waitForDiagnostics(uri, null);
    await assertStillServing(client);
  });

  it('a file with NUL bytes: KP100 binary file', async () => {
    const uri = uriOf('binary.yaml');
    await client.didOpen(uri, configMap('bin') + 'data:\n  a: "x\u0000y"\n\u0000\u0001\u0002');
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, [diag([0, 0, 0, 14], ERROR, 'KP100', 'binary file (contains NUL bytes): not analysed')]);
    await assertStillServing(client);
  });

  it('an alias bomb (billion laughs, 9 levels x 9 aliases): KP105 on the first alias', async () => {
    const uri = uriOf('bomb.yaml');
    const letters = 'abcdefghi';
    let text = configMap('lol') + 'data:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < letters.length; i++) text += `  ${letters[i]}: &${letters[i]} [${Array(9).fill(`*${letters[i - 1]}`).join(', ')}]\n`;
    await client.didOpen(uri, text);
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, [
      diag([6, 9, 6, 11], ERROR, 'KP105', 'aliases expand to more than 1000 nodes (an alias bomb?): the document is not analysed'),
    ]);
    await assertStillServing(client);
  });

  it('100,000 tiny documents plus one Kubernetes document: answered, with the finding on the right line', async () => {
    const uri = uriOf('tiny-docs.yaml');
    const text = '---\na: 1\n'.repeat(100_000) + '---\n' + normalText;
    const started = Date.now();
    await client.didOpen(uri, text);
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, [
      diag([200_005, 0, 200_005, 4], ERROR, 'KP120', 'unknown field "date" (did you mean "data"?)', [fix('Change to "data"', edit([200_005, 0, 200_005, 4], 'data'))]),
    ]);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  describe('10,000 levels of nesting: a KP106 diagnostic on the deep line, not a crash', () => {
    for (const [name, text, line, character] of DEEP_CASES) {
      it(name, async () => {
        const uri = uriOf(`deep-${name.replace(/\W+/g, '-')}.yaml`);
        await client.didOpen(uri, text);
        assertDeep((await client.waitForDiagnostics(uri, 1)).diagnostics, line, character);
        await assertStillServing(client);
      });
    }
  });

  it('after all of that the process is alive and answers requests', async () => {
    assert.equal(client.alive, true, `server died: ${client.stderr.slice(-500)}`);
    await assertStillServing(client);
    assert.deepEqual(await roundTrip(client), []);
    assert.equal(await client.close(), 0);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('10,000 levels of nesting in a fresh server (the first documents it analyses)', () => {
  let client;
  before(async () => {
    client = await startServer({ fixes: true });
    await client.waitForLog('kubeplan ready');
  });
  after(() => client?.kill());

  for (const [name, text, line, character] of DEEP_CASES) {
    it(`${name}: a KP106 diagnostic, not a crash`, async () => {
      const uri = uriOf(`fresh-deep-${name.replace(/\W+/g, '-')}.yaml`);
      await client.didOpen(uri, text);
      assertDeep((await client.waitForDiagnostics(uri, 1)).diagnostics, line, character);
    });
  }

  it('the process is alive and analyses a normal file', async () => {
    assert.equal(client.alive, true, `server died: ${client.stderr.slice(-300)}`);
    await assertStillServing(client);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('lifecycle', () => {
  it('shutdown then exit: the process exits with code 0', async (t) => {
    const client = await startServer({ fixes: true });
    t.after(() => client.kill());
    assert.equal(await client.request('shutdown'), null);
    await client.notify('exit');
    assert.equal(await client.exited, 0);
  });

  it('exit without shutdown: the process exits with code 1', async (t) => {
    const client = await startServer({ fixes: true });
    t.after(() => client.kill());
    await client.notify('exit');
    assert.equal(await client.exited, 1);
  });
});
