import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DECLARES } from '../core';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);
const YAML_FILE = /\.ya?ml$/i;
const KIND_KEY = /^\s*kind\s*:/m;
/** A workspace larger than this is only partly scanned for CRDs (the log says so). */
export const MAX_SCANNED_FILES = 20_000;

/**
 * Yields the YAML files under `root` that hold Kubernetes objects (a cheap text test: a `kind:` key),
 * reading them one at a time so the server keeps answering requests while it scans. The caller indexes
 * those that declare what other files depend on (DECLARES) and simulates them all.
 */
export async function* manifestFiles(root: string, maxBytes: number, log: (m: string) => void): AsyncGenerator<{ path: string; text: string; declares: boolean }> {
  let seen = 0;
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(p);
        continue;
      }
      if (!e.isFile() || !YAML_FILE.test(e.name)) continue;
      if (++seen > MAX_SCANNED_FILES) {
        log(`workspace scan stopped after ${MAX_SCANNED_FILES} YAML files`);
        return;
      }
      try {
        if ((await stat(p)).size > maxBytes) continue;
        const text = await readFile(p, 'utf8');
        if (KIND_KEY.test(text)) yield { path: p, text, declares: DECLARES.test(text) };
      } catch {
        // unreadable: nothing to index
      }
    }
  }
}
