import { spawnSync } from 'node:child_process';
import { cli, repoRoot } from './paths.mjs';

/** Runs the built CLI; returns exit status, stdout and stderr. */
export function runCli(args, { input, cwd = repoRoot, env } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, input, env: env && { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
