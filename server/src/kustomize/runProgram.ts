import { execFile, execFileSync } from 'node:child_process';

/** A renderer's output, or why there is none (its stderr, a time limit). */
export type ProgramRun = { ok: true; stdout: string } | { ok: false; stderr: string };

export const RENDER_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 256 * 1024 * 1024;

function failure(e: unknown, timeoutMs: number): ProgramRun {
  const err = e as NodeJS.ErrnoException & { stderr?: string | Buffer; signal?: string; killed?: boolean };
  if (err.killed || err.signal === 'SIGTERM' || err.code === 'ETIMEDOUT') return { ok: false, stderr: `timed out after ${timeoutMs / 1000} s` };
  const stderr = String(err.stderr ?? '').trim();
  return { ok: false, stderr: stderr || err.message };
}

/**
 * Runs a renderer (kustomize, helm) synchronously (the CLI): no shell (arguments are never
 * interpreted), a time limit, `cwd` the folder rendered.
 */
export function runProgramSync(file: string, args: string[], cwd: string, timeoutMs = RENDER_TIMEOUT_MS): ProgramRun {
  try {
    return { ok: true, stdout: execFileSync(file, args, { cwd, timeout: timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true }) };
  } catch (e) {
    return failure(e, timeoutMs);
  }
}

/** runProgramSync as a child process in the background (the language server). */
export function runProgram(file: string, args: string[], cwd: string, timeoutMs = RENDER_TIMEOUT_MS): Promise<ProgramRun> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      resolve(error ? failure(Object.assign(error, { stderr }), timeoutMs) : { ok: true, stdout });
    });
  });
}
