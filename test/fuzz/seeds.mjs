// The documents the fuzzer mutates: every document of ../shared/corpus (real projects' manifests),
// or, without it, the repository's examples and test fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitDocuments } from '../../dist/core.js';
import { hasShared, repoRoot, sharedDir } from '../helpers/paths.mjs';

function yamlFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

export function seedDocuments() {
  const dirs = hasShared ? [join(sharedDir, 'corpus')] : [join(repoRoot, 'examples'), join(repoRoot, 'test', 'fixtures')];
  const docs = [];
  for (const dir of dirs) {
    for (const file of yamlFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      // Very large documents (CRDs of half a megabyte) would make every mutation of them slow to write.
      for (const c of splitDocuments(text)) if (c.text.trim() && c.text.length < 64 * 1024) docs.push(c.text);
    }
  }
  return docs;
}
