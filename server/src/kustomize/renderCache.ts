import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRemote, type TreeNode } from '../core';

const SKIP_DIRS = new Set(['.git', 'node_modules']);
/** Past this many files the overlay is rendered every time rather than hashed. */
const MAX_FILES = 5000;

/**
 * What a render depends on: the contents of every file under the directories of the overlay's
 * kustomizations (kustomize's default load restrictor reads nothing outside a kustomization's
 * directory), and the command. Undefined when that cannot be known: a remote resource, too many files.
 */
export function renderKey(tree: TreeNode[], command: string): string | undefined {
  if (tree.some((n) => [...n.kustomization.resources, ...n.kustomization.components].some((r) => isRemote(r.value)))) return undefined;
  const files = new Set<string>();
  const walk = (dir: string): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !walk(p)) return false;
      } else if (e.isFile()) {
        files.add(p);
        if (files.size > MAX_FILES) return false;
      }
    }
    return true;
  };
  for (const node of tree) if (!walk(node.dir)) return undefined;
  const hash = createHash('sha256').update(command);
  for (const file of [...files].sort()) {
    hash.update(`\0${file}\0`);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('\0unreadable');
    }
  }
  return hash.digest('hex');
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
