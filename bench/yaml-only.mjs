// Baseline for the corpus benchmark: read every YAML file under a folder and parse it with the
// `yaml` library alone (all documents, the same YAML 1.1 options the analyzer uses), nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.ya?ml$/i.test(e.name)) yield p;
  }
}
let documents = 0;
for (const file of files(process.argv[2])) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { schema: 'yaml-1.1', merge: true, logLevel: 'error' })) {
    doc.toJS({ maxAliasCount: 1000 });
    documents++;
  }
}
process.stdout.write(`${documents}\n`);
