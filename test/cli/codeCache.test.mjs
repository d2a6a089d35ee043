// dist/cli.js and dist/server.js start their bundles from the V8 code caches `npm run build` makes
// (server/src/codeCache.ts): the caches must be usable by this node, and a cache must never run code
// other than the text beside it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { repoRoot } from '../helpers/paths.mjs';

const dist = join(repoRoot, 'dist');

test('the build makes a code cache of each bundle that this node accepts, made from the text beside it', () => {
  for (const file of ['cli.bundle.js', 'server.bundle.js', 'validators.js']) {
    const source = readFileSync(join(dist, file), 'utf8');
    const cache = readFileSync(join(dist, `${file}.cache`));
    assert.equal(cache.subarray(0, 32).toString('hex'), createHash('sha256').update(source).digest('hex'), `${file}.cache: made from another text`);
    const script = new Script(source, { filename: join(dist, file), cachedData: cache.subarray(32) });
    assert.equal(script.cachedDataRejected, false, `${file}.cache: rejected by V8`);
  }
});

test('a cache made from another text of the same length is not used: the text beside it runs', () => {
  const copy = mkdtempSync(join(tmpdir(), 'kubeplan-cache-'));
  try {
    cpSync(dist, copy, { recursive: true });
    const bundle = join(copy, 'cli.bundle.js');
    const source = readFileSync(bundle, 'utf8');
    assert.equal(source.split('var version="0.1.0"').length, 2);
    // V8 checks a cache against the text's length only: the same length with another version string.
    writeFileSync(bundle, source.replace('var version="0.1.0"', 'var version="9.1.0"'));
    assert.equal(execFileSync(process.execPath, [join(copy, 'cli.js'), '--version'], { encoding: 'utf8' }), '9.1.0\n');
    // And with no cache at all.
    rmSync(`${bundle}.cache`);
    assert.equal(execFileSync(process.execPath, [join(copy, 'cli.js'), '--version'], { encoding: 'utf8' }), '9.1.0\n');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test('a cache V8 rejects (other V8 flags) leaves the CLI working as without one', () => {
  const flag = '--no-lazy-feedback-allocation';
  // The flag does change what V8 accepts: the check below runs the rejected path.
  const probe = `const {Script}=require('vm');const fs=require('fs');const f=${JSON.stringify(join(dist, 'cli.bundle.js'))};` +
    `process.stdout.write(String(new Script(fs.readFileSync(f,'utf8'),{filename:f,cachedData:fs.readFileSync(f+'.cache').subarray(32)}).cachedDataRejected))`;
  assert.equal(execFileSync(process.execPath, [flag, '-e', probe], { encoding: 'utf8' }), 'true');
  const check = (flags) => spawnSync(process.execPath, [...flags, join(dist, 'cli.js'), 'check', 'examples/shop/service.yaml', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' });
  const rejected = check([flag]);
  const used = check([]);
  assert.equal(rejected.status, 1);
  assert.equal(rejected.stdout, used.stdout);
  const report = JSON.parse(rejected.stdout);
  assert.deepEqual(report.summary, { error: 1, warning: 0, information: 0, hint: 0 });
  assert.deepEqual(report.diagnostics.map((d) => [d.code, d.range.start.line]), [['KP111', 12]]);
});
