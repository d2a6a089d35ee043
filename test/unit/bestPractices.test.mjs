// The best-practice checks (KP145, KP170–KP189, KP197, KP220, docs/rules.md#best-practice-checks): a positive and a
// negative case per check, with the exact findings; the group setting; the ignore annotations of
// kube-linter, kube-score and Polaris; the quick fixes, applied and checked again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, BEST_PRACTICE_CODES, DEFAULT_SETTINGS, Workspace } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { renderFindings } from '../helpers/render.mjs';

/** A Deployment that passes every best-practice check: each case changes one thing. */
const HARDENED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
      - name: web
        image: nginx:1.27
        resources:
          requests: {cpu: 100m, memory: 64Mi}
        readinessProbe:
          httpGet: {path: /, port: 80}
        livenessProbe:
          httpGet: {path: /, port: 80}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop: [ALL]
`;

const change = (from, to, text = HARDENED) => {
  assert.ok(text.includes(from), `the base has ${JSON.stringify(from)}`);
  return text.replace(from, to);
};

/** Every finding of the files (name → text) with their best-practice codes, as the fixtures render them; `all` keeps every code. */
function check(files, settings = {}, all = false) {
  const workspace = new Workspace(new Analyzer(schemasDir));
  workspace.setSettings({ ...DEFAULT_SETTINGS, ...settings });
  const named = typeof files === 'string' ? { 'a.yaml': files } : files;
  for (const [name, text] of Object.entries(named)) workspace.setFile(name, text);
  const found = [];
  for (const [name, text] of Object.entries(named)) {
    const findings = [...workspace.documentFindings(name, text), ...workspace.assumptionFindings(name, text)].filter((f) => all || BEST_PRACTICE_CODES.has(f.code));
    found.push(...findings);
  }
  return found;
}
const rendered = (files, settings) => renderFindings(check(files, settings)).split('\n').filter(Boolean);
const codes = (files, settings) => check(files, settings).map((f) => f.code);
const sortedCodes = (files, settings) => codes(files, settings).sort();

/** The text with a fix's edits applied (LSP ranges, 0-based). */
function applyFix(text, fix) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits = fix.edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('best practices: the hardened Deployment', () => {
  it('has no best-practice finding (the negative case of every pod check)', () => {
    assert.deepEqual(rendered(HARDENED), []);
  });
});

describe('KP170 image tags', () => {
  it('an untagged image and a latest tag', () => {
    assert.deepEqual(rendered(change('image: nginx:1.27', 'image: registry.example:5000/nginx')), [
      '17:16-17:43 warning KP170 container web: image "registry.example:5000/nginx" has no tag, so the runtime pulls registry.example:5000/nginx:latest: which build runs depends on when each node pulled it, so replicas can differ and a rollback restores nothing; pin a version tag or a digest',
    ]);
    assert.deepEqual(codes(change('image: nginx:1.27', 'image: nginx:latest')), ['KP170']);
  });
  it('not a version tag, a digest, or a placeholder a pipeline substitutes', () => {
    for (const image of ['nginx:1.27', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '${IMAGE}', '<YOUR-IMAGE>']) {
      assert.deepEqual(codes(change('image: nginx:1.27', `image: "${image}"`)), [], image);
    }
  });
});

describe('KP170 and the build tools of the workspace', () => {
  const placeholder = change('image: nginx:1.27', 'image: controller:latest');
  it('an image a Kustomization (images) or skaffold (build.artifacts, profiles too) tags at deploy time is a placeholder', () => {
    assert.deepEqual(codes(placeholder), ['KP170']);
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\nimages:\n- {name: controller, newName: registry.example/controller, newTag: v1.2.0}\n';
    assert.deepEqual(codes({ 'a.yaml': placeholder, 'kustomization.yaml': kustomization }), []);
    const skaffold = 'apiVersion: skaffold/v4beta11\nkind: Config\nprofiles:\n- name: dev\n  build:\n    artifacts:\n    - {image: controller, context: .}\n';
    assert.deepEqual(codes({ 'a.yaml': placeholder, 'skaffold.yaml': skaffold }), []);
  });
  it('another image, or one the Kustomization only names (no newTag, no digest), stays reported', () => {
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- {name: other, newTag: v1}\n- {name: controller}\n';
    assert.deepEqual(codes({ 'a.yaml': placeholder, 'kustomization.yaml': kustomization }), ['KP170']);
  });
});

describe('KP171, KP172 probes', () => {
  const noProbes = change('        readinessProbe:\n          httpGet: {path: /, port: 80}\n        livenessProbe:\n          httpGet: {path: /, port: 80}\n', '');
  it('a container of a Deployment without probes', () => {
    assert.deepEqual(rendered(noProbes), [
      '16:15-16:18 information KP171 container web has no readinessProbe: it counts as ready as soon as it starts, so its Services send it traffic, and a rollout moves on, before it can serve',
      '16:15-16:18 information KP172 container web has no livenessProbe: if its process hangs without exiting, the kubelet never restarts it',
    ]);
  });
  it('not for pods that run to completion, nor for init containers', () => {
    const job = change('spec:\n      securityContext:', 'spec:\n      restartPolicy: OnFailure\n      securityContext:', noProbes).replace('apps/v1\nkind: Deployment', 'batch/v1\nkind: Job').replace('  replicas: 1\n  selector:\n    matchLabels: {app: web}\n', '');
    assert.deepEqual(codes(job), []);
    const init = change('      containers:\n', `      initContainers:
      - name: setup
        image: busybox:1.36
        resources: {requests: {cpu: 10m, memory: 8Mi}}
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
      containers:
`);
    assert.deepEqual(codes(init), []);
  });
});

describe('KP173 privileged', () => {
  it('privileged: true, and no KP174 or KP184 beside it', () => {
    assert.deepEqual(rendered(change('allowPrivilegeEscalation: false\n', 'privileged: true\n').replace('            drop: [ALL]', '            drop: []')), [
      '25:23-25:27 warning KP173 container web is privileged: it gets every capability and the node\'s devices, unconfined, so whoever runs code in it controls the node',
    ]);
  });
  it('privileged: false', () => {
    assert.deepEqual(codes(change('allowPrivilegeEscalation: false\n', 'allowPrivilegeEscalation: false\n          privileged: false\n')), []);
  });
});

describe('KP174 allowPrivilegeEscalation', () => {
  it('unset: on the securityContext, with the quick fix', () => {
    const text = change('          allowPrivilegeEscalation: false\n', '');
    assert.deepEqual(renderFindings(check(text)).split('\n').filter(Boolean), [
      '24:9-24:24 information KP174 container web does not set allowPrivilegeEscalation: false: a setuid binary in it can give a process more privileges than the container started with',
      '    fix "Set allowPrivilegeEscalation: false": 25:11-25:11 "allowPrivilegeEscalation: false\\n          "',
    ]);
  });
  it('true: on the value, fixed in place; not offered with CAP_SYS_ADMIN', () => {
    const text = change('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true');
    const [f] = check(text);
    assert.equal(f.code, 'KP174');
    assert.match(f.message, /sets allowPrivilegeEscalation: true/);
    assert.equal(applyFix(text, f.fixes[0]), HARDENED);
    const sysAdmin = change('            drop: [ALL]', '            drop: [ALL]\n            add: [SYS_ADMIN]', text);
    const kp174 = check(sysAdmin).find((x) => x.code === 'KP174');
    assert.equal(kp174.fixes, undefined);
  });
});

describe('KP175, KP176 running as root, with the pod securityContext inherited as the kubelet does', () => {
  it('runAsNonRoot: true on the pod covers the containers; a non-zero runAsUser too', () => {
    assert.deepEqual(codes(HARDENED), []);
    assert.deepEqual(codes(change('runAsNonRoot: true', 'runAsUser: 1000')), []);
  });
  it('nothing set: KP175 on the container, fixed by runAsNonRoot: true there', () => {
    const text = change('      securityContext:\n        runAsNonRoot: true\n', '');
    const found = check(text);
    assert.deepEqual(renderFindings(found).split('\n').filter(Boolean), [
      '22:9-22:24 information KP175 container web may run as root: it sets neither runAsNonRoot: true nor a runAsUser, so the image\'s USER decides (root, unless the image says otherwise)',
      '    fix "Set runAsNonRoot: true": 23:11-23:11 "runAsNonRoot: true\\n          "',
    ]);
    assert.deepEqual(codes(applyFix(text, found[0].fixes[0])), []);
  });
  it("a container's runAsNonRoot: false overrides the pod's true", () => {
    const text = change('          allowPrivilegeEscalation: false\n', '          allowPrivilegeEscalation: false\n          runAsNonRoot: false\n');
    const found = check(text);
    assert.deepEqual(renderFindings(found).split('\n').filter(Boolean), [
      '26:25-26:30 information KP175 container web may run as root: it sets runAsNonRoot: false, so the image\'s USER decides (root, unless the image says otherwise)',
      '    fix "Set runAsNonRoot: true": 26:25-26:30 "true"',
    ]);
  });
  it('runAsUser: 0 on the pod: KP176 there; with runAsNonRoot: true the kubelet refuses the container', () => {
    assert.deepEqual(rendered(change('runAsNonRoot: true', 'runAsUser: 0')), [
      "14:20-14:21 warning KP176 container web runs as root (runAsUser: 0 (the pod's securityContext)): whoever runs code in it is root in the container, one kernel bug or misconfiguration away from root on the node",
    ]);
    assert.deepEqual(rendered(change('runAsNonRoot: true', 'runAsNonRoot: true\n        runAsUser: 0')), [
      "15:20-15:21 warning KP176 container web has runAsUser: 0 (the pod's securityContext) and runAsNonRoot: true (the pod's securityContext): the kubelet refuses to start it (container's runAsUser breaks non-root policy)",
    ]);
  });
  it('a Windows pod is left out', () => {
    const text = change('    spec:\n      securityContext:\n        runAsNonRoot: true\n', '    spec:\n      os: {name: windows}\n');
    assert.deepEqual(codes(text), []);
  });
});

describe('KP177, KP178, KP179 host namespaces', () => {
  it('each on its field', () => {
    const text = change('      securityContext:\n        runAsNonRoot: true\n', '      hostNetwork: true\n      hostPID: true\n      hostIPC: true\n      securityContext:\n        runAsNonRoot: true\n');
    assert.deepEqual(rendered(text), [
      "13:20-13:24 warning KP177 hostNetwork: true: its containers use the node's network: they listen on the node's addresses and ports, see its traffic, and NetworkPolicies do not isolate them",
      '14:16-14:20 warning KP178 hostPID: true: its containers see every process of the node, and can signal or trace those of their user',
      "15:16-15:20 warning KP179 hostIPC: true: its containers share the node's shared memory and semaphores with every host process",
    ]);
  });
  it('false is fine', () => {
    assert.deepEqual(codes(change('      securityContext:\n        runAsNonRoot: true\n', '      hostNetwork: false\n      securityContext:\n        runAsNonRoot: true\n')), []);
  });
});

describe('KP180, KP181 hostPath volumes', () => {
  const withVolume = (path, readOnly = false) =>
    change('      containers:\n', `      volumes:\n      - name: host\n        hostPath: {path: ${path}}\n      containers:\n`).replace('        resources:\n', `        volumeMounts: [{name: host, mountPath: /host, readOnly: ${readOnly}}]\n        resources:\n`);
  it('a data directory, a system directory, a runtime socket', () => {
    assert.deepEqual(rendered(withVolume('/data')), [
      "17:26-17:31 information KP180 volume host mounts /data from the node (hostPath): the pod reads and changes the node's files, and what it finds there is that one node's",
    ]);
    assert.deepEqual(rendered(withVolume('/etc/', true)), [
      "17:26-17:31 warning KP181 volume host mounts the node's system directory /etc/: the pod reads (every mount is readOnly) the node's own files",
    ]);
    assert.deepEqual(codes(withVolume('/var/run/docker.sock')), ['KP181']);
    assert.deepEqual(codes(withVolume('/run/containerd/containerd.sock')), ['KP181']);
  });
  it('other volumes are fine', () => {
    assert.deepEqual(codes(change('      containers:\n', '      volumes:\n      - name: tmp\n        emptyDir: {}\n      containers:\n')), []);
  });
});

describe('KP182 readOnlyRootFilesystem', () => {
  it('unset: the quick fix sets it', () => {
    const text = change('          readOnlyRootFilesystem: true\n', '');
    const found = check(text);
    assert.deepEqual(renderFindings(found).split('\n').filter(Boolean), [
      '24:9-24:24 information KP182 container web can write to its root filesystem: whoever gets into it can change its binaries and configuration; mount volumes where the application writes',
      '    fix "Set readOnlyRootFilesystem: true": 25:11-25:11 "readOnlyRootFilesystem: true\\n          "',
    ]);
    assert.deepEqual(codes(applyFix(text, found[0].fixes[0])), []);
  });
  it('false: on the value', () => {
    assert.deepEqual(codes(change('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false')), ['KP182']);
  });
});

describe('KP183, KP184 capabilities', () => {
  it('added beyond the baseline: on the capability, whatever its spelling', () => {
    assert.deepEqual(rendered(change('            drop: [ALL]', '            drop: [ALL]\n            add: [NET_BIND_SERVICE, cap_sys_admin]')), [
      '29:37-29:50 warning KP183 container web adds capability cap_sys_admin (mounts, namespaces and most other administration: close to root on the node), which the baseline Pod Security Standard forbids',
    ]);
  });
  it('NET_RAW not dropped: on capabilities.drop', () => {
    assert.deepEqual(rendered(change('drop: [ALL]', 'drop: [CHOWN]')), [
      '28:13-28:17 information KP184 container web does not drop NET_RAW: containerd grants it by default, and with it a process can craft raw packets and spoof traffic in the pod network; drop ALL (or NET_RAW) in capabilities.drop',
    ]);
    assert.deepEqual(codes(change('drop: [ALL]', 'drop: [NET_RAW]')), []);
  });
});

describe('KP185 duplicate env vars', () => {
  it("in the API server's words, on the later name", () => {
    const text = change('        resources:\n', '        env:\n        - {name: MODE, value: a}\n        - {name: MODE, value: b}\n        resources:\n');
    assert.deepEqual(rendered(text), [
      '20:18-20:22 warning KP185 spec.template.spec.containers[0].env[1]: hides previous definition of "MODE", which may be dropped when using apply',
    ]);
  });
  it('not when the later one builds on the earlier', () => {
    const text = change('        resources:\n', '        env:\n        - {name: PATH, value: /bin}\n        - {name: PATH, value: "$(PATH):/opt/bin"}\n        resources:\n');
    assert.deepEqual(codes(text), []);
  });
});

describe('KP186–KP189 RBAC', () => {
  const role = (rules, name = 'app', kind = 'ClusterRole') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}"}
rules:
${rules}`;
  it('wildcards, Secrets, pods/exec', () => {
    const text = role(`- apiGroups: [""]
  resources: ["*"]
  verbs: ["*"]
- apiGroups: [""]
  resources: [secrets, pods/exec, pods/log]
  verbs: [get, list, create]
`);
    assert.deepEqual(rendered(text), [
      '6:15-6:18 warning KP186 rules[0].resources: "*" grants every resource of these API groups, those added later (custom resources) included',
      '7:11-7:14 warning KP186 rules[0].verbs: "*" grants every verb on these resources, those added later included',
      '9:15-9:22 information KP188 rules[1] reads Secrets (get, list): whoever holds this role reads every Secret in every namespace it is bound for, service account tokens and TLS keys included',
      "9:24-9:33 warning KP189 rules[1] allows pods/exec (get, create): whoever holds this role runs commands in the pods' containers in every namespace it is bound for, with their service account tokens and mounted Secrets",
    ]);
  });
  it('named Secrets, other verbs and groups, and Kubernetes\' own roles are fine', () => {
    assert.deepEqual(codes(role(`- apiGroups: [""]
  resources: [secrets]
  resourceNames: [app-tls]
  verbs: [get]
- apiGroups: [""]
  resources: [secrets, pods/exec]
  verbs: [delete]
- apiGroups: [example.com]
  resources: [secrets]
  verbs: [get]
`)), []);
    assert.deepEqual(codes(role('- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n', 'system:controller:foo')), []);
  });
  it('KP187 a binding to cluster-admin, not Kubernetes\' own', () => {
    const binding = (name, kind = 'ClusterRoleBinding') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}", namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
`;
    assert.deepEqual(rendered(binding('deployer').replace('namespace: team}', '}')), [
      '4:73-4:86 warning KP187 binds cluster-admin to ServiceAccount ci/deployer: they can do anything in the whole cluster; bind a role with only the permissions they need',
    ]);
    assert.deepEqual(check(binding('deployer', 'RoleBinding')).map((f) => f.message), [
      'binds cluster-admin to ServiceAccount ci/deployer: they can do anything in namespace team, its roles and bindings included; bind a role with only the permissions they need',
    ]);
    assert.deepEqual(codes(binding('system:masters-binding')), []);
    assert.deepEqual(codes(binding('deployer').replace('name: cluster-admin', 'name: view')), []);
  });
});

describe('KP197 PodDisruptionBudgets, across the workspace', () => {
  const replicated = change('replicas: 1', 'replicas: 3');
  const pdb = (namespace = 'default', selector = '{matchLabels: {app: web}}') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: ${namespace}}
spec:
  maxUnavailable: 1
  selector: ${selector}
`;
  it('three replicas and no budget', () => {
    assert.deepEqual(rendered(replicated), [
      '6:13-6:14 information KP197 Deployment web runs 3 replicas and no PodDisruptionBudget in namespace default selects its pods: a node drain or upgrade evicts them without waiting for the others to be ready, so all can be down at once',
    ]);
  });
  it('a budget in another file selects them; one in another namespace, or selecting other pods, does not', () => {
    assert.deepEqual(codes({ 'deploy.yaml': replicated, 'pdb.yaml': pdb() }), []);
    assert.deepEqual(codes({ 'deploy.yaml': replicated, 'pdb.yaml': pdb('default', '{}') }), []);
    assert.deepEqual(codes({ 'deploy.yaml': replicated, 'pdb.yaml': pdb('other') }), ['KP197']);
    assert.deepEqual(codes({ 'deploy.yaml': replicated, 'pdb.yaml': pdb('default', '{matchLabels: {app: web, tier: db}}') }), ['KP197']);
  });
  it('one replica needs none', () => {
    assert.deepEqual(codes(HARDENED), []);
  });
  it('a Deployment written in two files (an app\'s variants) is one finding, the other place related', () => {
    assert.deepEqual(rendered({ 'app.yaml': replicated, 'ha/app.yaml': replicated.replace('replicas: 3', 'replicas: 5') }), [
      '6:13-6:14 information KP197 Deployment web runs 3 replicas and no PodDisruptionBudget in namespace default selects its pods: a node drain or upgrade evicts them without waiting for the others to be ready, so all can be down at once',
      '    related ha/app.yaml:6:13-6:14 Deployment web is written here too',
    ]);
  });
});

describe('KP145 quick fix', () => {
  it('adds placeholder requests: the finding goes', () => {
    const text = change('        resources:\n          requests: {cpu: 100m, memory: 64Mi}\n', '');
    const found = check(text);
    assert.deepEqual(renderFindings(found).split('\n').filter(Boolean).slice(1), [
      '    fix "Add placeholder requests (cpu 100m, memory 200Mi)": 16:9-16:9 "resources:\\n          requests:\\n            cpu: 100m\\n            memory: 200Mi\\n        "',
    ]);
    const fixed = applyFix(text, found[0].fixes[0]);
    assert.match(fixed, /      - resources:\n          requests:\n            cpu: 100m\n            memory: 200Mi\n        name: web\n/);
    assert.deepEqual(codes(fixed), []);
  });
  it('into flow-style resources, beside a request that is there', () => {
    const text = change('requests: {cpu: 100m, memory: 64Mi}', 'requests: {cpu: 100m}');
    const found = check(text);
    assert.deepEqual(found[0].fixes[0].edits.map((e) => e.newText), ['memory: 200Mi, ']);
    assert.deepEqual(codes(applyFix(text, found[0].fixes[0])), []);
  });
});

describe('the group setting', () => {
  const noisy = change('image: nginx:1.27', 'image: nginx').replace('      securityContext:\n        runAsNonRoot: true\n', '      hostNetwork: true\n').replace('replicas: 1', 'replicas: 2').replace('        resources:\n          requests: {cpu: 100m, memory: 64Mi}\n', '');
  it('on by default; bestPractices: false turns every code off, other findings stay', () => {
    assert.deepEqual(sortedCodes(noisy), ['KP145', 'KP170', 'KP175', 'KP177', 'KP197']);
    assert.deepEqual(codes(noisy, { bestPractices: false }), []);
    const withError = noisy.replace('replicas: 2', 'replicas: "2"');
    assert.deepEqual(check(withError, { bestPractices: false }, true).map((f) => f.code), ['KP122']);
  });
  it('kubeplan.severity turns one code off, or re-ranks it', () => {
    assert.deepEqual(sortedCodes(noisy, { severity: { KP170: 'off' } }), ['KP145', 'KP175', 'KP177', 'KP197']);
    assert.deepEqual(check(noisy, { severity: { KP175: 'warning' } }).find((f) => f.code === 'KP175').severity, 'warning');
  });
  it('every best-practice rule is a warning or information', async () => {
    const { RULES } = await import('../../dist/core.js');
    const group = Object.values(RULES).filter((r) => BEST_PRACTICE_CODES.has(r.code));
    assert.equal(group.length, 23); // KP145, KP170–KP189, KP197, KP220
    for (const r of group) assert.ok(['warning', 'information'].includes(r.severity), r.code);
  });
});

describe('ignore annotations of kube-linter, kube-score and Polaris', () => {
  const annotated = (annotations, text = change('image: nginx:1.27', 'image: nginx:latest').replace('replicas: 1', 'replicas: 2')) =>
    text.replace('metadata:\n  name: web\n', `metadata:\n  name: web\n  annotations:\n${annotations.map((a) => `    ${a}\n`).join('')}`);
  it('none: KP170 and KP197', () => {
    assert.deepEqual(codes(annotated(['team: web'])), ['KP170', 'KP197']);
  });
  it('kube-linter: ignore-check.kube-linter.io/<check> (any value), kube-linter.io/ignore-all', () => {
    assert.deepEqual(codes(annotated(['ignore-check.kube-linter.io/latest-tag: "we pin by policy"'])), ['KP197']);
    assert.deepEqual(codes(annotated(['kube-linter.io/ignore-all: "legacy"'])), ['KP197']);
  });
  it('kube-linter: KP145 needs both of its resource checks ignored', () => {
    const text = annotated(['ignore-check.kube-linter.io/unset-cpu-requirements: "x"'], change('        resources:\n          requests: {cpu: 100m, memory: 64Mi}\n', ''));
    assert.deepEqual(codes(text), ['KP145']);
    assert.deepEqual(codes(text.replace('unset-cpu-requirements: "x"', 'unset-cpu-requirements: "x"\n    ignore-check.kube-linter.io/unset-memory-requirements: "x"')), []);
  });
  it('kube-score: kube-score/ignore on the object, and on the pod template for its pod checks', () => {
    assert.deepEqual(codes(annotated(['kube-score/ignore: container-image-tag, deployment-has-poddisruptionbudget'])), []);
    const onTemplate = (checks) => change('    metadata:\n      labels: {app: web}\n', `    metadata:\n      labels: {app: web}\n      annotations:\n        kube-score/ignore: ${checks}\n`, annotated(['team: web']));
    assert.deepEqual(codes(onTemplate('container-image-tag')), ['KP197']);
    // The PDB check is kube-score's Deployment check: the template's annotation does not reach it.
    assert.deepEqual(codes(onTemplate('deployment-has-poddisruptionbudget')), ['KP170', 'KP197']);
  });
  it('Polaris: <check>-exempt and exempt, "true" only', () => {
    assert.deepEqual(codes(annotated(['polaris.fairwinds.com/tagNotSpecified-exempt: "true"'])), ['KP197']);
    assert.deepEqual(codes(annotated(['polaris.fairwinds.com/tagNotSpecified-exempt: "false"'])), ['KP170', 'KP197']);
    assert.deepEqual(codes(annotated(['polaris.fairwinds.com/exempt: "true"'])), []);
  });
  it('they silence only the codes they mean', () => {
    const withDuplicate = (text) => text.replace('        image:', '        env:\n        - {name: A, value: "1"}\n        - {name: A, value: "2"}\n        image:');
    // Polaris has no duplicate env check: its exemption of everything leaves KP185.
    assert.deepEqual(codes(withDuplicate(annotated(['polaris.fairwinds.com/exempt: "true"']))), ['KP185']);
    assert.deepEqual(codes(withDuplicate(annotated(['ignore-check.kube-linter.io/latest-tag: "x"']))), ['KP185', 'KP197']);
  });
});
