import { join } from 'node:path';
import { isRemote, KUSTOMIZATION_FILES, parseKustomization, type Kustomization } from './kustomization';

/** Reads a file by absolute path; undefined when it does not exist or is not a file. */
export type ReadFile = (path: string) => string | undefined;

/** One kustomization of an overlay's tree. */
export interface TreeNode {
  /** Absolute paths. */
  dir: string;
  file: string;
  kustomization: Kustomization;
}

/** The kustomization file of a directory, with its text, or undefined when it has none. */
export function kustomizationIn(dir: string, read: ReadFile): { file: string; text: string } | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const file = join(dir, name);
    const text = read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

/**
 * The kustomizations an overlay builds on, the overlay first, then its resources' and components'
 * (depth first, in the order written): the outer ones apply their patches last, so a value in the
 * rendered output is first looked for in the overlay. Remote resources are not followed.
 */
export function kustomizeTree(overlayDir: string, read: ReadFile): TreeNode[] {
  const nodes: TreeNode[] = [];
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const found = kustomizationIn(dir, read);
    if (!found) return;
    const kustomization = parseKustomization(found.text);
    nodes.push({ dir, file: found.file, kustomization });
    for (const r of [...kustomization.resources, ...kustomization.components]) if (!isRemote(r.value)) visit(join(dir, r.value));
  };
  visit(overlayDir);
  return nodes;
}
