import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRemote, type TreeNode } from '../core';

const SKIP_DIRS = new Set(['.git', 'node_modules']);
/** Past this many files the overlay is rendered every time rather than hashed. */
const MAX_FILES = 5000;

/** What computing a key asks of the disk: a directory's entries, or a file's bytes (undefined: unreadable). */
type Ask = { dir: string } | { file: string };
type Answer = Dirent[] | Buffer | undefined;

/**
 * What a render depends on: the contents of every file under the directories of the overlay's
 * kustomizations (kustomize's default load restrictor reads nothing outside a kustomization's
 * directory), and the command. Undefined when that cannot be known: a remote resource, too many files.
 * Written once, as steps that ask for the disk: the CLI answers them synchronously, the language
 * server in the background (renderKeyInBackground), so that hashing a large overlay never blocks it.
 */
function* keySteps(tree: TreeNode[], command: string): Generator<Ask, string | undefined, Answer> {
  if (tree.some((n) => [...n.kustomization.resources, ...n.kustomization.components].some((r) => isRemote(r.value)))) return undefined;
  return yield* folderKeySteps(tree.map((n) => n.dir), command);
}

/** The contents of every file under `folders` (a chart's folder, an overlay's), and the command. */
function* folderKeySteps(folders: string[], command: string): Generator<Ask, string | undefined, Answer> {
  const files = new Set<string>();
  const dirs = [...folders];
  while (dirs.length) {
    const dir = dirs.pop()!;
    const entries = ((yield { dir }) as Dirent[] | undefined) ?? [];
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) dirs.push(p);
      } else if (e.isFile()) {
        files.add(p);
        if (files.size > MAX_FILES) return undefined;
      }
    }
  }
  const hash = createHash('sha256').update(command);
  for (const file of [...files].sort()) {
    hash.update(`\0${file}\0`);
    const bytes = (yield { file }) as Buffer | undefined;
    hash.update(bytes ?? '\0unreadable');
  }
  return hash.digest('hex');
}

const orUndefined = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

/** The render's key (keySteps), reading the disk synchronously (the CLI). */
export function renderKey(tree: TreeNode[], command: string): string | undefined {
  const steps = keySteps(tree, command);
  let step = steps.next();
  while (!step.done) {
    const ask = step.value;
    step = steps.next('dir' in ask ? orUndefined(() => readdirSync(ask.dir, { withFileTypes: true })) : orUndefined(() => readFileSync(ask.file)));
  }
  return step.value;
}

/** The render's key (keySteps), reading the disk in the background (the language server). */
export const renderKeyInBackground = (tree: TreeNode[], command: string): Promise<string | undefined> => inBackground(keySteps(tree, command));

/** The key of a render of whole folders (a Helm chart: helm reads the chart's folder only), in the background. */
export const folderKeyInBackground = (folders: string[], command: string): Promise<string | undefined> => inBackground(folderKeySteps(folders, command));

async function inBackground(steps: Generator<Ask, string | undefined, Answer>): Promise<string | undefined> {
  let step = steps.next();
  while (!step.done) {
    const ask = step.value;
    step = steps.next('dir' in ask ? await readdir(ask.dir, { withFileTypes: true }).catch(() => undefined) : await readFile(ask.file).catch(() => undefined));
  }
  return step.value;
}

/** Renders by key, the latest few (one per overlay the user works on). */
export class RenderCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit = 32) {}

  get(key: string): T | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}
