// kube-proxy iptables mode against ../shared/vectors/iptables/*/: both renderings, byte for byte.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { proxy } from '../../dist/core.js';
import { sharedDir } from '../helpers/paths.mjs';

const vectors = join(sharedDir, 'vectors', 'iptables');
const skip = existsSync(vectors) ? false : `needs ${vectors}, absent here`;

test('every ../shared/vectors/iptables case: restore and save byte for byte', { skip }, () => {
  const cases = readdirSync(vectors).sort();
  assert.deepEqual(cases, ['overall', 'two-services']);
  for (const name of cases) {
    const dir = join(vectors, name);
    const objects = parseAllDocuments(readFileSync(join(dir, 'input.yaml'), 'utf8')).map((d) => d.toJS()).filter(Boolean);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    const model = proxy.proxyModel(objects, config);
    assert.equal(proxy.iptablesRestore(model, config), readFileSync(join(dir, 'expected.restore'), 'utf8'), `${name}: restore`);
    assert.equal(proxy.iptablesSave(model, config), readFileSync(join(dir, 'expected.save'), 'utf8'), `${name}: save`);
  }
});
