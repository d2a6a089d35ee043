import type { K8sSchema } from '../schema/catalog';
import { CompiledSchema } from './compile';

/**
 * The compiled rules of the CRD versions in use, one per schema fingerprint and Kubernetes
 * version: compiled on first use, dropped when their CRD changes or leaves (like the API server,
 * which compiles a CRD's rules when it is written).
 */
export class CelPrograms {
  private readonly compiled = new Map<string, { fingerprint: string; schema: CompiledSchema }>();

  for(fingerprint: string, schema: K8sSchema, kubernetesVersion: string): CompiledSchema {
    const key = `${fingerprint}|${kubernetesVersion}`;
    let entry = this.compiled.get(key);
    if (!entry) {
      entry = { fingerprint, schema: new CompiledSchema(schema, kubernetesVersion) };
      this.compiled.set(key, entry);
    }
    return entry.schema;
  }

  /** Keeps only the schemas whose fingerprints are still declared. */
  retain(fingerprints: Set<string>): void {
    for (const [key, entry] of this.compiled) if (!fingerprints.has(entry.fingerprint)) this.compiled.delete(key);
  }

  get size(): number {
    return this.compiled.size;
  }
}
