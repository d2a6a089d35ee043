// The proof our rules are real: each generated workspace's restore payload is loaded by the real
// iptables-restore (after the jump rules and canary chains kube-proxy sets up itself) in a fresh network
// namespace, and the real iptables-save output must equal our save rendering exactly.
// Needs root, unshare, iptables and nfacct (scripts/iptables-setup.sh installs them in CI).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proxy } from '../../dist/core.js';
import { config, ipv6Config, largeWorkspace, optionsConfig, optionsWorkspace, workspaces } from '../helpers/proxyWorkspaces.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = ['unshare', 'iptables-restore', 'iptables-save', 'ip6tables-restore', 'ip6tables-save', 'nfacct'].filter((c) => !has(c));
const root = process.getuid?.() === 0;
const canUnshare = root && missing.length === 0 && spawnSync('unshare', ['--net', 'true']).status === 0;
const skip = !root
  ? 'needs root (unshare --net): real iptables check skipped'
  : missing.length
    ? `needs ${missing.join(', ')} (run scripts/iptables-setup.sh): real iptables check skipped`
    : !canUnshare
      ? 'unshare --net failed here (no CAP_SYS_ADMIN?): real iptables check skipped'
      : false;

/** Loads preamble + payload into a fresh network namespace and returns iptables-save -t filter; -t nat. */
function realSave(payload, tool) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-iptables-'));
  try {
    writeFileSync(join(dir, 'pre'), proxy.iptablesPreamble());
    writeFileSync(join(dir, 'payload'), payload);
    // kube-proxy creates its nfacct counters before it uses them in rules.
    const script = [
      'set -e',
      'nfacct add localhost_nps_accepted_pkts',
      'nfacct add ct_state_invalid_dropped_pkts',
      `${tool}-restore --noflush < ${dir}/pre`,
      `${tool}-restore --noflush --counters < ${dir}/payload`,
      `${tool}-save -t filter`,
      `${tool}-save -t nat`,
    ].join('\n');
    const r = spawnSync('unshare', ['--net', 'sh', '-c', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases = [
  ['ClientIP affinity (default and 60 s timeouts)', workspaces.affinity, config, 'iptables'],
  ['LoadBalancer + loadBalancerSourceRanges, no-endpoints LB with externalIPs', workspaces.loadBalancer, config, 'iptables'],
  ['externalTrafficPolicy and internalTrafficPolicy Local', workspaces.etpLocal, config, 'iptables'],
  ['10 endpoints, TCP + UDP NodePort, terminating fallback', workspaces.tenEndpoints, config, 'iptables'],
  ['IPv6 (ip6tables): NodePort + affinity, dual-stack, no endpoints', workspaces.ipv6, ipv6Config, 'ip6tables'],
  ['SCTP, --random-fully, no nfacct, --nodeport-addresses, masqueradeAll', optionsWorkspace, optionsConfig, 'iptables'],
  ['large cluster mode (1100 endpoints)', largeWorkspace(), config, 'iptables'],
];

// Debian selects the nf_tables backend (iptables -> iptables-nft); the legacy one prints the same.
const legacy = has('iptables-legacy-restore') && has('ip6tables-legacy-restore');
for (const [name, objects, cfg, tool] of cases) {
  for (const backend of [tool, `${tool}-legacy`]) {
    test(`real ${backend}-save equals our save rendering: ${name}`, { skip: skip || (backend.endsWith('-legacy') && !legacy && 'no iptables-legacy here') }, () => {
      const model = proxy.proxyModel(objects, cfg);
      assert.equal(realSave(proxy.iptablesRestore(model, cfg), backend), proxy.iptablesSave(model, cfg));
    });
  }
}

test('the iptables backend Debian selects is the one our save form was checked against', { skip }, () => {
  const version = spawnSync('iptables', ['--version'], { encoding: 'utf8' }).stdout;
  assert.match(version, /^iptables v1\.8\.\d+ \(nf_tables\)/);
});
