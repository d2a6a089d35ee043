// Data-driven: every test/fixtures/check/NAME.yaml is analysed as `kubeplan check` does (its documents'
// findings, then the workspace's assumptions) and compared line for line with NAME.expected. A first line `# kubeplan-test: --kubernetes-version 1.24` sets the target version.
// UPDATE_EXPECT=1 rewrites the expectations (review the diff before committing).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, DEFAULT_SETTINGS, Workspace } from '../../dist/core.js';
import { repoRoot, schemasDir } from '../helpers/paths.mjs';
import { renderFindings } from '../helpers/render.mjs';

const dir = join(repoRoot, 'test', 'fixtures', 'check');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  test(`fixture ${name}`, () => {
    const text = readFileSync(join(dir, name), 'utf8');
    const settings = { ...DEFAULT_SETTINGS };
    const version = /^# kubeplan-test: --kubernetes-version (1\.\d+)/.exec(text);
    if (version) settings.kubernetesVersion = version[1];
    const workspace = new Workspace(new Analyzer(schemasDir));
    workspace.setSettings(settings);
    workspace.setFile(name, text);
    const actual = renderFindings([...workspace.documentFindings(name, text), ...workspace.assumptionFindings(name, text)]);
    const expectedFile = join(dir, name.replace(/\.yaml$/, '.expected'));
    if (process.env.UPDATE_EXPECT) writeFileSync(expectedFile, actual);
    assert.ok(existsSync(expectedFile), `missing ${expectedFile} (run with UPDATE_EXPECT=1)`);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
  });
}
