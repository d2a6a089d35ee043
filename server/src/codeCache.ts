import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a CommonJS file of dist/ as `require` would, compiled from V8's code cache beside it
 * (`<file>.cache`) when that cache was made from this very text: node then neither parses the file
 * nor compiles the functions a start runs (80–110 ms of the CLI's check of 2,000 documents, 40 ms of
 * the server's start). The file holds the function node wraps a module in (scripts/build.mjs writes it
 * so): its text is compiled as it is, not copied into a wrapper.
 *
 * `npm run build` makes the caches by running the bundles once with KUBEPLAN_WRITE_CODE_CACHE=1: the
 * cache is written at exit, holding every function that run compiled. A cache begins with the SHA-256
 * of the text it was made from (V8 itself only checks the text's length); V8 rejects one made by
 * another V8 version or with other flags (VS Code's own Node, `--inspect`), and the file is then
 * compiled as usual.
 */
export function loadCached(file: string): unknown {
  const source = readFileSync(file, 'utf8');
  const digest = createHash('sha256').update(source).digest();
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    const cache = readFileSync(cacheFile);
    if (cache.subarray(0, digest.length).equals(digest)) cachedData = cache.subarray(digest.length);
  } catch {
    // No cache (a build without one, or running from sources): compiled as usual.
  }
  const script = new Script(source, { filename: file, cachedData });
  if (process.env.KUBEPLAN_WRITE_CODE_CACHE === '1') process.once('exit', () => writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()])));
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}
