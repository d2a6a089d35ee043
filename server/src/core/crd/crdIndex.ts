import { createHash } from 'node:crypto';
import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';

/** One version of a custom resource, as a CustomResourceDefinition in the workspace declares it. */
export interface CustomKindVersion {
  group: string;
  version: string;
  kind: string;
  served: boolean;
  crdName: string;
  description?: string;
  schema?: K8sSchema;
  /** Changes when the schema changes: keys validator and result caches. */
  fingerprint: string;
  /** Where the CRD is (file), for messages. */
  source: string;
  /** `Namespaced` (the default) or `Cluster`. */
  scope: string;
}

/** Reads the versions a CRD object declares (apiextensions.k8s.io/v1; every version, served or not). */
export function crdVersions(crd: unknown, source: string): CustomKindVersion[] {
  const spec = obj(obj(crd)?.spec);
  const group = spec?.group;
  const kind = obj(spec?.names)?.kind;
  const versions = spec?.versions;
  if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(versions)) return [];
  const crdName = String(obj(obj(crd)?.metadata)?.name ?? `${kind}.${group}`);
  const out: CustomKindVersion[] = [];
  for (const v of versions) {
    const entry = obj(v);
    if (!entry || typeof entry.name !== 'string') continue;
    const schema = obj(obj(entry.schema)?.openAPIV3Schema) as K8sSchema | undefined;
    out.push({
      group,
      version: entry.name,
      kind,
      served: entry.served !== false,
      crdName,
      description: typeof schema?.description === 'string' ? schema.description : undefined,
      schema,
      fingerprint: schemaFingerprint(schema),
      source,
      scope: spec?.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    });
  }
  return out;
}

/** All custom kinds declared by CRDs in the workspace, by file so an edit replaces one file's share. */
export class CrdIndex {
  private readonly byFile = new Map<string, CustomKindVersion[]>();
  private merged?: Map<string, CustomKindVersion[]>;

  setFile(file: string, versions: CustomKindVersion[]): boolean {
    const before = JSON.stringify((this.byFile.get(file) ?? []).map((v) => [v.group, v.version, v.kind, v.served, v.fingerprint]));
    const after = JSON.stringify(versions.map((v) => [v.group, v.version, v.kind, v.served, v.fingerprint]));
    if (versions.length) this.byFile.set(file, versions);
    else this.byFile.delete(file);
    if (before !== after) this.merged = undefined;
    return before !== after;
  }

  /** The fingerprints of every declared version's schema. */
  fingerprints(): Set<string> {
    const out = new Set<string>();
    for (const versions of this.byFile.values()) for (const v of versions) out.add(v.fingerprint);
    return out;
  }

  /** Every declared version of group/kind (first declaration wins on duplicates). */
  versionsOf(group: string, kind: string): CustomKindVersion[] {
    if (!this.merged) {
      this.merged = new Map();
      for (const versions of this.byFile.values()) {
        for (const v of versions) {
          const key = `${v.group} ${v.kind}`;
          const list = this.merged.get(key) ?? [];
          if (!list.some((x) => x.version === v.version)) list.push(v);
          this.merged.set(key, list);
        }
      }
    }
    return this.merged.get(`${group} ${kind}`) ?? [];
  }
}

/** What identifies a CRD version's schema: its validators and compiled rules are kept by it. */
export function schemaFingerprint(schema: K8sSchema | undefined): string {
  if (!schema) return FINGERPRINT_OF_NULL;
  let fingerprint = fingerprints.get(schema);
  if (fingerprint === undefined) fingerprints.set(schema, (fingerprint = hash(schema)));
  return fingerprint;
}

const hash = (schema: K8sSchema | null): string => createHash('sha1').update(JSON.stringify(schema)).digest('hex').slice(0, 16);
const FINGERPRINT_OF_NULL = hash(null);
/** A parsed document's schema is read, never changed: the CRD index and the CRD's own check hash it once. */
const fingerprints = new WeakMap<object, string>();
