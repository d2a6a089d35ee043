// schemas/ is generated and committed: regenerating it from ../shared/k8s-openapi must give the same bytes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, schemasDir, sharedDir, sharedSkip } from '../helpers/paths.mjs';

test('schemas/ is what scripts/gen-schemas.mjs generates', { skip: sharedSkip }, () => {
  const out = mkdtempSync(join(tmpdir(), 'kubeplan-schemas-'));
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'gen-schemas.mjs'), '--source', join(sharedDir, 'k8s-openapi'), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const file of ['1.35/definitions.json', '1.35/docs.json', '1.35/kinds.json', 'api-lifecycle.json']) {
    assert.equal(readFileSync(join(out, file), 'utf8'), readFileSync(join(schemasDir, file), 'utf8'), `${file} is stale: run npm run gen:schemas`);
  }
});

test('every Kubernetes 1.35 kind has a schema, enums included', () => {
  const kinds = JSON.parse(readFileSync(join(schemasDir, '1.35', 'kinds.json'), 'utf8'));
  const defs = JSON.parse(readFileSync(join(schemasDir, '1.35', 'definitions.json'), 'utf8'));
  assert.equal(kinds.length, 90);
  assert.deepEqual(kinds.filter((k) => !defs[k.definition]), []);
  assert.deepEqual(defs['io.k8s.api.core.v1.ContainerPort'].properties.protocol, { enum: ['SCTP', 'TCP', 'UDP'], type: 'string' });
  assert.deepEqual(defs['io.k8s.api.core.v1.ServicePort'].properties.targetPort, { $ref: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString' });
  assert.deepEqual(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], { 'x-kubernetes-int-or-string': true });
});

// CEL applies to custom resources only: the 1.35 OpenAPI documents carry x-kubernetes-validations on
// no built-in kind (only as a field of JSONSchemaProps, for CRDs to use). docs/rules.md says so.
test('the 1.35 OpenAPI documents carry no CEL rule on a built-in kind', { skip: sharedSkip }, () => {
  const rules = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) {
        const schemas = JSON.parse(readFileSync(path, 'utf8')).components?.schemas ?? {};
        for (const [name, schema] of Object.entries(schemas)) {
          JSON.stringify(schema, (key, value) => {
            if (key === 'x-kubernetes-validations' && Array.isArray(value)) rules.push(name);
            return value;
          });
        }
      }
    }
  };
  walk(join(sharedDir, 'k8s-openapi', '1.35'));
  assert.deepEqual(rules, []);
});
