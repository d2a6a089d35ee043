import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { wrapperKustomization } from '../core';
import type { KustomizeCommand } from './command';

/** kustomize's output, or its error, and the directory it built (origin paths are relative to it). */
export type KustomizeRun = { ok: true; stdout: string; builtDir: string } | { ok: false; stderr: string };

export const RENDER_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 256 * 1024 * 1024;

/**
 * The user's kustomization is not modified: a kustomization of kubeplan's own, in a temporary
 * directory, has the overlay as its one resource and asks for origin annotations. The overlay's
 * directory is the working directory.
 */
function prepare(overlayDir: string, command: KustomizeCommand): { builtDir: string; args: string[] } {
  const builtDir = mkdtempSync(join(tmpdir(), 'kubeplan-kustomize-'));
  writeFileSync(join(builtDir, 'kustomization.yaml'), wrapperKustomization(relative(builtDir, overlayDir).split(sep).join('/')));
  return { builtDir, args: [...command.args, builtDir] };
}

function failure(e: unknown, timeoutMs: number): KustomizeRun {
  const err = e as NodeJS.ErrnoException & { stderr?: string | Buffer; signal?: string; killed?: boolean };
  if (err.killed || err.signal === 'SIGTERM' || err.code === 'ETIMEDOUT') return { ok: false, stderr: `timed out after ${timeoutMs / 1000} s` };
  const stderr = String(err.stderr ?? '').trim();
  return { ok: false, stderr: stderr || err.message };
}

/** Renders synchronously (the CLI). */
export function runKustomizeSync(overlayDir: string, command: KustomizeCommand, timeoutMs = RENDER_TIMEOUT_MS): KustomizeRun {
  const { builtDir, args } = prepare(overlayDir, command);
  try {
    const stdout = execFileSync(command.file, args, { cwd: overlayDir, timeout: timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    return { ok: true, stdout, builtDir };
  } catch (e) {
    return failure(e, timeoutMs);
  } finally {
    rmSync(builtDir, { recursive: true, force: true });
  }
}

/** Renders in the background (the language server). */
export function runKustomize(overlayDir: string, command: KustomizeCommand, timeoutMs = RENDER_TIMEOUT_MS): Promise<KustomizeRun> {
  const { builtDir, args } = prepare(overlayDir, command);
  return new Promise((resolve) => {
    execFile(command.file, args, { cwd: overlayDir, timeout: timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      rmSync(builtDir, { recursive: true, force: true });
      resolve(error ? failure(Object.assign(error, { stderr }), timeoutMs) : { ok: true, stdout, builtDir });
    });
  });
}
