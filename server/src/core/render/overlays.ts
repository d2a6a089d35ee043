import { join } from 'node:path';
import { isRemote } from './kustomization';
import { kustomizeTree, type ReadFile, type TreeNode } from './kustomizeTree';

/**
 * The overlays among a workspace's kustomizations (absolute directories): those no other one includes
 * as a resource or a component, in path order, each with its tree (the overlay first). A base or a
 * component is rendered as part of the overlays that include it, as `kubectl apply -k` would apply it.
 */
export function overlayTrees(kustomizationDirs: Iterable<string>, read: ReadFile): TreeNode[][] {
  const trees = new Map<string, TreeNode[]>();
  const included = new Set<string>();
  for (const dir of kustomizationDirs) {
    const tree = kustomizeTree(dir, read);
    if (tree.length === 0) continue;
    trees.set(dir, tree);
    for (const n of tree.slice(1)) included.add(n.dir);
  }
  return [...trees].filter(([dir]) => !included.has(dir)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, tree]) => tree);
}

/**
 * The files an overlay is made of (absolute paths): its kustomizations and the resource and patch
 * files they name. Rendered, they are applied as the overlay's output, not one by one.
 */
export function overlayParts(tree: TreeNode[]): string[] {
  const dirs = new Set(tree.map((n) => n.dir));
  const parts = new Set<string>();
  for (const { dir, file, kustomization } of tree) {
    parts.add(file);
    for (const r of kustomization.resources) if (!isRemote(r.value) && !dirs.has(join(dir, r.value))) parts.add(join(dir, r.value));
    for (const p of kustomization.patches) if (p.path) parts.add(join(dir, p.path.value));
  }
  return [...parts];
}
