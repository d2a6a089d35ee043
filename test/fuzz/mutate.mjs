// Seeded mutations of YAML documents, as a hostile or clumsy user would write them: characters that
// matter to YAML inserted or deleted, lines moved, re-indented, duplicated; values of the wrong type,
// out of range or absurdly long; anchors and aliases; deep nesting; invalid Unicode. Deterministic:
// the same seed gives the same documents.
import { parseDocument, stringify } from 'yaml';

/** mulberry32: a small seeded PRNG (the same sequence on every machine). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const YAML_CHARS = [':', '-', ' ', '  ', '\t', '\n', '[', ']', '{', '}', ',', '&a', '*a', '!', '!!str ', '|', '>', "'", '"', '#', '%', '?', '---\n', '...\n', '<<: ', '\\', '\u00a0', '\ud800', '\ufeff', '\u0000', '\r'];
const VALUES = [
  0, -1, 1, 2147483648, -2147483649, 1e309, 1.5, 'NaN', '.nan', '.inf', -0, true, false, null, '', 'yes', 'no', 'on', '010', '0x1F', '1_000', '1e3',
  '~', '2001-12-14t21:59:43.10-05:00', 'a'.repeat(300), 'x'.repeat(70_000), 'UPPER_case', '-leading', 'trailing-', 'a/b', 'a..b', 'é', '💥', '${VAR}', '{{ .Values.x }}',
  '100m', '-1Gi', '1.5.5', '0.000000001', '1e100', '99999999999999999999Ei', 'TCP', 'tcp', 'HTTP', 'IfNotPresent', 'Always', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName',
  '0.0.0.0', '10.96.0.1', '::1', 'None', '256.1.1.1', '10.0.0.0/8', 65536, 30000, 32767, 80, 'http', 'kube-system', 'default',
  [], {}, [1, 2], { a: 1 }, [{ name: 'x' }], { '': 1 }, { matchLabels: { app: 'x' } }, [{ key: 'k', operator: 'Exists' }],
];
const KEYS = ['name', 'namespace', 'labels', 'annotations', 'spec', 'replicas', 'selector', 'template', 'containers', 'image', 'ports', 'port', 'targetPort', 'nodePort', 'protocol', 'resources', 'requests', 'limits', 'cpu', 'memory', 'type', 'clusterIP', 'clusterIPs', 'externalTrafficPolicy', 'nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'initContainers', 'volumes', 'volumeMounts', 'env', 'restartPolicy', 'schedule', 'parallelism', 'completions', 'hostNetwork', 'priorityClassName', 'serviceAccountName', 'apiVersion', 'kind', 'metadata', 'data', 'status', 'overhead', 'runtimeClassName', 'hard', 'maxSurge', 'podManagementPolicy', 'x-kubernetes-preserve-unknown-fields', 'openAPIV3Schema', 'versions', 'served'];

/** Mutations on the text. */
const TEXT_MUTATIONS = [
  function insertChar(t, r) {
    const at = r.int(t.length + 1);
    return t.slice(0, at) + r.pick(YAML_CHARS) + t.slice(at);
  },
  function deleteRange(t, r) {
    const at = r.int(t.length + 1);
    return t.slice(0, at) + t.slice(at + 1 + r.int(8));
  },
  function duplicateLine(t, r) {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  function deleteLine(t, r) {
    const lines = t.split('\n');
    lines.splice(r.int(lines.length), 1);
    return lines.join('\n');
  },
  function moveLine(t, r) {
    const lines = t.split('\n');
    const [line] = lines.splice(r.int(lines.length), 1);
    lines.splice(r.int(lines.length + 1), 0, line);
    return lines.join('\n');
  },
  function reindent(t, r) {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    lines[i] = ' '.repeat(r.int(12)) + lines[i].trimStart();
    return lines.join('\n');
  },
  function truncate(t, r) {
    return t.slice(0, r.int(t.length + 1));
  },
  function glueColon(t) {
    return t.replace(/: /, ':');
  },
  function deepNesting(t, r) {
    const n = r.pick([150, 250, 2_200, 6_000]);
    const block = r.chance(0.5);
    let nest = '';
    if (block) for (let i = 0; i < n; i++) nest += `${' '.repeat(i)}${i % 2 ? 'k:' : '-'}\n`;
    else nest = `${'['.repeat(n)}${']'.repeat(n)}\n`;
    return `${t}\nnested:\n${nest}after: 1\n`;
  },
  function aliasBomb(t) {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 7; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    return `${t}\n${levels.join('\n')}\n`;
  },
  function unknownAlias(t, r) {
    const at = t.indexOf(': ', r.int(t.length));
    return at === -1 ? t : `${t.slice(0, at + 2)}*nowhere ${t.slice(at + 2)}`;
  },
  function repeatDocument(t) {
    return `${t}\n---\n${t}`;
  },
];

/** Mutations on the parsed value (then written back as YAML). */
const VALUE_MUTATIONS = [
  function setValue(v, r) {
    const node = randomContainer(v, r);
    if (!node) return;
    const keys = Object.keys(node);
    const key = keys.length && r.chance(0.7) ? r.pick(keys) : r.pick(KEYS);
    node[key] = structuredClone(r.pick(VALUES));
  },
  function deleteKey(v, r) {
    const node = randomContainer(v, r);
    const keys = node ? Object.keys(node) : [];
    if (keys.length) delete node[r.pick(keys)];
  },
  function wrapInList(v, r) {
    const node = randomContainer(v, r);
    const keys = node ? Object.keys(node) : [];
    if (keys.length) {
      const k = r.pick(keys);
      node[k] = [node[k]];
    }
  },
  function copySubtree(v, r) {
    const from = randomContainer(v, r);
    const to = randomContainer(v, r);
    if (from && to && !Array.isArray(to)) to[r.pick(KEYS)] = structuredClone(from);
  },
  function manyItems(v, r) {
    const node = randomContainer(v, r);
    if (node && !Array.isArray(node)) node[r.pick(KEYS)] = Array.from({ length: r.pick([100, 1_000]) }, (_, i) => (r.chance(0.5) ? { name: `n${i % 7}`, port: i } : `v${i}`));
  },
];

function randomContainer(v, r) {
  let node = v;
  let best = v && typeof v === 'object' ? v : undefined;
  for (let depth = 0; depth < 8 && node && typeof node === 'object'; depth++) {
    best = node;
    if (r.chance(0.3)) break;
    const children = Object.values(node).filter((c) => c && typeof c === 'object');
    if (!children.length) break;
    node = r.pick(children);
  }
  return best;
}

/** One mutated document from a seed document: one to three mutations, of the text or of the value. */
export function mutate(text, r) {
  let out = text;
  const rounds = 1 + r.int(3);
  for (let i = 0; i < rounds; i++) {
    if (r.chance(0.55)) {
      out = r.pick(TEXT_MUTATIONS)(out, r);
    } else {
      let value;
      try {
        const doc = parseDocument(out, { logLevel: 'silent', uniqueKeys: false });
        value = doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
      } catch {
        value = undefined; // an alias bomb, a nesting too deep for the yaml library
      }
      if (!value || typeof value !== 'object') {
        out = r.pick(TEXT_MUTATIONS)(out, r);
        continue;
      }
      r.pick(VALUE_MUTATIONS)(value, r);
      try {
        out = stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
      } catch {
        // a value nested too deep for the yaml library's writer: the fuzzer's problem, not kubeplan's
        out = r.pick(TEXT_MUTATIONS)(out, r);
      }
    }
  }
  return out;
}
