import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join } from 'node:path';

/** The program that renders an overlay and the arguments before the directory: `kustomize build` or `kubectl kustomize`. */
export interface KustomizeCommand {
  file: string;
  args: string[];
  /** As the user named it (the setting or the flag), or as found on PATH. */
  label: string;
}

/**
 * The renderer: `configured` (`--kustomize-command`, `kubeplan.kustomize.command`: a program, or a
 * program and its arguments separated by spaces), else kustomize, else kubectl, from PATH.
 * Undefined when the program is not there.
 */
export function findKustomize(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): KustomizeCommand | undefined {
  if (configured?.trim()) {
    const [program, ...args] = configured.trim().split(/\s+/);
    const file = findProgram(program, env);
    return file ? { file, args: args.length ? args : defaultArgs(program), label: configured.trim() } : undefined;
  }
  for (const program of ['kustomize', 'kubectl']) {
    const file = findProgram(program, env);
    if (file) return { file, args: defaultArgs(program), label: `${program} ${defaultArgs(program).join(' ')}` };
  }
  return undefined;
}

function defaultArgs(program: string): string[] {
  const name = basename(program).replace(/\.exe$/i, '');
  return name === 'kubectl' ? ['kustomize'] : name === 'kustomize' ? ['build'] : [];
}

/** A program named by path, or found in a PATH directory (with Windows' extensions). */
export function findProgram(program: string, env: NodeJS.ProcessEnv): string | undefined {
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  const candidates = program.includes('/') || program.includes('\\') || isAbsolute(program)
    ? [program]
    : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program));
  for (const c of candidates) for (const ext of extensions) if (executable(c + ext)) return c + ext;
  return undefined;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
