#!/usr/bin/env node
// kubeplan against a peer (issue #19): yaml-language-server (devDependency), configured with a schema
// scripts/gen-peer-schema.mjs generates from the same Kubernetes 1.35 OpenAPI documents, driven over
// LSP on the same files, one server after the other (never both at once: the machine has 2 cores).
// `npm run bench` runs it in a process of its own after a build; alone: `node bench/peer.mjs`.
// Every figure is printed beside its ratio from this one run, so a slow machine cannot hide a
// regression. Exits non-zero, saying why, when the peer cannot start or never publishes.
//
//   files: bench/manifest2000.mjs (2,000 documents, 20 planted errors: a Job's backoffLimit "3"),
//          and the largest file of ../shared/corpus/kube-prometheus (Grafana's dashboards, ~1 MB).
//   env:   KUBEPLAN_SHARED (default ../shared), PEER_EDITS (edits of the peer, default 5),
//          KUBEPLAN_EDITS (default 40), HOVERS (default 100).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { manifest2000 } from './manifest2000.mjs';
import { median } from './stats.mjs';
import { generatePeerSchema } from '../scripts/gen-peer-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.KUBEPLAN_SHARED ?? join(root, '..', 'shared');
const PEER_BIN = join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const QUIET_MS = 3000; // "settled": no publication for this long (after kubeplan's simulation)
const OPEN_TIMEOUT_MS = 300_000;
const EDIT_TIMEOUT_MS = 120_000;

class PeerFailure extends Error {}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** VmHWM (peak RSS so far) and VmRSS of a process, in MiB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * One server over stdio. `server.peer`: yaml-language-server (configured through initializationOptions
 * and workspace/configuration), else kubeplan.
 */
async function start(server) {
  const proc = spawn(process.execPath, server.argv, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = [];
  const log = []; // every publication: { t, uri, version, diagnostics }
  const on = (method, match) => new Promise((resolve) => waiting.push({ method, match, resolve }));
  const notify = (method, p) => {
    for (const w of [...waiting]) {
      if (w.method === method && w.match(p)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve({ t: performance.now(), p });
      }
    }
  };
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    log.push({ t: performance.now(), uri: p.uri, version: p.version, diagnostics: p.diagnostics });
    notify('textDocument/publishDiagnostics', p);
  });
  conn.onNotification('kubeplan/simulationComplete', (p) => notify('kubeplan/simulationComplete', p));
  let configured;
  const configuredOnce = new Promise((r) => (configured = r));
  conn.onRequest('workspace/configuration', (p) => {
    const answer = p.items.map((item) => server.configuration(item.section));
    setTimeout(configured, 0);
    return answer;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  const failed = exited.then(({ code, signal }) => {
    throw new Error(`${server.name} exited (code ${code}, signal ${signal})${stderr ? `: ${stderr.trim()}` : ''}`);
  });
  failed.catch(() => {});
  const call = (p) => Promise.race([p, failed]);
  await call(
    withTimeout(
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            publishDiagnostics: { versionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true } },
          },
        },
        initializationOptions: server.initializationOptions,
      }),
      60_000,
      `${server.name}: initialize`,
    ),
  );
  conn.sendNotification('initialized', {});
  // The peer pulls its settings (the schema association) on `initialized`: opened before they are in,
  // a file would be validated without the schema first. Not timed.
  await call(withTimeout(configuredOnce, 30_000, `${server.name}: workspace/configuration after initialized`));
  await sleep(500);
  const stop = async () => {
    try {
      await withTimeout(conn.sendRequest('shutdown'), 10_000, 'shutdown');
      conn.sendNotification('exit');
      await withTimeout(exited, 5_000, 'exit');
    } catch {
      proc.kill('SIGKILL');
    }
    conn.dispose();
  };
  return { proc, conn, on, log, call, stop, stderr: () => stderr };
}

/**
 * Waits until `uri` has had no publication for QUIET_MS after `since` (kubeplan: its simulationComplete,
 * whose findings publish after it); returns the time of its last publication, or `since` if later.
 */
export async function quiet(s, uri, since) {
  for (;;) {
    const last = Math.max(s.log.filter((e) => e.uri === uri).at(-1)?.t ?? 0, since);
    const wait = last + QUIET_MS - performance.now();
    if (wait <= 0) return last;
    await sleep(wait);
  }
}

/**
 * Opens `text`, measures the publications, edits `editLine`/`editChar` (one character, back and forth)
 * `edits` times, then hovers at `hoverLines`. `planted`: the lines on which errors must be shown.
 */
async function session(server, { uri, text, planted, editLine, editChar, edits, hoverLines }) {
  const s = await start(server);
  try {
    const { conn, on, call } = s;
    const forUri = (p) => p.uri === uri;
    const simulated = server.peer ? null : on('kubeplan/simulationComplete', (p) => p.run > 0);
    const t0 = performance.now();
    const first = on('textDocument/publishDiagnostics', forUri);
    const plantedShown = planted.length
      ? on('textDocument/publishDiagnostics', (p) => forUri(p) && planted.every((line) => p.diagnostics.some((d) => d.severity === 1 && d.range.start.line === line)))
      : null;
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const firstAt = (await call(withTimeout(first, OPEN_TIMEOUT_MS, `${server.name}: first diagnostics of ${uri}`))).t;
    const r = { first: firstAt - t0 };
    r.memOpen = memory(s.proc.pid);
    if (plantedShown) r.planted = (await call(withTimeout(plantedShown, OPEN_TIMEOUT_MS, `${server.name}: errors on all ${planted.length} planted lines`))).t - t0;
    let since = t0;
    if (simulated) since = (await call(withTimeout(simulated, OPEN_TIMEOUT_MS, `${server.name}: kubeplan/simulationComplete`))).t;
    r.settled = (await quiet(s, uri, since)) - t0;
    r.memSettled = memory(s.proc.pid);
    r.diagnostics = s.log.filter((e) => e.uri === uri).at(-1).diagnostics.length;
    r.errorLines = new Set(s.log.filter((e) => e.uri === uri).at(-1).diagnostics.filter((d) => d.severity === 1).map((d) => d.range.start.line)).size;
    const original = text.split('\n')[editLine][editChar];
    const times = [];
    for (let v = 2; v < edits + 2; v++) {
      const ch = v % 2 === 0 ? (original === '1' ? '2' : '1') : original;
      const t = performance.now();
      // The peer's publications carry no version: the first one after the change is the change's.
      const done = on('textDocument/publishDiagnostics', (p) => forUri(p) && (p.version === v || p.version === undefined || p.version === null));
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: editLine, character: editChar }, end: { line: editLine, character: editChar + 1 } }, text: ch }],
      });
      times.push((await call(withTimeout(done, EDIT_TIMEOUT_MS, `${server.name}: diagnostics after edit ${v - 1}`))).t - t);
    }
    r.edits = times;
    if (process.env.PEER_BENCH_VERBOSE) console.log(`  ${server.name} edits (ms): ${times.map((x) => x.toFixed(0)).join(' ')}`);
    await quiet(s, uri, performance.now());
    r.memEdits = memory(s.proc.pid);
    const lines = text.split('\n');
    const hovers = [];
    let empty = 0;
    for (const line of hoverLines) {
      const character = lines[line].search(/\S/) + 2;
      const t = performance.now();
      const h = await call(withTimeout(conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }), 60_000, `${server.name}: hover`));
      hovers.push(performance.now() - t);
      if (!h) empty++;
    }
    r.hovers = hovers;
    r.emptyHovers = empty;
    return r;
  } finally {
    await s.stop();
  }
}

function largestFile(dir) {
  let best = null;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(e.name) && (!best || statSync(p).size > best.size)) best = { path: p, size: statSync(p).size };
    }
  };
  walk(dir);
  return best?.path;
}

function servers(schemaPath, fileGlob) {
  const { SERVER_NODE_FLAGS } = awaitedCore;
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: { [schemaPath]: fileGlob },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    telemetry: { enabled: false },
  };
  return [
    {
      name: 'kubeplan',
      argv: [...SERVER_NODE_FLAGS, join(root, 'dist', 'server.js'), '--stdio'],
      initializationOptions: { settings: {} },
      configuration: () => ({}),
    },
    {
      name: 'yaml-language-server',
      peer: true,
      argv: [PEER_BIN, '--stdio'],
      initializationOptions: { yaml },
      configuration: (section) => (section === 'yaml' ? yaml : section === 'editor' ? { tabSize: 2, detectIndentation: false } : section === 'http' ? { proxyStrictSSL: false } : {}),
    },
  ];
}

let awaitedCore;

const f1 = (x) => (x === undefined ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(1)} ms`);
const mib = (x) => `${x.toFixed(0)} MiB`;

function table(title, rows) {
  console.log(title);
  const head = ['figure', 'kubeplan', 'yaml-language-server', 'ratio', 'target', ''];
  const body = rows.map((r) => [r[0], r[1], r[2], r[3], r[4] ?? '', r[5] === undefined ? '' : r[5] ? 'met' : 'MISSED']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  for (const row of [head, ...body]) console.log('  ' + row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

/** A time ratio (peer / kubeplan: how many times sooner) and a memory ratio (kubeplan / peer). */
const sooner = (label, k, p, target) => [label, f1(k), f1(p), `${(p / k).toFixed(1)}×`, target ? `≥ ${target}×` : '', target ? p / k >= target : undefined];
const mem = (label, k, p, target) => [label, mib(k), mib(p), `${(k / p).toFixed(2)}`, target ? `≤ ${target}` : '', target ? k / p <= target : undefined];

export async function peerBench() {
  if (!existsSync(join(shared, 'k8s-openapi', '1.35'))) {
    console.log(`peer (yaml-language-server): skipped (${join(shared, 'k8s-openapi', '1.35')} absent; KUBEPLAN_SHARED overrides ../shared)`);
    return;
  }
  if (!existsSync(PEER_BIN)) throw new PeerFailure(`yaml-language-server is not installed (${PEER_BIN} missing): run npm ci`);
  awaitedCore = await import(pathToFileURL(join(root, 'dist', 'core.js')).href);
  const gen = generatePeerSchema();
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-peer-bench-'));
  try {
    const peerEdits = Number(process.env.PEER_EDITS ?? 5);
    const kpEdits = Number(process.env.KUBEPLAN_EDITS ?? 40);
    const nHovers = Number(process.env.HOVERS ?? 100);

    // The 2,000-document file.
    const text = manifest2000();
    const file = join(dir, 'manifest-2000.yaml');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const lines = text.split('\n');
    const planted = lines.flatMap((l, i) => (l === '  backoffLimit: "3"' ? [i] : []));
    const targets = lines.flatMap((l, i) => (l.startsWith('  replicas:') || l.startsWith('        image:') || l.startsWith('  backoffLimit:') ? [i] : []));
    const hoverLines = Array.from({ length: nHovers }, (_, k) => targets[Math.floor((k * targets.length) / nHovers)]);
    const [kp, peer] = servers(gen.out, '*.yaml');
    const args = (edits) => ({ uri, text, planted, editLine: 7, editChar: 12, edits, hoverLines });
    console.log(`peer: yaml-language-server ${JSON.parse(readFileSync(join(root, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version}, schema ${gen.out} (${gen.kinds} kinds of Kubernetes 1.35, ${(gen.bytes / 1048576).toFixed(1)} MB); one server after the other`);
    const k = await session(kp, args(kpEdits));
    let p;
    try {
      p = await session(peer, args(peerEdits));
    } catch (e) {
      throw new PeerFailure(`yaml-language-server failed on the 2,000-document file: ${e.message}`);
    }
    if (p.errorLines < planted.length) throw new PeerFailure(`yaml-language-server shows errors on ${p.errorLines} lines, fewer than the ${planted.length} planted: its schema is not applied`);
    table(`2,000-document file (bench/manifest2000.mjs, ${lines.length} lines, ${(text.length / 1048576).toFixed(1)} MB, ${planted.length} planted errors): kubeplan ${k.diagnostics} diagnostics, yaml-language-server ${p.diagnostics}`, [
      sooner('first diagnostics after didOpen', k.first, p.first),
      sooner(`all ${planted.length} planted errors on screen`, k.planted, p.planted, 30),
      sooner('diagnostics settled (kubeplan: after the simulation)', k.settled, p.settled, 20),
      sooner(`edit → diagnostics, median (kubeplan ${k.edits.length} edits, peer ${p.edits.length})`, median(k.edits), median(p.edits), 300),
      sooner('edit → diagnostics, max', Math.max(...k.edits), Math.max(...p.edits)),
      sooner(`hover median (${k.hovers.length} keys)`, median(k.hovers), median(p.hovers)),
      sooner('hover p99', quantile(k.hovers, 0.99), quantile(p.hovers, 0.99)),
      sooner('hover max', Math.max(...k.hovers), Math.max(...p.hovers)),
      mem('peak RSS after open (first diagnostics)', k.memOpen.peak, p.memOpen.peak, 0.25),
      mem('peak RSS after settle', k.memSettled.peak, p.memSettled.peak, 0.25),
      mem('peak RSS after the edits and hovers', k.memEdits.peak, p.memEdits.peak, 0.25),
      mem('RSS after the edits', k.memEdits.rss, p.memEdits.rss),
    ]);
    if (p.emptyHovers || k.emptyHovers) console.log(`  empty hovers: kubeplan ${k.emptyHovers}, yaml-language-server ${p.emptyHovers} of ${hoverLines.length}`);

    // The largest file of kube-prometheus (Grafana's dashboards).
    const big = existsSync(join(shared, 'corpus', 'kube-prometheus')) ? largestFile(join(shared, 'corpus', 'kube-prometheus')) : undefined;
    if (!big) {
      console.log(`  kube-prometheus: skipped (${join(shared, 'corpus', 'kube-prometheus')} absent)`);
      return;
    }
    const btext = readFileSync(big, 'utf8');
    const bfile = join(dir, 'kube-prometheus-largest.yaml');
    writeFileSync(bfile, btext);
    const blines = btext.split('\n');
    // Edit a digit of the first dashboard's JSON (a block scalar inside a ConfigMap of the List).
    const editLine = blines.findIndex((l) => /"id": \d/.test(l));
    const editChar = blines[editLine].search(/\d/);
    const bhover = blines.flatMap((l, i) => (/^\s+(name|namespace|kind|apiVersion):/.test(l) ? [i] : [])).slice(0, 20);
    const bargs = (edits) => ({ uri: pathToFileURL(bfile).href, text: btext, planted: [], editLine, editChar, edits, hoverLines: bhover });
    const bk = await session(kp, bargs(kpEdits));
    let bp;
    try {
      bp = await session(peer, bargs(Math.max(peerEdits, 10)));
    } catch (e) {
      throw new PeerFailure(`yaml-language-server failed on ${big}: ${e.message}`);
    }
    table(`${big.slice(shared.length + 1)} (${blines.length} lines, ${(btext.length / 1048576).toFixed(1)} MB): kubeplan ${bk.diagnostics} diagnostics, yaml-language-server ${bp.diagnostics}`, [
      sooner('first diagnostics after didOpen', bk.first, bp.first),
      sooner('diagnostics settled', bk.settled, bp.settled),
      sooner(`edit → diagnostics, median (kubeplan ${bk.edits.length} edits, peer ${bp.edits.length})`, median(bk.edits), median(bp.edits)),
      sooner('edit → diagnostics, max', Math.max(...bk.edits), Math.max(...bp.edits)),
      mem('peak RSS after open', bk.memOpen.peak, bp.memOpen.peak, 1),
      mem('peak RSS after settle', bk.memSettled.peak, bp.memSettled.peak, 1),
      mem('peak RSS after the edits and hovers', bk.memEdits.peak, bp.memEdits.peak, 1),
      mem('RSS after the edits', bk.memEdits.rss, bp.memEdits.rss),
    ]);
    console.log('  ratios: times peer ÷ kubeplan (× sooner), memory kubeplan ÷ peer; the peer validates 200 ms after the last change (its default validationDelayMs), included in its times');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await peerBench();
  } catch (e) {
    console.error(`\npeer bench FAILED: ${e.message}\n`);
    process.exit(e instanceof PeerFailure ? 3 : 1);
  }
}
