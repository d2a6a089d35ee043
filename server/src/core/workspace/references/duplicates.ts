import { RULES } from '../../rules';
import type { Manifest } from '../../cluster/manifests';
import { isProfileDocument } from '../../cluster/profile';
import type { SimulationFinding } from '../../cluster/findings/types';
import { findingAt, folderOf, nameOf, relatedAt, typeKey, type WorkspaceObjects } from './objects';

/**
 * KP195: the same object (group, kind, namespace, name) twice in one folder. `kubectl apply -f` of the
 * folder applies both, in file order, and the last one wins (apply patches the object with it). Twice
 * in one file is a warning, per object; in two files of a folder, information, one per set of files:
 * folders hold alternatives side by side (`aws-ebs.yaml`, `gce-pd.yaml`; `install.yaml` and
 * `namespace-install.yaml`; an all-in-one file beside its parts). Identical copies lose nothing and
 * are not reported; nor are copies in different folders (kustomize bases and overlays, separate
 * examples), applied separately. Nodes and the ClusterProfile describe the cluster, not objects to apply.
 */
export function duplicateFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const groups = new Map<string, Manifest[]>();
  for (const m of objects.inputs.manifests) {
    const name = nameOf(m);
    if (!name || m.object.kind === 'Node' || isProfileDocument(m.object)) continue;
    const key = `${folderOf(m.file)}|${typeKey(m.object.apiVersion, m.object.kind)}|${objects.namespaceOf(m)}|${name}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const out: SimulationFinding[] = [];
  // Across files, one finding per set of files: alternatives share many objects, and are one cause.
  const byFiles = new Map<string, Manifest[][]>();
  for (const copies of groups.values()) {
    // Identical copies (a Namespace in every file of an example) lose nothing when applied again.
    if (copies.length < 2 || copies.every((m) => canonical(m.object) === canonical(copies[0].object))) continue;
    const [first, ...later] = copies;
    const what = describe(objects, first);
    const last = later[later.length - 1];
    const wins = `${last.file}:${last.locate(['metadata', 'name']).start.line + 1}`;
    if (copies.every((m) => m.file === first.file)) {
      out.push(
        findingAt(
          RULES.duplicateObject,
          first,
          ['metadata', 'name'],
          `${what} is defined ${copies.length} times in this file: kubectl apply -f applies each in turn and the last one (${wins}) wins`,
          later.map((m) => relatedAt(m, ['metadata', 'name'], m === last ? `${what} again: this one wins` : `${what} again`)),
        ),
      );
      continue;
    }
    const files = [...new Set(copies.map((m) => m.file))].join('\u0000');
    byFiles.set(files, [...(byFiles.get(files) ?? []), copies]);
  }
  for (const [key, sets] of byFiles) {
    const files = key.split('\u0000');
    const [first] = sets[0];
    const others = files.filter((f) => f !== first.file);
    const objectsWord = sets.length === 1 ? describe(objects, first) : `${sets.length} objects (${describe(objects, first)}, …)`;
    out.push(
      findingAt(
        RULES.duplicateObject,
        first,
        ['metadata', 'name'],
        `${objectsWord} ${sets.length === 1 ? 'is' : 'are'} defined again in ${others.join(', ')} (the same folder): kubectl apply -f of the folder applies each in turn and the last one wins (if the files are alternatives, apply one of them)`,
        sets.flatMap((copies) => copies.slice(1).map((m) => relatedAt(m, ['metadata', 'name'], `${describe(objects, m)} again${m === copies[copies.length - 1] ? ': this one wins' : ''}`))),
        'information',
      ),
    );
  }
  return out;
}

/** JSON with sorted keys: equal for equal objects, whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function describe(objects: WorkspaceObjects, m: Manifest): string {
  const ns = objects.namespaceOf(m);
  return `${m.object.kind} ${ns ? `${ns}/` : ''}${nameOf(m)}`;
}
