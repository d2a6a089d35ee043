/**
 * The kubeplan language server: registers the LSP handlers, and nothing else. The analysis lives in
 * ./core (the Workspace owns the inputs and derives everything); when work runs is lsp/scheduler.ts;
 * the folders on disk are lsp/workspaceFiles.ts; the kubeplan/* protocol is lsp/protocol.ts.
 * Start: node dist/server.js --stdio
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, DidChangeConfigurationNotification, ErrorCodes, FileChangeType, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, apf, CHART_FILE, cluster, codeLenses, rbac, rbacHover, complete, definitions, documentSymbols, explainScheduling, hover, nodeRules, ProxyViews, references, simulationView, traceText, workloadAt, Workspace, type Finding, type Location } from './core';
import { toCompletionItem, toDocumentSymbol, toHover } from './lsp/languageFeatures';
import { toServerSettings, type KubeplanConfiguration, type ServerSettings } from './lsp/settings';
import { quickFixes } from './lsp/codeActions';
import { toDiagnostic } from './lsp/diagnostics';
import { diskText, isKustomization, WorkspaceFolders } from './lsp/workspaceFiles';
import { AnalysisScheduler } from './lsp/scheduler';
import { inSlices } from './lsp/slices';
import { OverlayRenders } from './lsp/overlays';
import { HelmCharts } from './lsp/helmCharts';
import { AnalysisComplete, ApfClassify, ApfLevels, CanI, WhoCan, ExplainScheduling, Nodes, Overlays, ProxyRules, ServerStatus, Simulate, SimulationComplete, TracePacket, WorkspaceTrusted, type InitializationOptions } from './lsp/protocol';
import { loadPrecompiledValidators, schemasDir, statPath } from './runtimeFiles';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let folders = new WorkspaceFolders([]);
const workspace = new Workspace(new Analyzer(schemasDir, loadPrecompiledValidators), { displayName: (uri) => folders.displayName(uri), statPath });
const proxyViews = new ProxyViews(workspace.analyzer, () => workspace.last);

let settings: ServerSettings = toServerSettings(undefined);
/** The cluster file and the cluster state file in use (uris). */
let configured: { cluster?: string; state?: string } = {};
/** initializationOptions.settings: what a client without a `kubeplan` configuration section uses. */
let initialSettings: KubeplanConfiguration | undefined;
let canPullConfiguration = false;
let canRegisterConfiguration = false;
let canRefreshCodeLenses = false;
/** vscode.workspace.isTrusted, from the client (a client that does not say is trusted): kustomize runs only in a trusted workspace. */
let trusted = true;

const log = (message: string): void => connection.console.log(message);
/** Internal errors already logged: one that recurs on every keystroke is logged once. */
const loggedErrors = new Set<string>();
function logError(what: string, e: unknown): void {
  const key = `${what}|${(e as Error)?.message ?? String(e)}`;
  if (loggedErrors.has(key)) return;
  loggedErrors.add(key);
  log(`internal error ${what}: ${(e as Error)?.stack ?? String(e)} (logged once)`);
}

const isYaml = (uri: string): boolean => documents.get(uri)?.languageId === 'yaml' || /\.ya?ml$/i.test(uri.split('?')[0]);

/** The findings last published per open document: code actions find their fixes there. */
const published = new Map<string, Finding[]>();

const overlays = new OverlayRenders({
  workspace,
  settings: () => settings.kustomize,
  trusted: () => trusted,
  displayName: (uri) => folders.displayName(uri),
  changed: () => scheduler.filesChanged(),
  overlaysChanged: (params) => void connection.sendNotification(Overlays, params),
  logError,
});

const charts = new HelmCharts({
  workspace,
  settings: () => settings.helm,
  trusted: () => trusted,
  changed: () => scheduler.filesChanged(),
  logError,
});

const scheduler = new AnalysisScheduler({
  workspace,
  documents,
  enabled: () => settings.enabled,
  isYaml,
  logError,
  placed: (uri, text) => (settings.enabled ? guarded(`placing rendered findings on ${uri}`, [], () => [...overlays.findingsFor(uri, text), ...charts.findingsFor(uri, text)]) : []),
  publish: (uri, version, findings) => {
    if (version === undefined) published.delete(uri);
    else published.set(uri, findings);
    void connection.sendDiagnostics({ uri, version, diagnostics: findings.map(toDiagnostic) });
  },
  analysisComplete: (uri, version) => void connection.sendNotification(AnalysisComplete, { uri, version }),
  simulationComplete: (run) => {
    const written = connection.sendNotification(SimulationComplete, { run });
    // kube-proxy's rule model of the default node is built once the client has been told, so that the
    // first Service hover is as fast as the next ones (nothing to do if the latest simulation's is built).
    // In slices: other requests go between them (a Service hover meanwhile waits for the build's end).
    void written
      .catch(() => undefined)
      .then(() => inSlices(proxyViews.viewInSteps(settings.analysis)))
      .catch((e: unknown) => logError("building kube-proxy's rules", e));
  },
  simulated: () => {
    // The scheduling lenses come from the latest simulation: the client asks for them again.
    if (canRefreshCodeLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  },
});

/** Sets a file's text in the workspace (undefined: the file is gone); never throws. */
function setText(uri: string, text: string | undefined): void {
  guarded(`reading ${uri}`, undefined, () => workspace.setFile(uri, text));
}

/** Runs `work`; a failure is logged (once) and `fallback` returned, never thrown at the client. */
function guarded<T>(what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (e) {
    logError(what, e);
    return fallback;
  }
}

function applySettings(next: ServerSettings): void {
  const kustomizeBefore = JSON.stringify(settings.kustomize);
  const helmBefore = JSON.stringify(settings.helm);
  settings = next;
  if (JSON.stringify(settings.kustomize) !== kustomizeBefore) overlays.renderAll();
  if (JSON.stringify(settings.helm) !== helmBefore) charts.renderAll();
  guarded('applying settings', undefined, () => {
    workspace.setSettings(settings.analysis);
    const clusterUri = folders.clusterFile(settings.cluster);
    const stateUri = folders.stateFile(settings.clusterState);
    // A cluster or state file no longer named is no part of the workspace, unless open or scanned there.
    for (const previous of [configured.cluster, configured.state]) {
      if (previous && previous !== clusterUri && previous !== stateUri && !documents.get(previous) && (!folders.contains(previous) || previous.includes('/.kubeplan/'))) setText(previous, undefined);
    }
    configured = { cluster: clusterUri, state: stateUri };
    workspace.setClusterFile(clusterUri);
    workspace.setClusterStateFile(stateUri);
    // The cluster and state files are read from disk unless open (then their text is the editor's).
    for (const [uri, what] of [[clusterUri, 'cluster file'], [stateUri, 'cluster state file']] as const) {
      if (!uri || documents.get(uri) || workspace.analyzer.text(uri) !== undefined) continue;
      void diskText(uri).then((text) => {
        if (text === undefined) log(`${what} ${fileURLToPath(uri)} cannot be read: ${what === 'cluster file' ? 'using the default cluster' : 'every object is new'}`);
        else if (!documents.get(uri)) setText(uri, text);
        scheduler.filesChanged();
      });
    }
  });
}

connection.onInitialize((params: InitializeParams) => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canRegisterConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  canRefreshCodeLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  const options = params.initializationOptions as InitializationOptions | undefined;
  initialSettings = options?.settings as KubeplanConfiguration | undefined;
  trusted = options?.trusted !== false;
  const roots = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []);
  folders = new WorkspaceFolders(roots.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)));
  applySettings(toServerSettings(initialSettings));
  return {
    capabilities: {
      // Saves: kustomize reads the disk, so a saved file renders its overlays again.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: { triggerCharacters: [' ', ':', '-'] },
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'kubeplan' },
  };
});

connection.onInitialized(async () => {
  if (canPullConfiguration) {
    if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeplan' });
    await refreshSettings();
    scheduler.analyseAll(); // documents opened while the settings were on their way
  }
  log(`kubeplan ready: Kubernetes ${settings.analysis.kubernetesVersion}, ${folders.roots.length} workspace folder(s)`);
  await scanWorkspace();
  scheduler.workspaceReady();
  overlays.start();
  charts.start();
});

connection.onNotification(WorkspaceTrusted, ({ trusted: now }) => {
  if (now === trusted) return;
  trusted = now;
  overlays.renderAll();
  charts.renderAll();
});

async function refreshSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    // A client with no `kubeplan` section answers null: the initializationOptions settings stand.
    const pulled = (await connection.workspace.getConfiguration('kubeplan')) as KubeplanConfiguration | null;
    applySettings(toServerSettings(pulled ?? initialSettings));
  } catch (e) {
    log(`could not read settings: ${(e as Error).message}`);
  }
}

/** Reads the folders' YAML files with Kubernetes objects into the workspace (open documents win). */
const scanWorkspace = (): Promise<void> =>
  folders.scan(settings.analysis.maxFileSizeMB * 1024 * 1024, (uri, text) => documents.get(uri) === undefined && setText(uri, text), log, (path) => (basename(path) === CHART_FILE ? charts.markerFile(path, true) : overlays.markerFile(path, true)));

connection.onDidChangeConfiguration(async (change) => {
  const { maxFileSizeMB } = settings.analysis;
  if (canPullConfiguration) await refreshSettings();
  else applySettings(toServerSettings((change.settings as { kubeplan?: KubeplanConfiguration } | undefined)?.kubeplan));
  // A larger size limit brings files of the folders the scan left out.
  if (settings.analysis.maxFileSizeMB > maxFileSizeMB) await scanWorkspace();
  scheduler.analyseAll();
  scheduler.filesChanged();
});

function onContent(uri: string, text: string): void {
  if (!isYaml(uri)) return;
  setText(uri, text);
  scheduler.documentChanged(uri);
}

documents.onDidOpen((e) => onContent(e.document.uri, e.document.getText()));
documents.onDidSave((e) => {
  if (!e.document.uri.startsWith('file:')) return;
  overlays.filesChanged([fileURLToPath(e.document.uri)], true);
  charts.filesChanged([fileURLToPath(e.document.uri)], true);
});
documents.onDidChangeContent((e) => onContent(e.document.uri, e.document.getText()));
documents.onDidClose(async (e) => {
  const { uri } = e.document;
  scheduler.documentClosed(uri);
  // What counts now is the file on disk if it is in a workspace folder (or the cluster file), else
  // nothing: a file opened from elsewhere leaves the workspace, and the simulation, when closed.
  const text = folders.contains(uri) || uri === folders.clusterFile(settings.cluster) || uri === folders.stateFile(settings.clusterState) ? await diskText(uri) : undefined;
  if (documents.get(uri)) return; // opened again meanwhile
  setText(uri, text);
  scheduler.filesChanged();
});

connection.onDidChangeWatchedFiles(async (change) => {
  // Every change on disk counts for the overlays and charts (open files too: kustomize and helm read the disk).
  const paths = change.changes.filter((e) => e.uri.startsWith('file:')).map((e) => ({ path: fileURLToPath(e.uri), type: e.type }));
  for (const { path, type } of paths) {
    if (isKustomization(basename(path))) overlays.markerFile(path, type !== FileChangeType.Deleted);
    if (basename(path) === CHART_FILE) charts.markerFile(path, type !== FileChangeType.Deleted);
  }
  overlays.filesChanged(paths.map((p) => p.path));
  charts.filesChanged(paths.map((p) => p.path));
  for (const event of change.changes) {
    if (!isYaml(event.uri) || documents.get(event.uri) || !event.uri.startsWith('file:')) continue;
    const text = await diskText(event.uri); // undefined: deleted
    if (!documents.get(event.uri)) setText(event.uri, text);
  }
  scheduler.filesChanged();
});

connection.onRequest(Simulate, (params) => {
  try {
    return simulationView(workspace.simulation(params?.uri, (file, e) => logError(`reading ${file} for the simulation`, e)));
  } catch (e) {
    logError('simulating', e);
    return new ResponseError(ErrorCodes.InternalError, `kubeplan could not simulate: ${(e as Error).message}`);
  }
});

connection.onRequest(ExplainScheduling, (params) =>
  guarded('explaining scheduling', null, () => {
    let ref = params?.workload;
    const { uri, position } = params ?? {};
    if (!ref && uri && position) {
      const at = onDocument(uri, undefined, (text) => workloadAt(workspace.analyzer, text, workspace.analyzer.layout(text).lines.offset(position), settings.analysis.defaultNamespace));
      ref = at && overlays.view(uri, settings.analysis.defaultNamespace ?? 'default').rename(at);
    }
    const last = workspace.last;
    const placed = ref && last ? cluster.schedulingByWorkload(last.result).get(ref) : undefined;
    return placed ? explainScheduling(placed) : null;
  }),
);

connection.onRequest(Nodes, () => proxyViews.nodes());

connection.onRequest(ApfClassify, (params) => {
  try {
    return apf.classify(workspace.apf().configuration, apf.requestDigest(params));
  } catch (e) {
    logError('classifying a request (APF)', e);
    return new ResponseError(ErrorCodes.InternalError, `kubeplan could not classify the request: ${(e as Error).message}`);
  }
});

connection.onRequest(ProxyRules, (params) =>
  guarded('rendering kube-proxy rules', `# kubeplan could not render the rules: see its log\n`, () => {
    const view = proxyViews.view(settings.analysis, params.node, params.mode);
    if (!view) return `# the simulated cluster has no node "${params.node ?? ''}" (nodes: ${proxyViews.nodes().join(', ')})\n`;
    return nodeRules(view, params.format ?? 'save');
  }),
);

connection.onRequest(TracePacket, (params) =>
  guarded('tracing a packet', `# kubeplan could not trace the packet: see its log\n`, () => {
    const view = proxyViews.view(settings.analysis, params.node);
    if (!view) return `# the simulated cluster has no node "${params.node ?? ''}"\n`;
    return traceText(view, params.packet);
  }),
);

/** can-i and who-can, as the CLI answers them; places as `file:line` (the workspace's display names). */
const rbacQuery = (answer: typeof rbac.answerCanI, params: rbac.Query): rbac.Answer => {
  const where: rbac.Where = ({ manifest, path }) => `${manifest.file}:${manifest.locate(path).start.line + 1}`;
  return answer(workspace.rbacPolicy(), workspace.builtinResources(), { ...params, namespace: params.namespace || (settings.analysis.defaultNamespace ?? 'default') }, where);
};
connection.onRequest(CanI, (params) => guarded('answering can-i', { allowed: false, text: 'no\nkubeplan could not answer: see its log\n', warnings: [] }, () => rbacQuery(rbac.answerCanI, params)));
connection.onRequest(WhoCan, (params) => guarded('answering who-can', { allowed: false, text: 'kubeplan could not answer: see its log\n', warnings: [] }, () => rbacQuery(rbac.answerWhoCan, params)));

connection.onRequest(ApfLevels, () =>
  guarded("computing the priority levels' seats (APF)", { text: 'kubeplan could not compute the levels: see its log\n', serverConcurrencyLimit: 0, levels: [] }, () => {
    const { configuration, serverConcurrencyLimit } = workspace.apf();
    const levels = apf.levelCapacities(configuration, serverConcurrencyLimit);
    return { text: apf.levelsTable(levels, serverConcurrencyLimit), serverConcurrencyLimit, levels };
  }),
);

connection.onRequest(ServerStatus, (params) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (params?.gc && gc) gc();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const last = workspace.last;
  return {
    memory: { rss, heapUsed, heapTotal, external, collected: !!(params?.gc && gc) },
    analyzer: workspace.analyzer.stats(),
    simulation: last ? { run: last.run, objects: last.result.objects.length, files: [...new Set(last.manifests.map((m) => m.file))].sort() } : null,
    overlays: overlays.status(),
  };
});

connection.onCodeAction((params) => quickFixes(params, published.get(params.textDocument.uri) ?? []));

/**
 * Runs a read-only request on an open YAML document that is analysed (not over the size limit, not
 * binary); a failure is logged, never thrown at the client.
 */
function onDocument<T>(uri: string, fallback: T, run: (text: string) => T): T {
  const doc = documents.get(uri);
  if (!doc || !isYaml(uri) || !settings.enabled || !workspace.analyzer.isAnalysed(uri)) return fallback;
  return guarded(`in a request on ${uri}`, fallback, () => run(doc.getText()));
}

connection.onHover(async ({ textDocument, position }) => {
  // A Service hover while kube-proxy's model of the latest simulation is built in steps waits for the
  // build, whose steps go on meanwhile between the other requests (finishing it at once held them all).
  const building = proxyViews.whenBuilt(settings.analysis);
  if (building && onDocument(textDocument.uri, false, (text) => proxyViews.isServiceHover(text, workspace.analyzer.layout(text).lines.offset(position)))) await building;
  return onDocument(textDocument.uri, null, (text) => {
    const offset = workspace.analyzer.layout(text).lines.offset(position);
    const { rename } = overlays.view(textDocument.uri, settings.analysis.defaultNamespace ?? 'default');
    const h = hover(workspace.analyzer, text, offset, settings.analysis.kubernetesVersion, settings.analysis.defaultNamespace, workspace.last?.result, workspace.roleOf(textDocument.uri, text), rename);
    // A Service's kind, name or port: the rules kube-proxy writes for it; a binding's subject or a
    // ServiceAccount's name: its effective permissions (the last model's RBAC).
    const extra = proxyViews.hover(text, offset, settings.analysis, rename) ?? rbacHover(workspace.analyzer, text, offset, () => workspace.rbacPolicy(true), settings.analysis.defaultNamespace)?.contents;
    if (!extra) return h ? toHover(h) : null;
    return toHover({ contents: h ? `${h.contents}\n\n---\n\n${extra}` : extra, range: h?.range ?? { start: position, end: position } });
  });
});

/** Go to definition and find references, across the workspace as its last simulation read it. */
const toLocations = (found: Location[]) => found.map((l) => ({ uri: l.file, range: l.range }));

connection.onDefinition(({ textDocument, position }) =>
  onDocument(textDocument.uri, [], (text) => {
    const last = workspace.last;
    return last ? toLocations(definitions(workspace.analyzer, last, text, workspace.analyzer.layout(text).lines.offset(position), settings.analysis.defaultNamespace)) : [];
  }),
);

connection.onReferences(({ textDocument, position }) =>
  onDocument(textDocument.uri, [], (text) => {
    const last = workspace.last;
    return last ? toLocations(references(workspace.analyzer, last, text, workspace.analyzer.layout(text).lines.offset(position), settings.analysis.defaultNamespace)) : [];
  }),
);

connection.onCompletion(({ textDocument, position }) =>
  onDocument(textDocument.uri, [], (text) =>
    complete(workspace.analyzer, text, workspace.analyzer.layout(text).lines.offset(position), settings.analysis.kubernetesVersion, workspace.roleOf(textDocument.uri, text)).map(toCompletionItem),
  ),
);

// The lenses are a workload's resources and scheduling: a patch or a template is no workload.
connection.onCodeLens(({ textDocument }) =>
  onDocument(textDocument.uri, [], (text) =>
    (workspace.roleOf(textDocument.uri, text) === 'manifest'
      ? codeLenses(workspace.analyzer, text, settings.analysis.defaultNamespace, settings.analysis.kubernetesVersion, workspace.last?.result, overlays.view(textDocument.uri, settings.analysis.defaultNamespace ?? 'default'))
      : []
    ).map((l) => ({
      range: l.range,
      command: l.explain ? { title: l.title, command: 'kubeplan.explainScheduling', arguments: [{ workload: l.explain }] } : { title: l.title, command: '' },
    })),
  ),
);

connection.onDocumentSymbol(({ textDocument }) => onDocument(textDocument.uri, [], (text) => documentSymbols(workspace.analyzer, text).map(toDocumentSymbol)));

process.on('unhandledRejection', (reason) => logError('(unhandled rejection)', reason));
process.on('uncaughtException', (error) => logError('(uncaught exception)', error));

documents.listen(connection);
connection.listen();
