import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A schema in the Kubernetes OpenAPI flavor (as generated into schemas/<minor>/definitions.json). */
export type K8sSchema = { [keyword: string]: unknown };

export interface KindEntry {
  apiVersion: string;
  kind: string;
  definition: string;
}
export interface LifecycleKind {
  apiVersion: string;
  kind: string;
  defined: string[];
}
export interface Removal {
  apiVersion: string;
  kind: string;
  removedIn: string;
  replacement: string | null;
}
export interface ShapeNote {
  apiVersion: string;
  kind: string;
  shapeChanged: string;
}
export interface Lifecycle {
  versions: string[];
  kinds: LifecycleKind[];
  removedBefore: Removal[];
  notes: ShapeNote[];
}
export interface DefinitionDocs {
  description?: string;
  properties?: Record<string, { description?: string; default?: unknown }>;
}

/**
 * The generated schemas of one Kubernetes minor version, read lazily from disk: the kind index and
 * lifecycle are small; definitions load on the first validation, docs on the first hover.
 */
export class SchemaCatalog {
  private kindIndex?: Map<string, KindEntry>;
  private defs?: Record<string, K8sSchema>;
  private docsCache?: Record<string, DefinitionDocs>;
  private lifecycleCache?: Lifecycle;

  constructor(readonly dir: string, readonly minor = '1.35') {}

  private read<T>(...parts: string[]): T {
    return JSON.parse(readFileSync(join(this.dir, ...parts), 'utf8')) as T;
  }

  kind(apiVersion: string, kind: string): KindEntry | undefined {
    if (!this.kindIndex) {
      this.kindIndex = new Map(this.read<KindEntry[]>(this.minor, 'kinds.json').map((k) => [`${k.apiVersion}/${k.kind}`, k]));
    }
    return this.kindIndex.get(`${apiVersion}/${kind}`);
  }

  kinds(): KindEntry[] {
    this.kind('', '');
    return [...this.kindIndex!.values()];
  }

  definitions(): Record<string, K8sSchema> {
    this.defs ??= this.read<Record<string, K8sSchema>>(this.minor, 'definitions.json');
    return this.defs;
  }

  docs(definition: string): DefinitionDocs | undefined {
    this.docsCache ??= this.read<Record<string, DefinitionDocs>>(this.minor, 'docs.json');
    return this.docsCache[definition];
  }

  lifecycle(): Lifecycle {
    this.lifecycleCache ??= this.read<Lifecycle>('api-lifecycle.json');
    return this.lifecycleCache;
  }
}
