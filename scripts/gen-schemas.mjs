#!/usr/bin/env node
// Generates schemas/ from the Kubernetes OpenAPI v3 documents (../shared/k8s-openapi by default).
//
//   node scripts/gen-schemas.mjs [--source DIR] [--out DIR]
//
// Output (deterministic: keys sorted, no timestamps, so rerunning yields no diff):
//   schemas/<minor>/definitions.json  every definition, validation keywords only, `allOf: [{$ref}]`
//                                     wrappers resolved to a plain `$ref` (definition name),
//                                     enum values added from scripts/data/k8s-enums.json
//   schemas/<minor>/docs.json         descriptions and defaults per definition and property (hovers)
//   schemas/<minor>/kinds.json        group/version/kind -> root definition for the served kinds
//   schemas/api-lifecycle.json        which minors 1.23–1.35 define each GVK, plus removals before 1.23
import { readFileSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listJson, REF_PREFIX } from './openapiDocuments.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const source = opt('--source', join(repo, '..', 'shared', 'k8s-openapi'));
const out = opt('--out', join(repo, 'schemas'));
const MINOR = '1.35';

if (!existsSync(join(source, MINOR))) {
  console.error(`gen-schemas: ${join(source, MINOR)} not found (pass --source DIR)`);
  process.exit(2);
}

// Validation keywords and every x-kubernetes-* extension are kept (the GVK list moves to kinds.json);
// descriptions and defaults go to docs.json, so definitions.json stays small and fast to load.
const KEEP_KEYWORDS = new Set(['type', 'format', 'required', 'enum', 'items', 'properties', 'additionalProperties']);
const keep = (k) => KEEP_KEYWORDS.has(k) || (k.startsWith('x-kubernetes-') && k !== 'x-kubernetes-group-version-kind');


function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const sorted = {};
    for (const k of Object.keys(value).sort()) sorted[k] = sortKeys(value[k]);
    return sorted;
  }
  return value;
}

/** A property schema of the form {allOf: [{$ref}], description, default} becomes {$ref}. */
function unwrapRef(schema) {
  if (schema.$ref) return schema.$ref.slice(REF_PREFIX.length);
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && schema.allOf[0].$ref) {
    return schema.allOf[0].$ref.slice(REF_PREFIX.length);
  }
  return undefined;
}

function compact(schema) {
  const ref = unwrapRef(schema);
  if (ref) return { $ref: ref };
  const result = {};
  for (const [k, v] of Object.entries(schema)) {
    if (!keep(k)) continue;
    if (k === 'properties') {
      result.properties = {};
      for (const [name, prop] of Object.entries(v)) result.properties[name] = compact(prop);
    } else if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object')) {
      result[k] = compact(v);
    } else {
      result[k] = v;
    }
  }
  return result;
}

function docsOf(schema) {
  const entry = {};
  if (schema.description) entry.description = schema.description;
  if (schema.properties) {
    entry.properties = {};
    for (const [name, prop] of Object.entries(schema.properties)) {
      const p = {};
      if (prop.description) p.description = prop.description;
      if (prop.default !== undefined && !(typeof prop.default === 'object' && Object.keys(prop.default).length === 0)) {
        p.default = prop.default;
      }
      entry.properties[name] = p;
    }
  }
  return entry;
}

const definitions = {};
const docs = {};
for (const file of listJson(join(source, MINOR))) {
  const schemas = JSON.parse(readFileSync(file, 'utf8')).components.schemas;
  for (const [name, schema] of Object.entries(schemas)) {
    definitions[name] = compact(schema);
    docs[name] = docsOf(schema);
  }
}

// Two wire types get a normalized shape the core understands without special cases.
definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { 'x-kubernetes-int-or-string': true };
definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { 'x-kubeplan-quantity': true };

// Enum values: upstream emits them from `+enum` Go types; the documents we read have them stripped.
const enums = JSON.parse(readFileSync(join(here, 'data', 'k8s-enums.json'), 'utf8'));
const arrayItems = new Set(enums.arrayItems ?? []);
const mapValues = new Set(enums.mapValues ?? []);
for (const [def, props] of Object.entries(enums.enums)) {
  for (const [prop, values] of Object.entries(props)) {
    const target = definitions[def]?.properties?.[prop];
    if (!target) throw new Error(`k8s-enums.json: ${def}.${prop} is not in the OpenAPI documents`);
    if (arrayItems.has(`${def}.${prop}`)) target.items.enum = values;
    else if (mapValues.has(`${def}.${prop}`)) target.additionalProperties.enum = values;
    else target.enum = values;
  }
}

const index = JSON.parse(readFileSync(join(source, 'gvk-index.json'), 'utf8'));
const kinds = index.kinds
  .filter((k) => k.defined.includes(MINOR))
  .map((k) => ({ apiVersion: k.apiVersion, kind: k.kind, definition: k.schema }));
for (const k of kinds) {
  if (!definitions[k.definition]) throw new Error(`kind ${k.apiVersion} ${k.kind}: ${k.definition} missing`);
}

const removals = JSON.parse(readFileSync(join(here, 'data', 'api-removals.json'), 'utf8'));
const lifecycle = {
  source: `${index.source}; removals before ${index.versions[0]} from the Kubernetes deprecated API migration guide`,
  versions: index.versions,
  kinds: index.kinds.map((k) => ({ apiVersion: k.apiVersion, kind: k.kind, defined: k.defined })),
  removedBefore: removals.removed,
  notes: removals.notes,
};

function write(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(sortKeys(value)) + '\n');
  console.log(`wrote ${relative(repo, path)} (${(statSync(path).size / 1024).toFixed(0)} KiB)`);
}
write(join(out, MINOR, 'definitions.json'), definitions);
write(join(out, MINOR, 'docs.json'), docs);
write(join(out, MINOR, 'kinds.json'), kinds);
write(join(out, 'api-lifecycle.json'), lifecycle);
