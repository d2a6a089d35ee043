/** A plain YAML mapping as decoded (anything else — list, scalar, null — is not one). */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
export const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);

/** An object with string apiVersion and kind. */
export const isKubernetesObject = (v: unknown): v is Obj & { apiVersion: string; kind: string } =>
  isObj(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';

/**
 * The Kubernetes objects a document holds, with their paths: the document itself, or the items of a
 * list kind (`List`, `ConfigMapList`, …), which kubectl flattens.
 */
export function objectsOf(value: unknown): Array<{ object: Obj; prefix: Array<string | number> }> {
  if (!isObj(value)) return [];
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) => (isObj(item) ? [{ object: item, prefix: ['items', i] }] : []));
  }
  return [{ object: value, prefix: [] }];
}

/** A pod spec's containers then init containers, with their list, index and name (`#i` when unnamed). */
export function podContainers(spec: Obj): Array<{ list: 'containers' | 'initContainers'; index: number; name: string; container: Obj }> {
  const out: Array<{ list: 'containers' | 'initContainers'; index: number; name: string; container: Obj }> = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((c, index) => {
      if (isObj(c)) out.push({ list, index, name: typeof c.name === 'string' ? c.name : `#${index}`, container: c });
    });
  }
  return out;
}
