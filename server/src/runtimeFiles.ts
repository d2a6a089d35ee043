import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { PathKind, PrecompiledValidators } from './core';
import { loadCached } from './codeCache';

/** Files beside the bundles in dist/: the schemas (../schemas) and the precompiled validators. */
export const schemasDir = process.env.KUBEPLAN_SCHEMAS ?? join(__dirname, '..', 'schemas');

/** dist/validators.js, built by scripts/build.mjs; absent when running from sources. */
export function loadPrecompiledValidators(): PrecompiledValidators | undefined {
  try {
    return loadCached(join(__dirname, 'validators.js')) as PrecompiledValidators;
  } catch {
    return undefined;
  }
}

/**
 * What a path names on disk, for the core's questions about kustomizations and charts: a CLI input's
 * path (relative to the working directory) or a `file:` URI's decoded path (on Windows, /c:/…).
 */
export function statPath(path: string): PathKind {
  try {
    const s = statSync(/^\/[A-Za-z]:/.test(path) ? path.slice(1) : path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}
