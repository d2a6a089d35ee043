// A seeded fuzzer of kubeplan: mutated corpus documents through `check`, `simulate`, `schedule` and
// kube-proxy's rules, in a child process (worker.mjs) that the parent restarts after a hang; and,
// every `cliEvery` batches, the same batch through the real CLI (dist/cli.js), whose exit status must
// be 0 or 1 and whose output must hold no internal error.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/paths.mjs';
import { batchDocuments } from './batches.mjs';

const WORKER = new URL('./worker.mjs', import.meta.url);

/**
 * Runs `documents` mutated documents in batches of `size` from `seed`. Returns what went wrong
 * (crashes: exceptions and internal-error findings; hangs: batches that made no progress within
 * `hangMs`; cli: CLI runs with exit 2 or an internal error) and the figures (per-document check
 * time, per-batch simulation time, peak memory of the worker).
 */
export async function fuzz({ documents, seed = 1, size = 50, hangMs = 30_000, cliEvery = 0, onProgress = () => {} }) {
  const batches = Math.ceil(documents / size);
  const report = { documents: 0, batches: 0, crashes: [], hangs: [], cli: [], cliRuns: 0, times: [], simulateMs: [], peakRss: 0 };
  let next = 0;
  while (next < batches) {
    next = await runWorker(seed, next, batches, size, hangMs, report, onProgress);
  }
  if (cliEvery > 0) {
    for (let index = 0; index < batches; index += cliEvery) runCli(seed, index, size, report);
  }
  report.times.sort((a, b) => a - b);
  report.simulateMs.sort((a, b) => a - b);
  return report;
}

/** Runs batches from `from` in one worker; returns the batch to resume from (after a hang, the next one). */
function runWorker(seed, from, to, size, hangMs, report, onProgress) {
  return new Promise((resolve) => {
    const child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--max-old-space-size=4096'] });
    let current = from;
    let finished = false;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    let timer;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        report.hangs.push({ batch: current, seed, size });
        child.kill('SIGKILL');
      }, hangMs);
    };
    child.on('message', (m) => {
      if (m.type === 'start') {
        current = m.index;
        watch();
      } else if (m.type === 'batch') {
        report.batches++;
        report.documents += m.times.length;
        for (const t of m.times) report.times.push(t);
        report.simulateMs.push(m.simulateMs);
        report.peakRss = Math.max(report.peakRss, m.rss);
        for (const c of m.crashes) report.crashes.push({ batch: m.index, seed, ...c });
        onProgress(report);
      } else if (m.type === 'done') {
        finished = true;
        clearTimeout(timer);
        child.kill();
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (finished) return resolve(to);
      const hung = report.hangs.some((h) => h.batch === current && h.seed === seed);
      if (!hung) {
        // The worker died on its own (out of memory, a V8 abort): a crash of the batch it was on.
        report.crashes.push({ batch: current, seed, step: 'process', file: '(batch)', message: `worker exited (${signal ?? code}): ${stderr.trim().split('\n').slice(-3).join(' / ')}` });
      }
      resolve(current + 1);
    });
    child.send({ seed, from, to, size });
    watch();
  });
}

const COMMANDS = [['check', '--format', 'json'], ['simulate'], ['schedule'], ['iptables'], ['iptables', '--mode', 'nftables']];

function runCli(seed, index, size, report) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-fuzz-'));
  try {
    batchDocuments(seed, index, size).forEach((text, i) => writeFileSync(join(dir, `doc-${String(i).padStart(3, '0')}.yaml`), text));
    for (const args of COMMANDS) {
      const r = spawnSync(process.execPath, [cli, ...args, dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
      report.cliRuns++;
      const internal = /internal error/.test(r.stdout) || /internal error/.test(r.stderr);
      if (r.status !== 0 && r.status !== 1 ? true : internal) {
        report.cli.push({ batch: index, seed, command: args.join(' '), status: r.status ?? r.signal, stderr: r.stderr.trim().split('\n').slice(0, 3).join(' / ') });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0);
