import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { LineIndex } from '../text/lineIndex';

/** The names kustomize looks for in a directory, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** A string of a kustomization and its 0-based line. */
export interface Entry {
  value: string;
  line: number;
}

/** Which objects a patch applies to (`target:`); absent fields match every object. */
export interface PatchTarget {
  kind?: string;
  name?: string;
}

/** A patch: a file (`path:`) or inline text (`patch:`), strategic merge or JSON 6902 (told by its content). */
export interface Patch {
  line: number;
  path?: Entry;
  /** Inline patch text, and the line of its first line in the kustomization. */
  inline?: { text: string; line: number };
  target?: PatchTarget;
}

/** What of a kustomization maps rendered values back to where they were written. */
export interface Kustomization {
  resources: Entry[];
  components: Entry[];
  patches: Patch[];
  /** `images:` entries by the image name they replace. */
  images: Entry[];
  /** `replicas:` entries by the object name they scale. */
  replicas: Entry[];
  namePrefix?: Entry;
  nameSuffix?: Entry;
  /** configMapGenerator and secretGenerator entries by the name they generate. */
  generators: Entry[];
}

/** Reads a kustomization file's text; what is not a list or a string where expected is left out. */
export function parseKustomization(text: string): Kustomization {
  const lines = new LineIndex(text);
  const doc = parseDocument(text, { logLevel: 'silent' });
  const root = isMap(doc.contents) ? doc.contents : undefined;
  const get = (key: string): unknown => root?.get(key, true);
  const lineOf = (node: unknown): number => lines.position((node as Node | undefined)?.range?.[0] ?? 0).line;
  const entry = (node: unknown): Entry | undefined => (isScalar(node) && typeof node.value === 'string' ? { value: node.value, line: lineOf(node) } : undefined);
  const items = (key: string): unknown[] => {
    const seq = get(key);
    return isSeq(seq) ? seq.items : [];
  };
  const strings = (key: string): Entry[] => items(key).flatMap((n) => entry(n) ?? []);
  const field = (node: unknown, key: string): unknown => (isMap(node) ? node.get(key, true) : undefined);
  /** A list of maps, each by one string field (images by `name`, generators by `name`). */
  const byField = (key: string, name: string): Entry[] => items(key).flatMap((n) => {
    const e = entry(field(n, name));
    return e ? [{ value: e.value, line: lineOf(n) }] : [];
  });
  const target = (node: unknown): PatchTarget | undefined => {
    if (!isMap(node)) return undefined;
    const kind = entry(node.get('kind', true))?.value;
    const name = entry(node.get('name', true))?.value;
    return { ...(kind ? { kind } : {}), ...(name ? { name } : {}) };
  };
  const patch = (node: unknown): Patch | undefined => {
    // patchesStrategicMerge lists paths or inline patches as plain strings.
    if (isScalar(node) && typeof node.value === 'string') {
      return node.value.includes('\n') ? { line: lineOf(node), inline: { text: node.value, line: inlineLine(node, lines) } } : { line: lineOf(node), path: entry(node) };
    }
    if (!isMap(node)) return undefined;
    const inline = field(node, 'patch');
    return {
      line: lineOf(node),
      path: entry(field(node, 'path')),
      ...(isScalar(inline) && typeof inline.value === 'string' ? { inline: { text: inline.value, line: inlineLine(inline, lines) } } : {}),
      target: target(field(node, 'target')),
    };
  };
  const namePart = (key: string): Entry | undefined => entry(get(key));
  return {
    resources: [...strings('resources'), ...strings('bases')],
    components: strings('components'),
    patches: ['patches', 'patchesStrategicMerge', 'patchesJson6902'].flatMap((k) => items(k).flatMap((n) => patch(n) ?? [])),
    images: byField('images', 'name'),
    replicas: byField('replicas', 'name'),
    ...(namePart('namePrefix') ? { namePrefix: namePart('namePrefix') } : {}),
    ...(namePart('nameSuffix') ? { nameSuffix: namePart('nameSuffix') } : {}),
    generators: [...byField('configMapGenerator', 'name'), ...byField('secretGenerator', 'name')],
  };
}

/** A block scalar's text starts on the line after its indicator (`patch: |-`); a flow one on its own. */
function inlineLine(node: Node, lines: LineIndex): number {
  const start = lines.position(node.range?.[0] ?? 0).line;
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? start + 1 : start;
}

/** A resource that is fetched, not read from the disk (kustomize's remote targets). */
export const isRemote = (resource: string): boolean => /^[a-z]+:\/\/|^git@|^github\.com\//.test(resource);

/**
 * The kustomization kubeplan renders instead of the user's, in a directory of its own: the overlay as
 * its one resource (a path relative to that directory: kustomize refuses absolute roots), and origin
 * annotations, which name each object's source file.
 */
export function wrapperKustomization(overlayFromWrapper: string): string {
  return `resources:\n- ${JSON.stringify(overlayFromWrapper)}\nbuildMetadata:\n- originAnnotations\n`;
}
