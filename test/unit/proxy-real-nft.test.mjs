// The nftables rendering checked the same way as the iptables one: each generated workspace's text is
// loaded by the real `nft -f` in a fresh network namespace, and `nft list table` must print it back
// exactly, except the order of map elements (the kernel keeps them in a hash table; we list them
// sorted). Needs root, unshare and nft (scripts/iptables-setup.sh installs nftables in CI).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proxy } from '../../dist/core.js';
import { config, ipv6Config, largeWorkspace, optionsConfig, optionsWorkspace, workspaces } from '../helpers/proxyWorkspaces.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const root = process.getuid?.() === 0;
const skip = !root
  ? 'needs root (unshare --net): real nft check skipped'
  : !has('unshare') || !has('nft')
    ? 'needs unshare and nft (run scripts/iptables-setup.sh): real nft check skipped'
    : spawnSync('unshare', ['--net', 'true']).status !== 0
      ? 'unshare --net failed here (no CAP_SYS_ADMIN?): real nft check skipped'
      : false;

/** Loads the text with `nft -f` into a fresh network namespace and returns `nft list table`. */
function realList(text, family) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-nft-'));
  try {
    writeFileSync(join(dir, 'rules.nft'), text);
    const r = spawnSync('unshare', ['--net', 'sh', '-c', `nft -f ${dir}/rules.nft && nft list table ${family} kube-proxy`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The elements of each `elements = { … }` block in sorted order, wrapped as the block was (nft lists a
 * map's elements one per line, IPv4 addresses two per line): only the order is normalised, not the layout.
 */
function sortElements(text) {
  return text.replace(/elements = \{ ([^}]*) \}/g, (_, body) => {
    const rows = body.split(',\n\t\t\t     ');
    const perLine = rows[0].split(', ').length;
    const items = rows.flatMap((row) => row.split(', ')).sort();
    const sorted = [];
    for (let i = 0; i < items.length; i += perLine) sorted.push(items.slice(i, i + perLine).join(', '));
    return `elements = { ${sorted.join(',\n\t\t\t     ')} }`;
  });
}

const cases = [
  ['ClientIP affinity (timeouts listed as 3h and 1m)', workspaces.affinity, config],
  ['LoadBalancer + loadBalancerSourceRanges, no-endpoints LB with externalIPs', workspaces.loadBalancer, config],
  ['externalTrafficPolicy and internalTrafficPolicy Local', workspaces.etpLocal, config],
  ['10 endpoints, TCP + UDP NodePort, terminating fallback', workspaces.tenEndpoints, config],
  ['IPv6: NodePort + affinity, dual-stack, no endpoints', workspaces.ipv6, ipv6Config],
  ['SCTP, fully-random masquerade, masqueradeAll', optionsWorkspace, optionsConfig],
  ['large cluster (1100 endpoints)', largeWorkspace(), config],
];

for (const [name, objects, cfg] of cases) {
  test(`real nft lists our nftables rendering back: ${name}`, { skip }, () => {
    const c = { ...cfg, proxyMode: 'nftables' };
    const ours = proxy.nftablesRules(proxy.proxyModel(objects, c), c);
    assert.equal(sortElements(realList(ours, c.family === 6 ? 'ip6' : 'ip')), sortElements(ours));
  });
}

// How nft prints back an anonymous set of sources (the firewall rule's `ip saddr != { … } drop`).
const addressSets = [
  [['203.0.113.0/25'], '203.0.113.0/25'],
  [['10.0.0.0/25', '10.0.0.128/25'], '{ 10.0.0.0/24 }'],
  [['10.0.0.0/24', '10.0.0.5'], '{ 10.0.0.0/24 }'],
  [['0.0.0.0/0', '5.6.7.8'], '{ 0.0.0.0/0 }'],
  [['10.0.0.1', '10.0.0.3', '10.0.0.2'], '{ 10.0.0.1, 10.0.0.2, 10.0.0.3 }'],
  [['10.0.0.0/25', '10.0.1.0/24'], '{ 10.0.0.0/25, 10.0.1.0/24 }'],
  [['10.0.0.0/25', '10.0.0.128/26'], '{ 10.0.0.0-10.0.0.191 }'],
  [['10.0.0.0/31', '10.0.0.2'], '{ 10.0.0.0-10.0.0.2 }'],
  [['10.0.1.0/24', '10.0.0.0/24'], '{ 10.0.0.0/23 }'],
  [['192.168.0.0/16', '192.168.5.5', '192.168.5.6'], '{ 192.168.0.0/16 }'],
  [['203.0.113.7/32'], '203.0.113.7'],
  [['10.0.0.5/8'], '10.0.0.0/8'],
  [['1.2.3.4', '1.2.3.4'], '{ 1.2.3.4 }'],
];
const addressSets6 = [
  [['fd00::/64', 'fd00::1'], '{ fd00::/64 }'],
  [['fd00::1', 'fd00::2'], '{ fd00::1, fd00::2 }'],
  [['fd00::/64'], 'fd00::/64'],
  [['fd00::1/128'], 'fd00::1'],
];

test('nftAddressSet: merged, ordered and unbraced as nft prints a set of sources', () => {
  for (const [elements, printed] of [...addressSets, ...addressSets6]) assert.equal(proxy.nftAddressSet(elements), printed, elements.join(' '));
});

test('real nft prints each set of sources as nftAddressSet does', { skip }, () => {
  for (const [family, sets] of [['ip', addressSets], ['ip6', addressSets6]]) {
    const rules = sets.map(([elements]) => `\t\t${family} saddr != { ${elements.join(', ')} } drop`);
    const listed = realList(`table ${family} kube-proxy {\n\tchain c {\n${rules.join('\n')}\n\t}\n}\n`, family);
    assert.deepEqual(
      listed.split('\n').filter((l) => l.includes('saddr')).map((l) => l.trim()),
      sets.map(([elements]) => `${family} saddr != ${proxy.nftAddressSet(elements)} drop`),
    );
  }
});

test('map elements are compared as a set: the normalisation only reorders them', () => {
  const text = '\t\telements = { b . tcp . 80 : drop,\n\t\t\t     a . tcp . 80 : drop }\n';
  assert.equal(sortElements(text), '\t\telements = { a . tcp . 80 : drop,\n\t\t\t     b . tcp . 80 : drop }\n');
});
