import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { wrapperKustomization } from '../core';
import type { KustomizeCommand } from './command';
import { RENDER_TIMEOUT_MS, runProgram, runProgramSync } from './runProgram';

/** kustomize's output, or its error, and the directory it built (origin paths are relative to it). */
export type KustomizeRun = { ok: true; stdout: string; builtDir: string } | { ok: false; stderr: string };

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

/** Renders synchronously (the CLI). */
export function runKustomizeSync(overlayDir: string, command: KustomizeCommand, timeoutMs = RENDER_TIMEOUT_MS): KustomizeRun {
  const { builtDir, args } = prepare(overlayDir, command);
  try {
    const r = runProgramSync(command.file, args, overlayDir, timeoutMs);
    return r.ok ? { ...r, builtDir } : r;
  } finally {
    rmSync(builtDir, { recursive: true, force: true });
  }
}

/** Renders in the background (the language server). */
export async function runKustomize(overlayDir: string, command: KustomizeCommand, timeoutMs = RENDER_TIMEOUT_MS): Promise<KustomizeRun> {
  const { builtDir, args } = prepare(overlayDir, command);
  try {
    const r = await runProgram(command.file, args, overlayDir, timeoutMs);
    return r.ok ? { ...r, builtDir } : r;
  } finally {
    rmSync(builtDir, { recursive: true, force: true });
  }
}
