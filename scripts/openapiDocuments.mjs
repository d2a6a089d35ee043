// What the two schema generators (gen-schemas.mjs, gen-peer-schema.mjs) read of the Kubernetes
// OpenAPI v3 documents: the files, and how their references are written.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The prefix of a reference to a component schema in an OpenAPI v3 document. */
export const REF_PREFIX = '#/components/schemas/';

/** The `.json` files under a folder, at any depth, in name order. */
export function listJson(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...listJson(p));
    else if (name.endsWith('.json')) found.push(p);
  }
  return found;
}
