// The workspace-wide analysis (core/workspace/references) alone, over every manifest of a folder, in a
// fresh process as `kubeplan check` runs it once: prints its milliseconds (after the parse, which the
// check does anyway).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Analyzer, cluster, manifestsOf, referenceFindings, WorkspaceObjects } from '../dist/core.js';

const root = process.argv[2];
function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.ya?ml$/i.test(e.name)) yield p;
  }
}
const analyzer = new Analyzer(join(import.meta.dirname, '..', 'schemas'));
const inputs = [...files(root)].map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));
const manifests = manifestsOf(analyzer, inputs);
const profile = cluster.resolveProfile(manifests, undefined);
const groupOf = (apiVersion) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const served = (apiVersion) => (analyzer.lifecycle.isBuiltinGroup(groupOf(apiVersion)) ? 'builtin' : 'unknown');
const clusterScoped = new Set(['Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'RuntimeClass', 'IngressClass']);
const t = performance.now();
const found = referenceFindings(new WorkspaceObjects({ manifests, profile, defaultNamespace: 'default', isNamespaced: (kind) => !clusterScoped.has(kind), served }));
process.stdout.write(`${(performance.now() - t).toFixed(1)} ${found.length}\n`);
