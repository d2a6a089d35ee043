// The layers of docs/architecture.md, enforced on the sources: each module imports only from layers
// below its own (or from its own folder), the front ends reach the core through its index only, the
// core imports nothing of LSP or VS Code, and there is no import circle.
import test from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../helpers/paths.mjs';
import { circles, importGraph } from './imports.mjs';

const graph = importGraph(repoRoot, ['server/src', 'client/src']);

/** Core units from the bottom up: a unit may import units of a lower rank (and itself). */
const CORE_RANKS = {
  text: 0, versions: 0, serverFlags: 0, boundedCache: 0,
  finding: 1, documentStore: 1,
  rules: 2,
  yaml: 3,
  model: 4, render: 4,
  resources: 5, apf: 5,
  schema: 6, scheduler: 6, proxy: 6,
  crd: 7, cel: 7, ecosystem: 7,
  checks: 8,
  analyzer: 9,
  cluster: 10,
  rbac: 11,
  workspace: 12,
  editor: 13,
  index: 14,
};

/** `core/<unit>` for a core file (a folder or a top-level module), else the front end it belongs to. */
function unitOf(file) {
  const core = /^server\/src\/core\/([^/.]+)/.exec(file);
  if (core) return `core/${core[1]}`;
  if (file === 'server/src/lsp/protocol.ts') return 'protocol';
  if (file.startsWith('server/src/lsp/')) return 'lsp';
  if (file.startsWith('server/src/cli')) return 'cli';
  if (file.startsWith('server/src/kustomize/')) return 'kustomize';
  if (file.startsWith('server/src/helm/')) return 'helm';
  if (file.startsWith('client/')) return 'client';
  return file.replace(/^server\/src\//, '');
}

/** What each front end may import, besides packages. */
const FRONT_ENDS = {
  lsp: ['core/index', 'protocol', 'lsp', 'kustomize', 'helm'],
  protocol: ['core/index'],
  cli: ['core/index', 'cli', 'runtimeFiles.ts', 'kustomize'],
  // Running kustomize (a child process, temporary files): shared by both front ends, outside the core.
  kustomize: ['core/index', 'kustomize'],
  // Running helm template (the language server): the child process and the render cache are kustomize's.
  helm: ['core/index', 'kustomize', 'helm'],
  'server.ts': ['core/index', 'lsp', 'protocol', 'runtimeFiles.ts'],
  'cli.ts': ['core/index', 'cli'],
  'runtimeFiles.ts': ['core/index', 'codeCache.ts'],
  // The launchers of dist/server.js and dist/cli.js: their bundles from V8's code cache.
  'launch.ts': ['codeCache.ts'],
  'codeCache.ts': [],
  // The extension bundles what it imports: the protocol (types, method names) and two constants.
  client: ['client', 'protocol', 'core/serverFlags', 'core/versions'],
};

test('no import circle in the server or the client (type-only imports included)', () => {
  assert.deepEqual(circles(graph), []);
});

test('each core unit imports only lower layers; front ends reach the core through its index', () => {
  const wrong = [];
  for (const [file, targets] of graph) {
    const from = unitOf(file);
    for (const target of targets) {
      if (!target.startsWith('server/') && !target.startsWith('client/')) continue;
      const to = unitOf(target);
      if (from === to) continue;
      if (from.startsWith('core/')) {
        const a = CORE_RANKS[from.slice(5)];
        const b = CORE_RANKS[to.slice(5)];
        if (a === undefined || b === undefined || !to.startsWith('core/') || b >= a) wrong.push(`${file} → ${target}`);
      } else if (!(FRONT_ENDS[from] ?? []).includes(to)) wrong.push(`${file} → ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the core imports nothing of LSP or VS Code', () => {
  const wrong = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith('server/src/core/')) continue;
    for (const t of targets) if (/^vscode/.test(t)) wrong.push(`${file} → ${t}`);
  }
  assert.deepEqual(wrong, []);
});

test('the rules have teeth: a circle and an upward import are found', () => {
  const g = new Map([
    ['server/src/core/yaml/a.ts', ['server/src/core/cluster/b.ts']],
    ['server/src/core/cluster/b.ts', ['server/src/core/yaml/a.ts']],
  ]);
  assert.deepEqual(circles(g), [['server/src/core/cluster/b.ts', 'server/src/core/yaml/a.ts']]);
  assert.ok(CORE_RANKS.yaml < CORE_RANKS.cluster);
});
