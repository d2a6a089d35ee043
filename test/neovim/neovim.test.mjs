// Editor neutrality: the language server driven by Neovim's built-in LSP client, not by our own
// JSON-RPC helper. A headless Neovim runs test/neovim/lsp-check.lua, which starts
// `node dist/server.js --stdio` with vim.lsp.start_client, opens a manifest, waits for kubeplan's
// diagnostics, asks for hover on `replicas` and writes what it got as JSON; this file checks it.
//
// Needs `nvim` (0.7 or newer) on PATH: .ci/run installs Debian's neovim when it is missing; on a
// developer machine without it this test fails and says how to install it (it never skips, so CI
// cannot silently lose it). Run after `node scripts/build.mjs`:
//   node --test test/neovim/neovim.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, server } from '../helpers/paths.mjs';

const SCRIPT = join(repoRoot, 'test', 'neovim', 'lsp-check.lua');
const INSTALL = 'install Neovim 0.7 or newer (Debian/Ubuntu: `sudo apt-get install -y neovim`; .ci/run does this in CI)';
/** Per wait inside Neovim (diagnostics, hover); the whole run normally takes under a second. */
const WAIT_MS = 8000;

// A Deployment with three errors (one on a line with a non-ASCII character, where LSP's UTF-16
// columns and Neovim's byte columns differ) and an API that is deprecated in 1.30 but removed in
// 1.35: the warning proves the initializationOptions settings reached the server.
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    tier: café
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolicyy: IfNotPresent
        env:
        - name: FEATURE_CHECKOUT
          value: yes
---
apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: PriorityLevelConfiguration
metadata:
  name: batch
spec:
  type: Exempt
`;
// The best-practice checks are off: the test is about the client, not resource hygiene or hardening.
const SETTINGS = { kubernetesVersion: '1.30', bestPractices: false };

const ERROR = 1;
const WARNING = 2;
// Messages as `node dist/cli.js check shop.yaml --kubernetes-version 1.30 --format json` reports them;
// range: 0-based [line, character, line, character] in UTF-16 code units (LSP).
const EXPECTED = [
  {
    range: [5, 10, 5, 14], severity: ERROR, code: 'KP132',
    message: `metadata.labels.tier: Invalid value: "café": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  },
  {
    range: [19, 8, 19, 24], severity: ERROR, code: 'KP120',
    message: 'unknown field "spec.template.spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?)',
  },
  {
    range: [22, 17, 22, 20], severity: ERROR, code: 'KP124',
    message: 'unquoted yes is a YAML 1.1 boolean: Kubernetes reads it as true, but spec.template.spec.containers[0].env[0].value must be a string; quote it: "yes"',
  },
  {
    range: [24, 12, 24, 48], severity: WARNING, code: 'KP112',
    message: 'flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration is deprecated in Kubernetes 1.30 and removed in 1.32: use flowcontrol.apiserver.k8s.io/v1',
  },
];

/** Neovim's version, or a failure that says how to install it. */
function nvimVersion() {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error?.code === 'ENOENT') assert.fail(`nvim is not on PATH: ${INSTALL}`);
  if (r.error || r.status !== 0) assert.fail(`nvim --version failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
  const m = /^NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
  assert.ok(m, `unexpected nvim --version output: ${r.stdout}`);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  assert.ok(major > 0 || minor >= 7, `nvim ${m[0]} is too old (vim.lsp.start_client needs 0.7): ${INSTALL}`);
  return m[0].slice('NVIM v'.length);
}

/** Runs the Lua script in a headless Neovim; resolves with exit status, stderr and elapsed ms. */
function runNeovim(env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-n', '-S', SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Backstop only: every path in the script ends Neovim, each wait in it is bounded by WAIT_MS.
    const killer = setTimeout(() => child.kill('SIGKILL'), 3 * WAIT_MS);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

describe('Neovim built-in LSP client', () => {
  let dir;
  let run;
  let result;
  let context = '';

  before(async () => {
    const version = nvimVersion();
    assert.ok(existsSync(server), `${server} is missing: run \`node scripts/build.mjs\` first`);
    dir = mkdtempSync(join(tmpdir(), 'kubeplan-nvim-'));
    const file = join(dir, 'shop.yaml');
    writeFileSync(file, MANIFEST);
    const lines = MANIFEST.split('\n');
    const hoverLine = lines.indexOf('  replicas: 3');
    const env = { ...process.env };
    // Inside Neovim's :terminal these would point the child at the parent's server socket.
    delete env.NVIM;
    delete env.NVIM_LISTEN_ADDRESS;
    Object.assign(env, {
      // Nothing from or into the user's Neovim setup: config, data, state, lsp.log all under dir.
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_STATE_HOME: join(dir, 'state'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      NVIM_LOG_FILE: join(dir, 'nvim.log'),
      KUBEPLAN_NODE: process.execPath,
      KUBEPLAN_SERVER: server,
      KUBEPLAN_FILE: file,
      KUBEPLAN_SETTINGS: JSON.stringify(SETTINGS),
      KUBEPLAN_HOVER_LINE: String(hoverLine + 1),
      KUBEPLAN_HOVER_COL: String(lines[hoverLine].indexOf('replicas')),
      KUBEPLAN_OUT: join(dir, 'out.json'),
      KUBEPLAN_TIMEOUT_MS: String(WAIT_MS),
    });
    run = await runNeovim(env);
    const lspLog = join(dir, 'cache', 'nvim', 'lsp.log');
    context = `nvim ${version}, ${run.ms} ms, exit ${run.status ?? run.signal}\nstderr: ${run.stderr}\n` +
      (existsSync(lspLog) ? `lsp.log:\n${readFileSync(lspLog, 'utf8')}` : '');
    if (existsSync(env.KUBEPLAN_OUT)) result = JSON.parse(readFileSync(env.KUBEPLAN_OUT, 'utf8'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('starts the server, attaches the buffer and exits cleanly', () => {
    assert.equal(run.status, 0, context);
    assert.ok(result, `no output written\n${context}`);
    assert.equal(result.error, undefined, context);
    // The workspace scan runs in the background: Neovim may quit before it logs its line, never before the first.
    const logs = ['kubeplan ready: Kubernetes 1.30, 1 workspace folder(s)', 'workspace scan: 1 YAML file(s) with Kubernetes objects'];
    assert.deepEqual(result.logs, logs.slice(0, Math.max(1, result.logs?.length ?? 0)), context);
  });

  it('receives the exact diagnostics, with the UTF-16 columns converted to bytes', () => {
    assert.ok(result?.diagnostics, `no diagnostics\n${context}`);
    // What the server published (LSP positions) ...
    const published = result.published.filter((p) => p.uri === result.uri).at(-1);
    assert.equal(published.version, result.version);
    assert.deepEqual(
      published.diagnostics.map(({ range: { start, end }, severity, code, source, message }) =>
        ({ range: [start.line, start.character, end.line, end.character], severity, code, source, message })),
      EXPECTED.map((d) => ({ ...d, source: 'kubeplan' })),
    );
    // ... and what Neovim holds for the buffer (vim.diagnostic: byte columns; "é" is 2 bytes).
    const toBytes = ([l1, c1, l2, c2]) => {
      const lines = MANIFEST.split('\n');
      const bytes = (l, c) => Buffer.byteLength(lines[l].slice(0, c));
      return [l1, bytes(l1, c1), l2, bytes(l2, c2)];
    };
    assert.deepEqual(
      result.diagnostics.map(({ lnum, col, end_lnum, end_col, severity, code, source, message }) =>
        ({ range: [lnum, col, end_lnum, end_col], severity, code, source, message })),
      EXPECTED.map((d) => ({ ...d, range: toBytes(d.range), source: 'kubeplan' })),
    );
    assert.equal(result.diagnostics[0].end_col, 15); // "café" ends at UTF-16 column 14, byte 15
  });

  it('answers hover on spec.replicas with its type and description in Markdown', () => {
    assert.ok(result, `no output written\n${context}`);
    assert.ok(result.hover_provider, 'the server does not advertise hoverProvider (hover not implemented yet?)');
    const { contents } = result.hover ?? {};
    assert.equal(contents?.kind, 'markdown', JSON.stringify(result.hover));
    assert.equal(contents.value.split('\n')[0], '**spec.replicas** · `integer`');
    assert.ok(
      contents.value.includes('Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'),
      contents.value,
    );
  });
});
