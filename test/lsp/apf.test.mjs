// kubeplan/apfClassify over LSP: the same answer as kubeplan apf classify --format json, with the
// workspace's FlowSchemas and PriorityLevelConfigurations over the defaults.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, clientCapabilities } from '../helpers/lspClient.mjs';
import { repoRoot } from '../helpers/paths.mjs';
import { runCli } from '../helpers/run.mjs';

describe('kubeplan/apfClassify', () => {
  let client;
  after(() => client?.kill());
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-apf-'));
  const uri = pathToFileURL(join(root, 'flowcontrol.yaml')).href;

  it('classifies with the open documents, as the CLI does', async () => {
    client = new LspClient({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href });
    await client.initialize({ capabilities: clientCapabilities() });
    await client.waitForLog('workspace scan: 0 YAML file(s) with Kubernetes objects');
    const before = await client.request('kubeplan/apfClassify', { user: 'system:serviceaccount:team-a:builder', verb: 'create', resource: 'deployments', apiGroup: 'apps', namespace: 'team-a' });
    assert.deepEqual([before.flowSchema, before.priorityLevel, before.hand], ['service-accounts', 'workload-low', [23, 96, 92, 19, 103, 18]]);
    client.didOpen(uri, readFileSync(join(repoRoot, 'test/fixtures/apf/flowcontrol.yaml'), 'utf8'));
    await client.waitForDiagnostics(uri, 1);
    const params = { user: 'system:serviceaccount:team-a:builder', verb: 'create', resource: 'deployments', apiGroup: 'apps', namespace: 'team-a' };
    const answer = await client.request('kubeplan/apfClassify', params);
    const cli = runCli(['apf', 'classify', '--as', params.user, '--verb', 'create', '--resource', 'deployments', '--api-group', 'apps', '-n', 'team-a', '--format', 'json', 'test/fixtures/apf']);
    assert.deepEqual(answer, JSON.parse(cli.stdout));
    assert.deepEqual([answer.flowSchema, answer.priorityLevel, answer.distinguisher, answer.hand], ['team-a', 'team', 'team-a', [9, 29, 22, 10, 21, 12, 11, 16]]);
  });

  it('kubeplan/apfLevels: the table and JSON of kubeplan apf levels, the fixture\'s levels included', async () => {
    const answer = await client.request('kubeplan/apfLevels');
    const cli = runCli(['apf', 'levels', 'test/fixtures/apf']);
    const json = JSON.parse(runCli(['apf', 'levels', '--format', 'json', 'test/fixtures/apf']).stdout);
    assert.equal(answer.text, cli.stdout);
    assert.deepEqual({ serverConcurrencyLimit: answer.serverConcurrencyLimit, levels: answer.levels }, json);
    assert.deepEqual(answer.levels.filter((l) => ['team', 'narrow', 'workload-low'].includes(l.name)).map((l) => `${l.name} ${l.nominalConcurrencyLimit}/${l.lendableConcurrencyLimit}`), ['narrow 0/0', 'team 118/24', 'workload-low 142/128']);
  });
});
