import { isAbsolute, join } from 'node:path';
import type { Finding } from '../finding';
import { RULES } from '../rules';
import type { TreeNode } from './kustomizeTree';

/** kustomize's error without the wrappers of kubectl's log line and of kubeplan's own kustomization. */
export function kustomizeMessage(stderr: string, overlayDir: string): string {
  let m = stderr.trim();
  const logged = /"command failed" err=(?:"((?:[^"\\]|\\.)*)"|<\n([\s\S]*?)\n\s*>)/.exec(m);
  if (logged) m = logged[1] !== undefined ? JSON.parse(`"${logged[1]}"`) : logged[2].replace(/^\t/gm, '');
  m = m.replace(/^Error: /, '');
  const wrapper = `recursed accumulation of path '${overlayDir}': `;
  const at = m.indexOf(wrapper);
  return (at === -1 ? m : m.slice(at + wrapper.length)).trim();
}

/**
 * The finding of an overlay kustomize could not render: on the kustomization it failed in (the
 * innermost one its message names), at the entry the message names (a resource, a component, a
 * patch file), else on line 1.
 */
export function renderErrorFinding(message: string, overlayDir: string, tree: TreeNode[]): { file: string; finding: Finding } {
  const dirs = [...message.matchAll(/recursed accumulation of path '([^']+)'/g)].map((m) => m[1]);
  const inner = [...dirs].reverse().map((d) => tree.find((n) => n.dir === d)).find((n) => n) ?? tree.find((n) => n.dir === overlayDir) ?? tree[0];
  const after = dirs.length ? message.slice(message.lastIndexOf(`recursed accumulation of path '${inner?.dir}'`)) : message;
  const k = inner?.kustomization;
  const entries = k ? [...k.resources, ...k.components, ...k.patches.flatMap((p) => (p.path ? [p.path] : []))] : [];
  // The entry named first after the kustomization's own path, as written or as kustomize resolved it.
  const named = entries
    .map((e) => ({ e, at: Math.min(...[`'${e.value}'`, `(${e.value})`, `'${inner && !isAbsolute(e.value) ? join(inner.dir, e.value) : e.value}'`].map((s) => after.indexOf(s)).filter((i) => i >= 0)) }))
    .filter((x) => Number.isFinite(x.at))
    .sort((a, b) => a.at - b.at)[0];
  const line = named?.e.line ?? 0;
  return {
    file: inner?.file ?? join(overlayDir, 'kustomization.yaml'),
    finding: { code: RULES.kustomizeFailed.code, severity: RULES.kustomizeFailed.severity, message: `kustomize could not render the overlay: ${message}`, range: { start: { line, character: 0 }, end: { line, character: 1 } } },
  };
}

/**
 * Whether a finding placed on a kustomization is the consequence of one of its own: kustomize failing
 * (KP211) on a kustomization whose own check found an error (a KP120 unknown field, a KP201 missing
 * path) is that error's consequence. One finding per cause, the precise one.
 */
export const explainedBy = (placed: Finding, own: Finding[]): boolean => placed.code === RULES.kustomizeFailed.code && own.some((f) => f.severity === 'error');
