#!/usr/bin/env node
// RBAC figures (prints, asserts nothing): a workspace of 500 roles and 2,000 bindings in one process,
// as a running server holds it — the policy made with the model, then can-i (the subject index:
// target < 50 ms) and who-can (every binding) asked of it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(join(root, 'dist', 'core.js'));
const ms = (x) => `${x.toFixed(2)} ms`;

const NAMESPACES = 50;
const RESOURCES = ['pods', 'services', 'configmaps', 'secrets', 'deployments', 'jobs', 'ingresses', 'leases'];
const GROUPS = { pods: '', services: '', configmaps: '', secrets: '', deployments: 'apps', jobs: 'batch', ingresses: 'networking.k8s.io', leases: 'coordination.k8s.io' };

/** 250 ClusterRoles, 250 Roles (5 per namespace), 2,000 bindings of service accounts, users and groups; one file per 100 documents. */
function files() {
  const docs = [];
  const rules = (i) => `rules:
- apiGroups: ["${GROUPS[RESOURCES[i % 8]]}"]
  resources: ["${RESOURCES[i % 8]}"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["${GROUPS[RESOURCES[(i + 3) % 8]]}"]
  resources: ["${RESOURCES[(i + 3) % 8]}"]
  verbs: ["create", "update"]`;
  for (let i = 0; i < 250; i++) docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cr-${i}}\n${rules(i)}`);
  for (let i = 0; i < 250; i++) docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: role-${i % 5}, namespace: ns-${Math.floor(i / 5)}}\n${rules(i + 1)}`);
  for (let i = 0; i < 2000; i++) {
    const ns = `ns-${i % NAMESPACES}`;
    const subject = i % 3 === 0 ? `{kind: ServiceAccount, name: sa-${i % 200}}` : i % 3 === 1 ? `{kind: User, name: user-${i % 300}}` : `{kind: Group, name: group-${i % 40}}`;
    const cluster = i % 10 === 0;
    const roleRef = cluster || i % 2 ? `{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr-${i % 250}}` : `{apiGroup: rbac.authorization.k8s.io, kind: Role, name: role-${i % 5}}`;
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}\nmetadata: {name: b-${i}${cluster ? '' : `, namespace: ${ns}`}}\nroleRef: ${roleRef}\nsubjects: [${subject.replace('}', cluster && subject.includes('ServiceAccount') ? `, namespace: ${ns}}` : '}')}]`);
  }
  const out = [];
  for (let i = 0; i < docs.length; i += 100) out.push([`rbac/part-${i / 100}.yaml`, docs.slice(i, i + 100).join('\n---\n') + '\n']);
  return out;
}

export function rbacBench(runs = 50) {
  const workspace = new core.Workspace(new core.Analyzer(join(root, 'schemas')));
  const all = [...files()];
  for (const [file, text] of all) workspace.setFile(file, text);
  let t = performance.now();
  workspace.refreshModel();
  const model = performance.now() - t;
  // Again after an edit of one file: its documents analysed again, the others' reused.
  const [file, text] = all[all.length - 1];
  workspace.setFile(file, `${text}# edited\n`);
  t = performance.now();
  workspace.refreshModel();
  const remodel = performance.now() - t;
  const builtin = workspace.builtinResources();
  const where = ({ manifest, path }) => `${manifest.file}:${manifest.locate(path).start.line + 1}`;
  const query = (i) => ({ verb: i % 2 ? 'delete' : 'get', resource: RESOURCES[i % 8], namespace: `ns-${i % NAMESPACES}`, user: i % 2 ? `system:serviceaccount:ns-${i % NAMESPACES}:sa-${i % 200}` : `user-${i % 300}`, groups: [`group-${i % 40}`] });
  t = performance.now();
  const first = core.rbac.answerCanI(workspace.rbacPolicy(), builtin, query(0), where);
  const firstMs = performance.now() - t;
  const canI = [];
  const whoCan = [];
  let yes = 0;
  for (let i = 1; i <= runs; i++) {
    t = performance.now();
    if (core.rbac.answerCanI(workspace.rbacPolicy(), builtin, query(i), where).allowed) yes++;
    canI.push(performance.now() - t);
    t = performance.now();
    core.rbac.answerWhoCan(workspace.rbacPolicy(), builtin, { verb: 'get', resource: RESOURCES[i % 8], namespace: `ns-${i % NAMESPACES}` }, where);
    whoCan.push(performance.now() - t);
  }
  console.log('RBAC (500 roles, 2,000 bindings, in process as a running server holds them)');
  console.log(`  first model (every document analysed, the policy, KP220–KP222): ${ms(model)}; again after an edit of one file: ${ms(remodel)}`);
  console.log(`  first can-i (builds the subject index):  ${ms(firstMs)} (${first.text.split('\n')[0]})`);
  console.log(`  can-i, median of ${runs}:                   ${ms(median(canI))}, max ${ms(Math.max(...canI))}   (target < 50 ms; ${yes} yes)`);
  console.log(`  who-can, median of ${runs}:                 ${ms(median(whoCan))}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) rbacBench();
