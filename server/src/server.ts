/**
 * The kubeplan language server: LSP wiring only. Analysis lives in ./core; this file keeps the open
 * documents, the settings and what workspace files declare for others (CRDs, LimitRanges,
 * ResourceQuotas) in step with the client, publishes findings and answers editor requests.
 * Start: node dist/server.js --stdio
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative, isAbsolute } from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  createConnection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, cluster, codeLenses, complete, documentSymbols, hover, workloadAt, type Finding, type proxy } from './core';
import { toCompletionItem, toDocumentSymbol, toHover } from './lsp/languageFeatures';
import { toServerSettings, type KubeplanConfiguration, type ServerSettings } from './lsp/settings';
import { toDiagnostic } from './lsp/diagnostics';
import { quickFixes } from './lsp/codeActions';
import { manifestFiles } from './lsp/workspaceScan';
import { WorkspaceSimulation } from './lsp/workspaceSimulation';
import { simulationView } from './lsp/simulationView';
import { ProxyFeatures } from './lsp/proxyFeatures';
import { loadPrecompiledValidators, schemasDir } from './runtimeFiles';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analyzer = new Analyzer(schemasDir, loadPrecompiledValidators);
const log = (message: string): void => connection.console.log(message);
/** Internal errors already logged: one that recurs on every keystroke is logged once. */
const loggedErrors = new Set<string>();
function logError(what: string, e: unknown): void {
  const key = `${what}|${(e as Error)?.message ?? String(e)}`;
  if (loggedErrors.has(key)) return;
  loggedErrors.add(key);
  log(`internal error ${what}: ${(e as Error)?.stack ?? String(e)} (logged once)`);
}
const simulation = new WorkspaceSimulation(analyzer, log);
const proxyFeatures = new ProxyFeatures(analyzer, simulation);

let settings: ServerSettings = toServerSettings(undefined);
/** initializationOptions.settings: what a client without a `kubeplan` configuration section uses. */
let initialSettings: KubeplanConfiguration | undefined;
let canPullConfiguration = false;
let canRegisterConfiguration = false;
let workspaceRoots: string[] = [];
let canRefreshCodeLenses = false;

const isYaml = (uri: string): boolean => documents.get(uri)?.languageId === 'yaml' || /\.ya?ml$/i.test(uri.split('?')[0]);

connection.onInitialize((params: InitializeParams) => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canRegisterConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  canRefreshCodeLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  initialSettings = (params.initializationOptions as { settings?: KubeplanConfiguration } | undefined)?.settings;
  settings = toServerSettings(initialSettings);
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : [])
    .filter((u) => u.startsWith('file:'))
    .map((u) => fileURLToPath(u));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      hoverProvider: true,
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
    scheduleAll(); // documents opened while the settings were on their way
  }
  log(`kubeplan ready: Kubernetes ${settings.analysis.kubernetesVersion}, ${workspaceRoots.length} workspace folder(s)`);
  await scanWorkspace();
});

async function refreshSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    // A client with no `kubeplan` section answers null: the initializationOptions settings stand.
    const pulled = (await connection.workspace.getConfiguration('kubeplan')) as KubeplanConfiguration | null;
    settings = toServerSettings(pulled ?? initialSettings);
  } catch (e) {
    log(`could not read settings: ${(e as Error).message}`);
  }
}

/**
 * Sets a file's text for analysis and the simulation (undefined: the file is gone); never throws.
 * Cheap: what the file declares for others is indexed at the next flush, from its latest text.
 */
function setText(uri: string, text: string | undefined): void {
  try {
    analyzer.setFile(uri, text, settings.analysis);
  } catch (e) {
    logError(`reading ${uri}`, e);
  }
  scheduleDependents();
}

/** Whether a file is in one of the workspace folders (a closed file outside them leaves the workspace). */
function inWorkspace(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  const path = fileURLToPath(uri);
  return workspaceRoots.some((root) => {
    const r = relative(root, path);
    return r !== '' && !r.startsWith('..') && !isAbsolute(r);
  });
}

/** The text of a workspace file on disk, or undefined (deleted, unreadable, never saved). */
async function diskText(uri: string): Promise<string | undefined> {
  try {
    return await readFile(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}

async function scanWorkspace(): Promise<void> {
  let files = 0;
  let manifests = 0;
  for (const root of workspaceRoots) {
    for await (const { path, text, declares } of manifestFiles(root, settings.analysis.maxFileSizeMB * 1024 * 1024, log)) {
      const uri = pathToFileURL(path).href;
      manifests++;
      if (documents.get(uri)) continue;
      setText(uri, text);
      if (declares) files++;
    }
  }
  if (workspaceRoots.length) log(`workspace scan: ${manifests} YAML file(s) with Kubernetes objects`);
  if (files) log(`found CustomResourceDefinitions, LimitRanges, ResourceQuotas or RuntimeClasses in ${files} workspace file(s)`);
  try {
    if (analyzer.takeDeclarationChanges()) scheduleAll();
  } catch (e) {
    logError('indexing CRDs, LimitRanges and ResourceQuotas', e);
  }
  scheduleSimulation();
}

/** Simulation findings by uri, merged into each document's published diagnostics. */
let simulationFindings = new Map<string, Finding[]>();
let simulationTimer: NodeJS.Timeout | undefined;
// Long enough for a burst of keystrokes to end first: the simulation is synchronous while it runs.
const SIMULATION_DELAY_MS = 300;

/**
 * Re-simulates the workspace shortly after the last change (edits in quick succession simulate once),
 * then republishes the open documents whose simulation findings changed and tells clients
 * (`kubeplan/simulationComplete`).
 */
function scheduleSimulation(): void {
  if (simulationTimer) clearTimeout(simulationTimer);
  simulationTimer = setTimeout(runSimulation, SIMULATION_DELAY_MS);
}

async function runSimulation(): Promise<void> {
  simulationTimer = undefined;
  // Analyses first: the simulation waits until no document is being validated.
  if (validating > 0 || pending.size > 0) {
    scheduleSimulation();
    return;
  }
  let run = 0;
  try {
    if (!(await simulation.warm(SLICE_MS, () => simulationTimer !== undefined))) return;
    const before = simulationFindings;
    const snapshot = settings.enabled ? simulation.simulate(settings.analysis, settings.cluster, workspaceRoots) : undefined;
    run = snapshot?.run ?? 0;
    simulationFindings = snapshot?.findingsByUri ?? new Map();
    for (const uri of new Set([...before.keys(), ...simulationFindings.keys()])) {
      if (JSON.stringify(before.get(uri) ?? []) !== JSON.stringify(simulationFindings.get(uri) ?? [])) schedule(uri);
    }
    // The scheduling lenses come from the latest simulation: the client asks for them again.
    if (canRefreshCodeLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    // kube-proxy's rule model of the default node is built right after the simulation (a request that
    // arrives meanwhile waits for it), unless another simulation is already due: the first Service hover
    // is then as fast as the next ones.
    if (snapshot) setImmediate(prepareProxyView);
  } catch (e) {
    logError('simulating the workspace', e);
  }
  void connection.sendNotification('kubeplan/simulationComplete', { run });
}

function prepareProxyView(): void {
  if (simulationTimer !== undefined) return;
  try {
    proxyFeatures.view(settings.analysis);
  } catch (e) {
    logError("building kube-proxy's rules", e);
  }
}

connection.onDidChangeConfiguration(async (change) => {
  const { defaultNamespace, maxFileSizeMB } = settings.analysis;
  if (canPullConfiguration) await refreshSettings();
  else settings = toServerSettings((change.settings as { kubeplan?: KubeplanConfiguration } | undefined)?.kubeplan);
  // LimitRanges and ResourceQuotas without a namespace move with the default namespace; the size
  // limit decides which files are analysed at all.
  if (settings.analysis.defaultNamespace !== defaultNamespace || settings.analysis.maxFileSizeMB !== maxFileSizeMB) {
    for (const [uri, text] of analyzer.files()) setText(uri, text);
    await scanWorkspace();
  }
  scheduleAll();
  scheduleSimulation();
});

// Validation runs once per turn of the event loop for every document changed in that turn.
const pending = new Set<string>();
let flushScheduled = false;

/** What the last analysis of a document cost (ms of work, not counting the waits between its slices). */
const analysisCost = new Map<string, number>();
/** Documents whose analysis waits for a pause in their edits. */
const debounced = new Map<string, NodeJS.Timeout>();
/** An analysis costlier than this waits for a pause in the edits: a burst of keystrokes analyses once. */
const DEBOUNCE_ABOVE_MS = 50;

/**
 * Validates `uri` (and indexes what changed files declare) at the end of this turn of the event loop:
 * a small file's diagnostics follow each keystroke. A document whose last analysis took longer than
 * DEBOUNCE_ABOVE_MS (a 600 KB CRD is parsed whole on every change) is analysed once its edits pause
 * for as long as that analysis took (at most 250 ms), so a burst of keystrokes costs one analysis.
 */
function schedule(uri?: string): void {
  const cost = uri ? (analysisCost.get(uri) ?? 0) : 0;
  if (uri && cost > DEBOUNCE_ABOVE_MS) {
    clearTimeout(debounced.get(uri));
    debounced.set(
      uri,
      setTimeout(() => {
        debounced.delete(uri);
        analysisCost.delete(uri);
        schedule(uri);
      }, Math.min(cost, 250)),
    );
    return;
  }
  if (uri) pending.add(uri);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

function scheduleAll(): void {
  for (const doc of documents.all()) schedule(doc.uri);
}

let dependentsTimer: NodeJS.Timeout | undefined;

/**
 * Once the edits pause (as the simulation waits), indexes what changed files declare for others (a
 * CRD, a LimitRange) and, if that changed, analyses the open documents again: on every keystroke in a
 * large CRD, that would parse it and recompile its validator for every custom resource.
 */
function scheduleDependents(): void {
  if (dependentsTimer) clearTimeout(dependentsTimer);
  dependentsTimer = setTimeout(() => {
    dependentsTimer = undefined;
    try {
      if (analyzer.takeDeclarationChanges()) scheduleAll();
    } catch (e) {
      logError('indexing CRDs, LimitRanges and ResourceQuotas', e);
    }
  }, SIMULATION_DELAY_MS);
}

function flush(): void {
  flushScheduled = false;
  const uris = [...pending];
  pending.clear();
  for (const uri of uris) void validate(uri);
}

/** URIs that have had diagnostics published: later analyses of them publish only when complete. */
const published = new Set<string>();
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Longest the analysis of one document runs before letting other requests through. */
const SLICE_MS = 10;

/**
 * Analyses one document in steps, yielding to other requests between steps once it has run for
 * SLICE_MS (an edit of a mostly cached file finishes in one slice). On a document's first
 * analysis the findings of its first documents are published as soon as they are known (a huge file
 * shows its top at once); later analyses, mostly cached, publish once. A newer version of the document
 * abandons the run. `kubeplan/analysisComplete` tells clients (and tests) that a version is done.
 */
/** The latest run per document: an older run still going (same version, new settings) gives up. */
const runs = new Map<string, number>();

/** Validations running (the simulation waits for them). */
let validating = 0;

async function validate(uri: string): Promise<void> {
  validating++;
  try {
    await validateDocument(uri);
  } finally {
    validating--;
  }
}

async function validateDocument(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc || !isYaml(uri)) return;
  const version = doc.version;
  const run = (runs.get(uri) ?? 0) + 1;
  runs.set(uri, run);
  const publish = (diagnostics: Diagnostic[]): void => {
    published.add(uri);
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };
  try {
    if (settings.enabled) {
      let early = !published.has(uri);
      let sliceStart = performance.now();
      let cost = 0;
      for (const step of analyzer.analyzeInSteps(doc.getText(), settings.analysis)) {
        if (step.done) {
          publish([...step.findings, ...(simulationFindings.get(uri) ?? [])].map(toDiagnostic));
          analysisCost.set(uri, cost + performance.now() - sliceStart);
          break;
        }
        if (early) {
          publish(step.findings.map(toDiagnostic));
          early = false;
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          cost += performance.now() - sliceStart;
          await nextTurn();
          if (documents.get(uri)?.version !== version || runs.get(uri) !== run) return;
          sliceStart = performance.now();
        }
      }
    } else {
      publish([]);
    }
  } catch (e) {
    logError(`analysing ${uri}`, e);
    publish([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        severity: 1,
        source: 'kubeplan',
        message: `kubeplan could not analyse this file (internal error: ${(e as Error).message}); the log has details`,
      },
    ]);
  }
  void connection.sendNotification('kubeplan/analysisComplete', { uri, version });
}

function onContent(uri: string, text: string): void {
  if (!isYaml(uri)) return;
  setText(uri, text);
  schedule(uri);
  scheduleSimulation();
}

documents.onDidOpen((e) => onContent(e.document.uri, e.document.getText()));
documents.onDidChangeContent((e) => onContent(e.document.uri, e.document.getText()));
documents.onDidClose(async (e) => {
  published.delete(e.document.uri);
  runs.delete(e.document.uri);
  analysisCost.delete(e.document.uri);
  clearTimeout(debounced.get(e.document.uri));
  debounced.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // What counts now is the file on disk if it is in a workspace folder, else nothing: a file opened
  // from elsewhere leaves the workspace (and the simulation) when it is closed.
  const text = inWorkspace(e.document.uri) ? await diskText(e.document.uri) : undefined;
  if (documents.get(e.document.uri)) return; // opened again meanwhile
  setText(e.document.uri, text);
  scheduleSimulation();
});

connection.onDidChangeWatchedFiles(async (change) => {
  for (const event of change.changes) {
    if (!isYaml(event.uri) || documents.get(event.uri) || !event.uri.startsWith('file:')) continue;
    const text = await diskText(event.uri); // undefined: deleted
    if (!documents.get(event.uri)) setText(event.uri, text);
  }
  scheduleSimulation();
});

/**
 * `kubeplan/simulate`: the simulation for the Simulate Apply panel, of the workspace or of one file
 * (`uri`), on the workspace's cluster.
 */
connection.onRequest('kubeplan/simulate', (params: { uri?: string } | undefined) => {
  try {
    return simulationView(simulation.simulate(settings.analysis, settings.cluster, workspaceRoots, params?.uri));
  } catch (e) {
    logError('simulating', e);
    return new ResponseError(ErrorCodes.InternalError, `kubeplan could not simulate: ${(e as Error).message}`);
  }
});

/**
 * `kubeplan/explainScheduling`: for the Explain Scheduling panel, each pod of a workload (`workload`,
 * `Kind/namespace/name`, or the one at `position` in `uri`) with every node's Filter verdicts and
 * scores, from the latest workspace simulation. Null when the simulation has no such workload.
 */
connection.onRequest('kubeplan/explainScheduling', (params: { workload?: string; uri?: string; position?: { line: number; character: number } } | undefined) => {
  try {
    let ref = params?.workload;
    if (!ref && params?.uri && params.position) {
      const text = documents.get(params.uri)?.getText();
      if (text !== undefined) ref = workloadAt(analyzer, text, analyzer.layout(text).lines.offset(params.position), settings.analysis.defaultNamespace);
    }
    const last = simulation.last;
    const placed = ref && last ? cluster.schedulingByWorkload(last.result).get(ref) : undefined;
    return placed ? cluster.explainScheduling(placed) : null;
  } catch (e) {
    logError('explaining scheduling', e);
    return new ResponseError(ErrorCodes.InternalError, `kubeplan could not explain scheduling: ${(e as Error).message}`);
  }
});

/**
 * `kubeplan/serverStatus`: what the server holds (its memory, the analyzer's files, documents and
 * validators, the last simulation), for the benchmarks, the reliability tests and a user's bug report.
 * `gc: true` collects garbage first when the server runs with --expose-gc.
 */
connection.onRequest('kubeplan/serverStatus', (params: { gc?: boolean } | undefined) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (params?.gc && gc) gc();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return {
    memory: { rss, heapUsed, heapTotal, external, collected: !!(params?.gc && gc) },
    analyzer: analyzer.stats(),
    simulation: simulation.last ? { run: simulation.last.run, objects: simulation.last.result.objects.length, files: Object.keys(simulation.last.uris).sort() } : null,
  };
});

connection.onCodeAction((params) => quickFixes(params));

/**
 * Runs a read-only request on an open YAML document that is analysed (not over the size limit, not
 * binary); a failure is logged, never thrown at the client.
 */
function onDocument<T>(uri: string, fallback: T, run: (text: string) => T): T {
  const doc = documents.get(uri);
  if (!doc || !isYaml(uri) || !settings.enabled || !analyzer.isAnalysed(uri)) return fallback;
  try {
    return run(doc.getText());
  } catch (e) {
    logError(`in a request on ${uri}`, e);
    return fallback;
  }
}

connection.onHover(({ textDocument, position }) =>
  onDocument(textDocument.uri, null, (text) => {
    const offset = analyzer.layout(text).lines.offset(position);
    const h = hover(analyzer, text, offset, settings.analysis.kubernetesVersion, settings.analysis.defaultNamespace, simulation.last?.result);
    // A Service's kind, name or port: the rules kube-proxy writes for it, after the field's documentation.
    const rules = proxyFeatures.hover(text, offset, settings.analysis);
    if (!rules) return h ? toHover(h) : null;
    return toHover({ contents: h ? `${h.contents}\n\n---\n\n${rules}` : rules, range: h?.range ?? { start: position, end: position } });
  }),
);

/** `kubeplan/nodes`: the simulated cluster's nodes (the Show kube-proxy Rules picker). */
connection.onRequest('kubeplan/nodes', () => proxyFeatures.nodes());

/** `kubeplan/proxyRules`: a node's whole ruleset, as the rules document shows it. */
connection.onRequest('kubeplan/proxyRules', (params: { node?: string; mode?: proxy.ProxyMode; format?: 'save' | 'restore' }) => {
  try {
    const view = proxyFeatures.view(settings.analysis, params.node, params.mode);
    if (!view) return `# the simulated cluster has no node "${params.node ?? ''}" (nodes: ${proxyFeatures.nodes().join(', ')})\n`;
    return cluster.nodeRules(view, params.format ?? 'save');
  } catch (e) {
    logError('rendering kube-proxy rules', e);
    return new ResponseError(ErrorCodes.InternalError, `kubeplan could not render the rules: ${(e as Error).message}`);
  }
});

/** `kubeplan/tracePacket`: the path of one connection through a node's chains. */
connection.onRequest('kubeplan/tracePacket', (params: { node?: string; packet: proxy.TracePacket }) => {
  try {
    const view = proxyFeatures.view(settings.analysis, params.node);
    if (!view) return `# the simulated cluster has no node "${params.node ?? ''}"\n`;
    return cluster.traceText(view, params.packet);
  } catch (e) {
    logError('tracing a packet', e);
    return new ResponseError(ErrorCodes.InternalError, `kubeplan could not trace the packet: ${(e as Error).message}`);
  }
});

connection.onCompletion(({ textDocument, position }) =>
  onDocument(textDocument.uri, [], (text) =>
    complete(analyzer, text, analyzer.layout(text).lines.offset(position), settings.analysis.kubernetesVersion).map(toCompletionItem),
  ),
);

connection.onCodeLens(({ textDocument }) =>
  onDocument(textDocument.uri, [], (text) =>
    codeLenses(analyzer, text, settings.analysis.defaultNamespace, settings.analysis.kubernetesVersion, simulation.last?.result).map((l) => ({
      range: l.range,
      command: l.explain ? { title: l.title, command: 'kubeplan.explainScheduling', arguments: [{ workload: l.explain }] } : { title: l.title, command: '' },
    })),
  ),
);

connection.onDocumentSymbol(({ textDocument }) => onDocument(textDocument.uri, [], (text) => documentSymbols(analyzer, text).map(toDocumentSymbol)));

process.on('unhandledRejection', (reason) => logError('(unhandled rejection)', reason));
process.on('uncaughtException', (error) => logError('(uncaught exception)', error));

documents.listen(connection);
connection.listen();
