/**
 * The editor under test: code-server 4.100.3 (a real VS Code 1.100 workbench and extension host)
 * installed by scripts/e2e-setup.sh into .cache/code-server, with kubeplan installed from the
 * packaged kubeplan.vsix into a fresh extensions folder, and Debian's chromium driven by
 * playwright-core. Everything started here is ended by `stop()` (process groups), also when a test
 * fails; an exit hook ends whatever is left if the test process dies first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths.mjs';

export const codeServerDir = process.env.KUBEPLAN_CODE_SERVER_DIR ?? join(repoRoot, '.cache', 'code-server');
export const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
export const vsixPath = join(repoRoot, 'kubeplan.vsix');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');
export const chromiumPath = '/usr/bin/chromium';
/** The recipe's flags: no sandbox as root, no GPU, and no network chatter on a closed network. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

const log = (line) => process.stderr.write(`e2e: ${line}\n`);

/** Runs scripts/e2e-setup.sh (cached: about a second when everything is installed). Throws with its reason. */
export function setup() {
  const started = Date.now();
  const r = spawnSync('bash', [join(repoRoot, 'scripts', 'e2e-setup.sh')], {
    cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000,
  });
  for (const line of `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')) if (line.trim()) log(line);
  if (r.status !== 0) {
    const reason = (r.stderr ?? '').trim().split('\n').pop() || r.error?.message || `exit status ${r.status}`;
    throw new Error(`scripts/e2e-setup.sh failed: ${reason}`);
  }
  return Date.now() - started;
}

const newestMtime = (dir) => Math.max(0, ...readdirSync(dir, { recursive: true })
  .map((f) => statSync(join(dir, f))).filter((s) => s.isFile()).map((s) => s.mtimeMs));

/**
 * kubeplan.vsix, packaged from the current dist/ when missing or older than it (or than package.json,
 * .vscodeignore, README.md). With dist/ present
 * (npm test has just built it) only vsce runs, so dist/ is never rebuilt under other test files'
 * feet; without dist/ it is `npm run package` (build + package).
 */
export function ensureVsix() {
  const dist = join(repoRoot, 'dist');
  const haveDist = existsSync(join(dist, 'extension.js')) && existsSync(join(dist, 'server.js'));
  const inputs = Math.max(haveDist ? newestMtime(dist) : 0,
    ...['package.json', '.vscodeignore', 'README.md'].map((f) => statSync(join(repoRoot, f)).mtimeMs));
  if (haveDist && existsSync(vsixPath) && statSync(vsixPath).mtimeMs >= inputs) return 'up to date';
  const [cmd, args] = haveDist
    ? [process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsixPath]]
    : ['npm', ['run', 'package']];
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5 * 60_000 });
  if (r.status !== 0) throw new Error(`packaging kubeplan.vsix failed (${[cmd, ...args].join(' ')}):\n${r.stdout}\n${r.stderr}`);
  return haveDist ? 'vsce package' : 'npm run package';
}

function cs(args, opts = {}) {
  return spawnSync(codeServerBin, args, { encoding: 'utf8', timeout: 120_000, ...opts });
}

/** Kills a process group (detached child) with SIGTERM, then SIGKILL after `graceMs`. */
async function killGroup(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
}

/**
 * Starts code-server on a free loopback port with kubeplan installed from the .vsix, and a headless
 * chromium page on the workspace folder. `files` maps workspace-relative paths to contents.
 * `settings` are the user settings (settings.json in the fresh user data folder).
 */
export async function launch({ files, settings = {}, viewport = { width: 1400, height: 900 } }) {
  const { chromium } = await import('playwright-core');
  const base = mkdtempSync(join(tmpdir(), 'kubeplan-e2e-'));
  const workspace = join(base, 'workspace');
  const extensionsDir = join(base, 'extensions');
  const userDataDir = join(base, 'user-data');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(workspace, rel, '..'), { recursive: true });
    writeFileSync(join(workspace, rel), text);
  }
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // code-server writes ~/.config/code-server/config.yaml unless CODE_SERVER_CONFIG names a file.
  const configFile = join(base, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const env = { ...process.env, CODE_SERVER_CONFIG: configFile };
  delete env.NODE_OPTIONS; // the test runner's options are not code-server's
  delete env.VSCODE_IPC_HOOK_CLI; // when run from a VS Code terminal: talk to no other editor

  const installed = cs(['--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { env });
  if (installed.status !== 0 || !/was successfully installed/.test(installed.stdout)) {
    throw new Error(`code-server --install-extension kubeplan.vsix failed:\n${installed.stdout}\n${installed.stderr}`);
  }
  const extensionFolders = readdirSync(extensionsDir).filter((f) => f.startsWith('kubeplan.kubeplan-'));
  if (extensionFolders.length !== 1) throw new Error(`expected one kubeplan.kubeplan-* in ${extensionsDir}, found: ${readdirSync(extensionsDir).join(', ')}`);

  mkdirSync(resultsDir, { recursive: true });
  const logPath = join(resultsDir, 'code-server.log');
  const logFd = openSync(logPath, 'w');
  const server = spawn(codeServerBin, [
    '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    workspace,
  ], { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const onExit = () => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.once('exit', onExit);

  const session = {
    base, workspace, extensionsDir, userDataDir, server, logPath, browser: undefined, page: undefined, url: undefined,
    extensionFolder: join(extensionsDir, extensionFolders[0]),
    async stop() {
      try { await session.browser?.close(); } catch { /* already gone */ }
      await killGroup(server);
      process.removeListener('exit', onExit);
      if (!process.env.KUBEPLAN_E2E_KEEP) rmSync(base, { recursive: true, force: true });
    },
  };
  try {
    // --bind-addr 127.0.0.1:0: the kernel picks a free port, code-server logs which.
    const port = await waitFor(() => {
      if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}) before listening; see ${logPath}`);
      return readFileSync(logPath, 'utf8').match(/HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/)?.[1];
    }, 60_000, 'code-server to listen (see test-results/e2e/code-server.log)');
    session.url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    session.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
    const context = await session.browser.newContext({ viewport });
    session.page = await context.newPage();
    return session;
  } catch (e) {
    await session.stop();
    throw e;
  }
}

/** Polls `probe` (sync or async) until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(probe, timeoutMs, what, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
