// A small LSP client for protocol tests: spawns `node dist/server.js --stdio`, speaks JSON-RPC over the
// child's stdio, answers the server's requests (workspace/configuration from a settings object the test
// controls, client/registerCapability with null) and records what the server publishes and logs.
//
//   const client = await startServer();                 // initialize + initialized
//   client.didOpen(uri, text);                          // version 1
//   const d = await client.waitForDiagnostics(uri, 1);  // the publishDiagnostics for that version
//   assert.equal(await client.close(), 0);              // shutdown + exit; resolves with the exit code
//
// The process is killed in any case: close() kills it if it does not exit in time, kill() is
// idempotent (call it from an after/afterEach hook) and every process still alive when the test
// process exits is killed too.
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { server as serverPath, repoRoot } from './paths.mjs';

export const DEFAULT_TIMEOUT_MS = 10_000;

const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Client capabilities close to what VS Code sends for the parts kubeplan uses. */
export function clientCapabilities({ configuration = true } = {}) {
  return {
    workspace: {
      configuration,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dynamicRegistration: false,
        dataSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix'] } },
      },
    },
    window: { workDoneProgress: false },
  };
}

/** Value of a dotted section (`kubeplan`, `kubeplan.validation`, or undefined for the whole tree). */
/**
 * The protocol tests check exact diagnostics about other things than best practices: unless a test
 * sets `kubeplan.severity` or `kubeplan.bestPractices` itself (or has no kubeplan section at all), the
 * best-practice checks (KP145, KP170–KP189, KP197: requests, image tags, probes, security contexts…) are
 * turned off, through the setting users have for that. Their own tests are in
 * test/unit/bestPractices.test.mjs, test/unit/resources.test.mjs and test/lsp/editor.test.mjs.
 */
function withoutBestPracticeLint(value, name) {
  if (name !== 'kubeplan' || value === null) return value;
  return value.severity || 'bestPractices' in value ? value : { ...value, bestPractices: false };
}

function section(tree, name) {
  if (!name) return tree ?? null;
  let v = tree;
  for (const part of name.split('.')) {
    if (v === null || typeof v !== 'object' || !(part in v)) return null;
    v = v[part];
  }
  return v ?? null;
}

/**
 * Starts a server and runs the initialize handshake (unless `initialize: false`).
 * Options:
 *   settings: the configuration tree answered to workspace/configuration, e.g. {kubeplan: {kubernetesVersion: '1.24'}};
 *             the returned client's `settings` property may be replaced or mutated later.
 *   configuration: whether the client advertises capabilities.workspace.configuration (default true).
 *   initializationOptions, rootUri, workspaceFolders: passed in the initialize request.
 *   env: extra environment variables for the server process.
 *   nodeArgs: Node.js flags for the server process (e.g. --expose-gc for kubeplan/serverStatus {gc: true}).
 *   timeoutMs: default timeout for requests and waits (default 10 s).
 */
export async function startServer(options = {}) {
  const client = new LspClient(options);
  if (options.initialize !== false) await client.initialize();
  return client;
}

export class LspClient {
  constructor({
    settings = { kubeplan: {} },
    configuration = true,
    initializationOptions,
    rootUri = null,
    workspaceFolders = null,
    env = {},
    nodeArgs = [],
    timeoutMs = DEFAULT_TIMEOUT_MS,
    fixes = false,
  } = {}) {
    /** waitForDiagnostics attaches each diagnostic's quick fixes (withFixes). */
    this.fixes = fixes;
    this.settings = settings;
    this.configuration = configuration;
    this.initializationOptions = initializationOptions;
    this.rootUri = rootUri;
    this.workspaceFolders = workspaceFolders;
    this.timeoutMs = timeoutMs;
    /** window/logMessage messages, in order. */
    this.logs = [];
    /** The server's stderr. */
    this.stderr = '';
    /** workspace/configuration requests received (their params). */
    this.configurationRequests = [];
    /** client/registerCapability requests received (their params). */
    this.registrations = [];
    /** Every publishDiagnostics notification, in order, per uri. */
    this.published = new Map();
    this.cursor = new Map();
    this.completed = new Map();
    /** Run ids of finished workspace simulations, in order. */
    this.simulations = [];
    /** Every `kubeplan/overlays` notification (the overlays and those simulated), in order. */
    this.overlays = [];
    this.completedCursor = new Map();
    this.waiters = new Set();
    this.exitCode = undefined;
    this.exitSignal = undefined;

    this.child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.add(this.child);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      this.stderr += chunk;
    });
    // Writing to a server that died must fail the test through exitCode/timeouts, not crash the runner.
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        live.delete(this.child);
        this.exitCode = code;
        this.exitSignal = signal;
        for (const w of this.waiters) w.onExit();
        resolve(code);
      });
    });

    const connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection = connection;
    connection.onRequest('workspace/configuration', (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => withoutBestPracticeLint(section(this.settings, item.section), item.section));
    });
    connection.onRequest('client/registerCapability', (params) => {
      this.registrations.push(params);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', (params) => {
      this.logs.push(params.message);
      for (const w of [...this.waiters]) w.check();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (!this.published.has(params.uri)) this.published.set(params.uri, []);
      this.published.get(params.uri).push(params);
      for (const w of [...this.waiters]) w.check();
    });
    connection.onNotification('kubeplan/analysisComplete', (params) => {
      if (!this.completed.has(params.uri)) this.completed.set(params.uri, []);
      this.completed.get(params.uri).push(params.version);
      for (const w of [...this.waiters]) w.check();
    });
    connection.onNotification('kubeplan/simulationComplete', (params) => {
      this.simulations.push(params.run);
      for (const w of [...this.waiters]) w.check();
    });
    connection.onNotification('kubeplan/overlays', (params) => {
      this.overlays.push(params);
      for (const w of [...this.waiters]) w.check();
    });
    connection.onError(() => {});
    connection.onClose(() => {});
    connection.listen();
  }

  /** True while the server process has not exited. */
  get alive() {
    return this.exitCode === undefined && this.exitSignal === undefined;
  }

  /** A request with a timeout that names the method (and the server's state) when it fires. */
  request(method, params, timeoutMs = this.timeoutMs) {
    return this.#withTimeout(this.connection.sendRequest(method, params), timeoutMs, `request ${method}`);
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  async initialize(extra = {}) {
    this.initializeResult = await this.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'kubeplan-protocol-tests' },
      rootUri: this.rootUri,
      workspaceFolders: this.workspaceFolders,
      capabilities: clientCapabilities({ configuration: this.configuration }),
      initializationOptions: this.initializationOptions,
      ...extra,
    });
    await this.notify('initialized', {});
    return this.initializeResult;
  }

  /** Resolves once the server has logged a message matching `pattern` (a RegExp or a substring). */
  /** Resolves once the server has finished `count` workspace simulations (`kubeplan/simulationComplete`). */
  waitForSimulations(count, timeoutMs = this.timeoutMs) {
    return this.#waitFor(() => (this.simulations.length >= count ? this.simulations[count - 1] : undefined), timeoutMs, () => `${count} simulations; finished so far: ${this.simulations.length}`);
  }

  /** Resolves with the first truthy value of `find()`, checked on each message from the server. */
  waitUntil(find, describe, timeoutMs = this.timeoutMs) {
    return this.#waitFor(() => find() || undefined, timeoutMs, describe);
  }

  /** Resolves with the lines `format` makes of the latest diagnostics of `uri`, once `expect` holds of them. */
  diagnosticLinesUntil(uri, format, expect, timeoutMs = this.timeoutMs) {
    const latest = () => format(this.diagnosticsHistory(uri).at(-1)?.diagnostics ?? []);
    return this.waitUntil(
      () => (this.diagnosticsHistory(uri).length && expect(latest()) ? latest() : undefined),
      () => `diagnostics of ${uri}; the latest: ${JSON.stringify(latest())}`,
      timeoutMs,
    );
  }

  waitForLog(pattern, timeoutMs = this.timeoutMs) {
    const matches = (m) => (typeof pattern === 'string' ? m.includes(pattern) : pattern.test(m));
    return this.#waitFor(() => this.logs.find(matches), timeoutMs, () => `log message ${pattern}; logs so far: ${JSON.stringify(this.logs)}`);
  }

  didOpen(uri, text, version = 1, languageId = 'yaml') {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** `changes`: LSP contentChanges, e.g. [{range, text}] (incremental) or [{text}] (whole document). */
  didChange(uri, version, changes) {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  didClose(uri) {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  didChangeConfiguration(settings = null) {
    return this.notify('workspace/didChangeConfiguration', { settings });
  }

  codeAction(uri, range, diagnostics, only) {
    const context = only ? { diagnostics, only } : { diagnostics };
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context });
  }

  /**
   * A publication with each diagnostic's quick fixes (the server keeps them, a code action request
   * returns them) in `data.fixes`, as `{title, edits, disabled?}`: one value a test compares whole.
   */
  async withFixes(published) {
    const diagnostics = [];
    for (const d of published.diagnostics) {
      const actions = await this.codeAction(published.uri, d.range, [d]);
      const fixes = actions.map((a) => ({ title: a.title, edits: a.edit.changes[published.uri], ...(a.disabled ? { disabled: a.disabled.reason } : {}) }));
      diagnostics.push(fixes.length ? { ...d, data: { fixes } } : d);
    }
    return { ...published, diagnostics };
  }

  /** Every publishDiagnostics received for `uri` so far. */
  diagnosticsHistory(uri) {
    return this.published.get(uri) ?? [];
  }

  /**
   * Resolves with the complete diagnostics of `uri` at `version`: the last publishDiagnostics for that
   * version once the server has sent `kubeplan/analysisComplete` for it (a huge file's first, partial
   * publication is skipped). Each completion is consumed once, so waiting twice for the same version
   * waits for a re-analysis (after a settings change, say). `version` null matches the unversioned
   * notification sent on close. Rejects after `timeoutMs` or if the server exits.
   */
  async waitForDiagnostics(uri, version, timeoutMs = this.timeoutMs) {
    const published = await this.#waitForDiagnostics(uri, version, timeoutMs);
    return this.fixes && published.diagnostics.length ? this.withFixes(published) : published;
  }

  #waitForDiagnostics(uri, version, timeoutMs) {
    if (version === null || version === undefined) return this.#waitForUnversioned(uri, timeoutMs);
    const find = () => {
      const done = this.completed.get(uri) ?? [];
      for (let i = this.completedCursor.get(uri) ?? 0; i < done.length; i++) {
        if (done[i] === version) {
          this.completedCursor.set(uri, i + 1);
          const list = this.published.get(uri) ?? [];
          this.cursor.set(uri, list.length);
          return list.findLast((p) => p.version === version);
        }
      }
      return undefined;
    };
    return this.#waitFor(find, timeoutMs, () => {
      const seen = (this.published.get(uri) ?? []).map((p) => p.version ?? null);
      return `complete diagnostics for ${uri} version ${version}; versions published so far: ${JSON.stringify(seen)}, completed: ${JSON.stringify(this.completed.get(uri) ?? [])}`;
    });
  }

  #waitForUnversioned(uri, timeoutMs) {
    const find = () => {
      const list = this.published.get(uri) ?? [];
      for (let i = this.cursor.get(uri) ?? 0; i < list.length; i++) {
        if ((list[i].version ?? null) === null) {
          this.cursor.set(uri, i + 1);
          return list[i];
        }
      }
      return undefined;
    };
    return this.#waitFor(find, timeoutMs, () => {
      const seen = (this.published.get(uri) ?? []).map((p) => p.version ?? null);
      return `unversioned diagnostics for ${uri}; versions published so far: ${JSON.stringify(seen)} (${this.cursor.get(uri) ?? 0} consumed)`;
    });
  }

  #waitFor(find, timeoutMs, describe) {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const f = find();
          if (f !== undefined) done(() => resolve(f));
        },
        onExit: () => done(() => reject(new Error(`server exited (${this.#exitText()}) while waiting for ${describe()}${this.#stderrTail()}`))),
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}${this.#stderrTail()}`))), timeoutMs);
      const done = (settle) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        settle();
      };
      this.waiters.add(waiter);
      if (!this.alive) waiter.onExit();
    });
  }

  #withTimeout(promise, timeoutMs, what) {
    let timer;
    const exited = this.exited.then(() => {
      throw new Error(`server exited (${this.#exitText()}) before answering ${what}${this.#stderrTail()}`);
    });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.#stderrTail()}`)), timeoutMs);
    });
    exited.catch(() => {});
    return Promise.race([promise, timeout, exited]).finally(() => clearTimeout(timer));
  }

  #exitText() {
    return this.exitSignal ? `signal ${this.exitSignal}` : `code ${this.exitCode}`;
  }

  #stderrTail() {
    if (!this.stderr) return '';
    // A V8 abort prints "FATAL ERROR: …" and then a long native stack: show it from that line.
    const fatal = this.stderr.indexOf('FATAL ERROR');
    return `\nserver stderr:\n${fatal >= 0 ? this.stderr.slice(fatal, fatal + 1500) : this.stderr.slice(-2000)}`;
  }

  /**
   * shutdown + exit, then waits for the process to end; resolves with its exit code. The process is
   * killed if it does not exit within the timeout (the promise then rejects).
   */
  async close(timeoutMs = this.timeoutMs) {
    try {
      if (!this.alive) return this.exitCode;
      await this.request('shutdown', undefined, timeoutMs);
      await this.notify('exit');
      let timer;
      const code = await Promise.race([
        this.exited,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`server did not exit within ${timeoutMs} ms after shutdown/exit`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      return code;
    } finally {
      await this.kill();
    }
  }

  /** Kills the process if it is still running (idempotent); resolves when it has exited. */
  async kill() {
    this.connection.dispose();
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Polls `probe` (sync or async) every 50 ms until it returns something other than undefined. */
export async function waitFor(probe, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
