// CEL (x-kubernetes-validations) figures: what compiling a CRD version's rules costs (once per
// schema and Kubernetes version), and what evaluating them adds to checking custom resources,
// against the same resources checked with the rules removed (measured in the same run).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(join(root, 'dist', 'core.js'));
const ms = (x) => `${x.toFixed(2)} ms`;

/** A route-like CRD with the kinds of rules real CRDs carry (presence, quantifiers, regexes, sizes). */
function routeSchema() {
  const match = {
    type: 'object',
    'x-kubernetes-validations': [
      { rule: "!has(self.path) || self.path.startsWith('/')", message: 'path must be absolute' },
      { rule: "!has(self.type) || self.type in ['Exact', 'PathPrefix', 'RegularExpression']" },
      { rule: "!has(self.headers) || self.headers.all(h, h.name.matches('^[A-Za-z0-9!#$%&*+.^_`|~-]+$'))" },
    ],
    properties: {
      path: { type: 'string', maxLength: 1024 },
      type: { type: 'string' },
      headers: { type: 'array', maxItems: 16, items: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 256 }, value: { type: 'string', maxLength: 4096 } } } },
    },
  };
  const backend = {
    type: 'object',
    'x-kubernetes-validations': [{ rule: "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true", message: 'a Service backend needs a port' }],
    properties: { group: { type: 'string', default: '' }, kind: { type: 'string', default: 'Service' }, name: { type: 'string' }, port: { type: 'integer', minimum: 1, maximum: 65535 }, weight: { type: 'integer', default: 1 } },
  };
  const rule = {
    type: 'object',
    'x-kubernetes-validations': [
      { rule: '!has(self.matches) || self.matches.exists_one(m, !has(m.path)) || self.matches.all(m, has(m.path))' },
      { rule: '!has(self.backendRefs) || self.backendRefs.map(b, b.weight).all(w, w >= 0)', messageExpression: "'weights must not be negative: ' + string(size(self.backendRefs)) + ' backends'" },
    ],
    properties: { matches: { type: 'array', maxItems: 8, items: match }, backendRefs: { type: 'array', maxItems: 16, items: backend } },
  };
  return {
    type: 'object',
    'x-kubernetes-validations': [{ rule: 'self.metadata.name.size() <= 63' }],
    properties: {
      spec: {
        type: 'object',
        'x-kubernetes-validations': [{ rule: 'size(self.hostnames) <= 16 && self.hostnames.all(h, h.matches(\'^(\\\\*\\\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$\'))' }],
        properties: { hostnames: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 253 } }, rules: { type: 'array', maxItems: 16, items: rule } },
      },
    },
  };
}

const withoutRules = (s) => JSON.parse(JSON.stringify(s, (k, v) => (k === 'x-kubernetes-validations' ? undefined : v)));
const toYaml = (o) => JSON.stringify(o); // JSON is YAML

function workspaceText(schema, count) {
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'routes.bench.example' }, spec: { group: 'bench.example', names: { kind: 'Route', plural: 'routes' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] } };
  const docs = [toYaml(crd)];
  for (let i = 0; i < count; i++) {
    docs.push(toYaml({
      apiVersion: 'bench.example/v1', kind: 'Route', metadata: { name: `route-${i}`, namespace: 'default' },
      spec: {
        hostnames: [`app-${i}.example.com`, `*.app-${i}.example.com`],
        rules: Array.from({ length: 4 }, (_, r) => ({
          matches: [{ path: `/r${r}`, type: 'PathPrefix', headers: [{ name: 'x-tenant', value: String(i) }] }, { path: `/r${r}/exact`, type: 'Exact' }],
          backendRefs: [{ name: `svc-${r}`, port: 8080 }, { name: `svc-${r}-canary`, port: 8080, weight: 0 }],
        })),
      },
    }));
  }
  return docs.join('\n---\n');
}

function checkOnce(text) {
  const workspace = new core.Workspace(new core.Analyzer(join(root, 'schemas')));
  const t = performance.now();
  const findings = workspace.documentFindings('routes.yaml', text).length;
  return { ms: performance.now() - t, findings };
}

/** Medians of the texts' check times, run in turns (the machine's state drifts over a run). */
function checkTimes(texts, runs) {
  const times = texts.map(() => []);
  const findings = [];
  for (let i = 0; i <= runs; i++) {
    texts.forEach((text, j) => {
      const r = checkOnce(text);
      if (i > 0) times[j].push(r.ms); // the first turn warms up
      findings[j] = r.findings;
    });
  }
  return texts.map((_, j) => ({ ms: median(times[j]), findings: findings[j] }));
}

export function celBench(count = 1000, runs = 5) {
  const schema = routeSchema();
  let rules = 0;
  const compile = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const compiled = new core.CompiledSchema(schema, '1.35');
    rules = 0;
    const walk = (s) => {
      if (!s || typeof s !== 'object') return;
      rules += compiled.rulesAt(s)?.rules.length ?? 0;
      for (const p of Object.values(s.properties ?? {})) walk(p);
      walk(s.items);
    };
    walk(schema);
    compile.push(performance.now() - t);
  }
  const [withCel, without] = checkTimes([workspaceText(schema, count), workspaceText(withoutRules(schema), count)], runs);
  const sample = JSON.parse(workspaceText(schema, 1).split('\n---\n')[1]);
  const cost = core.celRuntimeCost(schema, sample, '1.35');
  console.log(`CEL (x-kubernetes-validations; a route CRD with ${rules} rules, ${count} resources, median of ${runs} runs)`);
  console.log(`  compile the CRD version's rules (once per schema and version): ${ms(median(compile))}`);
  console.log(`  check the resources, rules removed:   ${ms(without.ms)}`);
  console.log(`  check the resources, with the rules:  ${ms(withCel.ms)}   (${(withCel.ms / without.ms).toFixed(2)}x; ${withCel.findings} findings, ${without.findings} without)`);
  console.log(`  runtime cost of one resource's rules:  ${cost} (limits: 1,000,000 per rule, 10,000,000 per object)`);
}
