// kube-proxy rule generation (server/src/core/proxy): names, model, rules, the other modes, trace.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { proxy } from '../../dist/core.js';
import { config, ipv6Config, optionsConfig, optionsWorkspace, service, slice, workspaces } from '../helpers/proxyWorkspaces.mjs';

const lines = (text, needle) => text.split('\n').filter((l) => l.includes(needle));
const model = (objects, cfg = config) => proxy.proxyModel(objects, cfg);

test('chain names: the reference checks', () => {
  assert.equal(proxy.chainNames('ns1/svc1:p80', 'tcp').svc, 'KUBE-SVC-XPGD46QRK7WJZT7O');
  assert.equal(proxy.chainNames('ns1/svc1:p80', 'tcp', '10.180.0.1:80').sep, 'KUBE-SEP-SXIVWICOYRO3J4NJ');
  assert.equal(proxy.chainNames('default/kubernetes:https', 'tcp').svc, 'KUBE-SVC-NPX46M4PTMTKRN6Y');
  assert.deepEqual(proxy.chainNames('ns2/svc2:p80', 'tcp'), {
    svc: 'KUBE-SVC-GNZBNJ2PO5MGZ6GT',
    svl: 'KUBE-SVL-GNZBNJ2PO5MGZ6GT',
    ext: 'KUBE-EXT-GNZBNJ2PO5MGZ6GT',
    fw: 'KUBE-FW-GNZBNJ2PO5MGZ6GT',
  });
  assert.equal(proxy.nftServiceChain('service', 'ns1', 'svc1', 'tcp', 'p80'), 'service-ULMVA6XW-ns1/svc1/tcp/p80');
  assert.equal(proxy.nftEndpointChain('ns1', 'svc1', 'tcp', 'p80', '10.180.0.1', 80), 'endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80');
});

test('hashBase32: every length up to 51 characters is base32 of sha256, bit for bit', () => {
  const reference = (s) => {
    const bits = [...createHash('sha256').update(s).digest()].map((b) => b.toString(2).padStart(8, '0')).join('');
    return Array.from({ length: 51 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(bits.slice(i * 5, i * 5 + 5), 2)]).join('');
  };
  for (const s of ['', 'ns1/svc1:p80tcp10.180.0.1:80', 'ünïcode/ß:p']) {
    const full = reference(s);
    for (let n = 1; n <= 51; n++) assert.equal(proxy.hashBase32(s, n), full.slice(0, n), `${JSON.stringify(s)} ${n}`);
  }
});

test('endpoints are ordered by the string ip:port (10.0.0.10:80 before 10.0.0.2:80)', () => {
  const m = model([service('ns', 's', { clusterIP: '172.30.0.9', ports: [{ name: 'p80', port: 80 }] }), slice('ns', 's', ['10.0.0.2', '10.0.0.10', '10.0.0.1'])]);
  assert.deepEqual(m.servicePorts[0].endpoints.map((e) => e.key), ['10.0.0.10:80', '10.0.0.1:80', '10.0.0.2:80']);
  assert.deepEqual(
    lines(proxy.iptablesRestore(m, config), '-A KUBE-SVC-').slice(1).map((l) => l.replace(/^.*--comment "(.*?)".*?(--probability \S+)?( -j .*)$/, '$1 $2')),
    ['ns/s:p80 -> 10.0.0.10:80 --probability 0.3333333333', 'ns/s:p80 -> 10.0.0.1:80 --probability 0.5000000000', 'ns/s:p80 -> 10.0.0.2:80 '],
  );
});

test('an endpoint in two slices counts once: a local copy wins, else the first (endpointslicecache)', () => {
  const m = model([
    service('ns', 's', { clusterIP: '172.30.0.9', ports: [{ name: 'p80', port: 80 }] }),
    slice('ns', 's', [{ addresses: ['10.0.0.5'], nodeName: 'node-9' }, '10.0.0.7', '10.0.0.3']),
    slice('ns', 's', [{ addresses: ['10.0.0.7'], nodeName: 'node-9' }, { addresses: ['10.0.0.5'], nodeName: 'test-node' }]),
  ]);
  assert.deepEqual(
    m.servicePorts[0].endpoints.map((e) => [e.key, e.nodeName, e.local]),
    [
      ['10.0.0.3:80', undefined, false],
      ['10.0.0.5:80', 'test-node', true],
      ['10.0.0.7:80', undefined, false],
    ],
  );
});

test('a Service with 150 endpoints: sorted by the string ip:port', () => {
  const ips = Array.from({ length: 150 }, (_, i) => `10.1.${i % 3}.${150 - i}`);
  const m = model([service('ns', 'big', { clusterIP: '172.30.0.10', ports: [{ name: 'p80', port: 80 }] }), slice('ns', 'big', ips)]);
  const keys = m.servicePorts[0].endpoints.map((e) => e.key);
  assert.equal(keys.length, 150);
  assert.deepEqual(keys.slice(0, 4), ['10.1.0.102:80', '10.1.0.105:80', '10.1.0.108:80', '10.1.0.111:80']);
  assert.deepEqual(keys, ips.map((ip) => `${ip}:80`).sort());
});

test('sortByName: the order of a plain stable sort by name, for chain names that share a prefix, other names and twins', () => {
  const names = [];
  for (let i = 0; i < 300; i++) names.push(proxy.endpointChain(`ns/svc${i % 7}:p${i}tcp`, `10.0.${i}.1:80`));
  for (const kind of ['EXT', 'FW', 'SEP', 'SVC', 'SVL']) names.push(`KUBE-${kind}-ABCDEFZZZZZZZZZZ`, `KUBE-${kind}-ABCDEF2222222222`, `KUBE-${kind}-ABCDEFAAAAAAAAAA`);
  names.push('KUBE-SERVICES', 'KUBE-MARK-MASQ', 'KUBE-SEP-SHORT', 'KUBE-SEP-abcdefghijklmnop', 'KUBE-NODEPORTS', 'KUBE-XYZ-ABCDEFGHIJKLMNOP', 'A', 'Z');
  // Twins: the same name twice must keep its input order.
  names.push(names[5], names[100], 'KUBE-SERVICES');
  const items = names.map((name, i) => ({ name, i }));
  const expected = items.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((x) => x.i);
  assert.deepEqual(proxy.sortByName(items).map((x) => x.i), expected);
  assert.deepEqual(proxy.sortByName(items.slice(0, 300)).map((x) => x.i), expected.filter((i) => i < 300));
});

test('probabilities: %0.10f in the payload, %.11f of round(p·2³¹) as iptables-save prints them', () => {
  assert.deepEqual([2, 3, 5, 10, 2048].map(proxy.probability), ['0.5000000000', '0.3333333333', '0.2000000000', '0.1000000000', '0.0004882812']);
  assert.deepEqual(['0.5000000000', '0.3333333333', '0.2000000000', '0.1000000000'].map(proxy.saveProbability), ['0.50000000000', '0.33333333349', '0.20000000019', '0.10000000009']);
  const save = proxy.iptablesSave(model(workspaces.tenEndpoints), config);
  assert.deepEqual(
    lines(save, 'ns3/ten:p80 -> ').map((l) => l.match(/--probability (\S+)/)?.[1] ?? 'last'),
    ['0.10000000009', '0.11111111101', '0.12500000000', '0.14285714272', '0.16666666651', '0.20000000019', '0.25000000000', '0.33333333349', '0.50000000000', 'last'],
  );
});

test('externalTrafficPolicy Local: KUBE-EXT short-circuits pod and node traffic, then KUBE-SVL with the local endpoint', () => {
  const m = model(workspaces.etpLocal);
  const sp = m.servicePorts.find((s) => s.spn === 'ns2/local:p80');
  assert.deepEqual(sp.localEndpoints.map((e) => e.key), ['10.180.0.5:80']);
  const r = proxy.rulesForServicePort(m, config, 'ns2/local:p80');
  const ext = r.chains.find((c) => c.chain === 'KUBE-EXT-2NUTBVI7CIZUJQPP');
  assert.deepEqual(ext.restore, [
    '-A KUBE-EXT-2NUTBVI7CIZUJQPP -m comment --comment "pod traffic for ns2/local:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-2NUTBVI7CIZUJQPP',
    '-A KUBE-EXT-2NUTBVI7CIZUJQPP -m comment --comment "masquerade LOCAL traffic for ns2/local:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
    '-A KUBE-EXT-2NUTBVI7CIZUJQPP -m comment --comment "route LOCAL traffic for ns2/local:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-2NUTBVI7CIZUJQPP',
    '-A KUBE-EXT-2NUTBVI7CIZUJQPP -j KUBE-SVL-2NUTBVI7CIZUJQPP',
  ]);
  assert.deepEqual(r.chains.find((c) => c.chain === 'KUBE-SVL-2NUTBVI7CIZUJQPP').save, [
    '-A KUBE-SVL-2NUTBVI7CIZUJQPP -m comment --comment "ns2/local:p80 -> 10.180.0.5:80" -j KUBE-SEP-E7NEDY4ZITG7TKPP',
  ]);
  assert.deepEqual(r.chains.find((c) => c.table === 'filter').restore, [
    '-A KUBE-NODEPORTS -m comment --comment "ns2/local:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT',
  ]);
});

test('internalTrafficPolicy Local: KUBE-SVL for the cluster IP; DROP "has no local endpoints" when none is here', () => {
  const restore = proxy.iptablesRestore(model(workspaces.etpLocal), config);
  assert.deepEqual(lines(restore, 'ns2/itp'), [
    '-A KUBE-SERVICES -m comment --comment "ns2/itp-none:p80 has no local endpoints" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j DROP',
    '-A KUBE-SERVICES -m comment --comment "ns2/itp:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVL-YIZTYVNWMMLXLICV',
    '-A KUBE-SEP-CWQKAPGLNK6C77YP -m comment --comment ns2/itp:p80 -s 10.180.0.7 -j KUBE-MARK-MASQ',
    '-A KUBE-SEP-CWQKAPGLNK6C77YP -m comment --comment ns2/itp:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.7:80',
    '-A KUBE-SVL-YIZTYVNWMMLXLICV -m comment --comment "ns2/itp:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
    '-A KUBE-SVL-YIZTYVNWMMLXLICV -m comment --comment "ns2/itp:p80 -> 10.180.0.7:80" -j KUBE-SEP-CWQKAPGLNK6C77YP',
  ]);
});

test('ClientIP affinity: recent --rcheck per endpoint before the random rules, --set in KUBE-SEP; timeout default 10800', () => {
  const m = model(workspaces.affinity);
  assert.deepEqual(m.servicePorts.map((s) => s.affinitySeconds), [60, 10800]);
  const save = proxy.iptablesSave(m, config);
  assert.deepEqual(lines(save, 'ns1/short:p80'), [
    '-A KUBE-SEP-K3VLEQYDHWJS4JYQ -s 10.180.1.1/32 -m comment --comment "ns1/short:p80" -j KUBE-MARK-MASQ',
    '-A KUBE-SEP-K3VLEQYDHWJS4JYQ -p tcp -m comment --comment "ns1/short:p80" -m recent --set --name KUBE-SEP-K3VLEQYDHWJS4JYQ --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.1.1:80',
    '-A KUBE-SERVICES -d 172.30.0.51/32 -p tcp -m comment --comment "ns1/short:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-ESTB5BV6XLZ52HFV',
    '-A KUBE-SVC-ESTB5BV6XLZ52HFV ! -s 10.0.0.0/8 -d 172.30.0.51/32 -p tcp -m comment --comment "ns1/short:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
    '-A KUBE-SVC-ESTB5BV6XLZ52HFV -m comment --comment "ns1/short:p80 -> 10.180.1.1:80" -m recent --rcheck --seconds 60 --reap --name KUBE-SEP-K3VLEQYDHWJS4JYQ --mask 255.255.255.255 --rsource -j KUBE-SEP-K3VLEQYDHWJS4JYQ',
    '-A KUBE-SVC-ESTB5BV6XLZ52HFV -m comment --comment "ns1/short:p80 -> 10.180.1.1:80" -j KUBE-SEP-K3VLEQYDHWJS4JYQ',
  ]);
});

test('loadBalancerSourceRanges: KUBE-FW per range (+ the VIP when a range holds the node IP), KUBE-PROXY-FIREWALL drop; ipMode Proxy ignored', () => {
  const restore = proxy.iptablesRestore(model(workspaces.loadBalancer), config);
  assert.deepEqual(lines(restore, 'KUBE-FW-LP7HFEJVM6OGUO36').filter((l) => l.startsWith('-A')), [
    '-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/lb:p80 traffic not accepted by KUBE-FW-LP7HFEJVM6OGUO36" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP',
    '-A KUBE-SERVICES -m comment --comment "ns5/lb:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-LP7HFEJVM6OGUO36',
    '-A KUBE-FW-LP7HFEJVM6OGUO36 -m comment --comment "ns5/lb:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-LP7HFEJVM6OGUO36',
    '-A KUBE-FW-LP7HFEJVM6OGUO36 -m comment --comment "ns5/lb:p80 loadbalancer IP" -s 192.168.0.0/24 -j KUBE-EXT-LP7HFEJVM6OGUO36',
    '-A KUBE-FW-LP7HFEJVM6OGUO36 -m comment --comment "ns5/lb:p80 loadbalancer IP" -s 5.6.7.8 -j KUBE-EXT-LP7HFEJVM6OGUO36',
    '-A KUBE-FW-LP7HFEJVM6OGUO36 -m comment --comment "other traffic to ns5/lb:p80 will be dropped by KUBE-PROXY-FIREWALL"',
  ]);
  assert.equal(lines(restore, '5.6.7.9').length, 0);
});

test('no endpoints: REJECT in filter for cluster IP, external IP, LB IP and node port; no nat chains', () => {
  const save = proxy.iptablesSave(model(workspaces.loadBalancer), config);
  assert.deepEqual(lines(save, 'empty-lb'), [
    '-A KUBE-EXTERNAL-SERVICES -d 192.168.99.1/32 -p tcp -m comment --comment "ns5/empty-lb:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    '-A KUBE-EXTERNAL-SERVICES -d 5.6.7.10/32 -p tcp -m comment --comment "ns5/empty-lb:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "ns5/empty-lb:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j REJECT --reject-with icmp-port-unreachable',
    '-A KUBE-SERVICES -d 172.30.0.46/32 -p tcp -m comment --comment "ns5/empty-lb:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
  ]);
});

test('terminating fallback: serving+terminating endpoints used when none is ready', () => {
  const sp = model(workspaces.tenEndpoints).servicePorts.find((s) => s.spn === 'ns3/terminating:p80');
  assert.deepEqual(sp.clusterEndpoints.map((e) => e.key), ['10.0.1.1:80']);
});

test('legacy v1 Endpoints feed a selector-less Service', () => {
  const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { namespace: 'ns', name: 'ext' }, subsets: [{ addresses: [{ ip: '10.9.0.1' }], notReadyAddresses: [{ ip: '10.9.0.2' }], ports: [{ port: 5432 }] }] };
  const m = model([service('ns', 'ext', { clusterIP: '172.30.9.9', ports: [{ port: 5432 }] }), ep]);
  assert.deepEqual(m.servicePorts[0].endpoints.map((e) => [e.key, e.ready]), [['10.9.0.1:5432', true], ['10.9.0.2:5432', false]]);
  assert.deepEqual(lines(proxy.iptablesRestore(m, config), '-j DNAT'), ['-A KUBE-SEP-US5DAIBVWPHTE32S -m comment --comment ns/ext -m tcp -p tcp -j DNAT --to-destination 10.9.0.1:5432']);
});

test('IPv6: only IPv6 services and endpoints, /128, [ip]:port, the v6 cluster CIDR, no localhost NodePorts', () => {
  const m = model(workspaces.ipv6, ipv6Config);
  assert.deepEqual(m.servicePorts.map((s) => `${s.spn} ${s.clusterIP}`), ['ns6/dual:p80 fd00:10:96::20', 'ns6/v6:p80 fd00:10:96::10', 'ns6/v6-empty:p80 fd00:10:96::30']);
  const save = proxy.iptablesSave(m, ipv6Config);
  assert.deepEqual(lines(save, 'KUBE-SVC-5UZ6FCXHKBKCSO36').filter((l) => l.startsWith('-A KUBE-SVC')), [
    '-A KUBE-SVC-5UZ6FCXHKBKCSO36 ! -s fd00:10:244::/48 -d fd00:10:96::20/128 -p tcp -m comment --comment "ns6/dual:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
    '-A KUBE-SVC-5UZ6FCXHKBKCSO36 -m comment --comment "ns6/dual:p80 -> [fd00:10:244::5]:80" -j KUBE-SEP-EU2WFLTJHNIIQVVQ',
  ]);
  assert.deepEqual(lines(save, 'must be the last rule'), [
    '-A KUBE-SERVICES ! -d ::1/128 -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  ]);
  assert.equal(lines(save, '127.0.0.0/8').length, 0);
  assert.equal(lines(save, '-A KUBE-FIREWALL').length, 0);
});

test('large cluster mode (>1000 endpoints): SVC→SEP and SEP rules lose their comments', () => {
  const objects = [];
  for (let s = 0; s < 3; s++) {
    objects.push(service('big', `s${s}`, { clusterIP: `172.30.2.${s + 1}`, ports: [{ name: 'p80', port: 80 }] }));
    objects.push(slice('big', `s${s}`, Array.from({ length: 334 }, (_, i) => `10.${s + 1}.${Math.floor(i / 250)}.${(i % 250) + 1}`)));
  }
  const m = model(objects);
  assert.equal(m.totalEndpoints, 1002);
  const restore = proxy.iptablesRestore(m, config);
  assert.equal(lines(restore, '-A KUBE-SEP-')[0].includes('--comment'), false);
  assert.match(lines(restore, '-A KUBE-SVC-')[1], /^-A KUBE-SVC-\S+ -m statistic --mode random --probability 0\.0029940120 -j KUBE-SEP-\S+$/);
});

test('IPVS: ipvsadm -Ln lines, ipsets, and the set-based iptables rules', () => {
  const m = model([...workspaces.affinity, ...workspaces.loadBalancer]);
  const out = proxy.ipvsRules(m, config);
  assert.deepEqual(out.ipvsadm.split('\n').slice(0, 8), [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
    'TCP  5.6.7.8:80 rr',
    '  -> 10.180.0.3:80                Masq    1      0          0         ',
    'TCP  5.6.7.10:80 rr',
    'TCP  172.30.0.45:80 rr',
    '  -> 10.180.0.3:80                Masq    1      0          0         ',
  ]);
  assert.deepEqual(lines(out.ipvsadm, 'persistent'), ['TCP  172.30.0.50:80 rr persistent 10800', 'TCP  172.30.0.51:80 rr persistent 60']);
  assert.deepEqual(lines(out.ipsets, 'KUBE-LOAD-BALANCER-SOURCE-CIDR'), [
    'create KUBE-LOAD-BALANCER-SOURCE-CIDR hash:ip,port,net family inet hashsize 1024 maxelem 65536 comment',
    'add KUBE-LOAD-BALANCER-SOURCE-CIDR 5.6.7.8,tcp:80,192.168.0.0/24',
    'add KUBE-LOAD-BALANCER-SOURCE-CIDR 5.6.7.8,tcp:80,203.0.113.0/25',
  ]);
  // As kube-proxy hands them to iptables-restore: nat then filter, chains then rules in write order.
  assert.deepEqual(lines(out.iptables, 'KUBE-CLUSTER-IP dst,dst'), [
    '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
    '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
    '-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN',
  ]);
  assert.deepEqual(out.iptables.split('\n').filter((l) => /^[*:]|^COMMIT/.test(l)), [
    '*nat',
    ':KUBE-SERVICES - [0:0]',
    ':KUBE-POSTROUTING - [0:0]',
    ':KUBE-NODE-PORT - [0:0]',
    ':KUBE-LOAD-BALANCER - [0:0]',
    ':KUBE-MARK-MASQ - [0:0]',
    'COMMIT',
    '*filter',
    ':KUBE-FORWARD - [0:0]',
    ':KUBE-NODE-PORT - [0:0]',
    ':KUBE-PROXY-FIREWALL - [0:0]',
    ':KUBE-SOURCE-RANGES-FIREWALL - [0:0]',
    ':KUBE-IPVS-FILTER - [0:0]',
    ':KUBE-IPVS-OUT-FILTER - [0:0]',
    'COMMIT',
  ]);
  // loadBalancerSourceRanges are filtered in the filter table, then dropped.
  assert.deepEqual(lines(out.iptables, 'KUBE-SOURCE-RANGES-FIREWALL').filter((l) => l.startsWith('-A')), [
    '-A KUBE-PROXY-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port for load balancer with sourceRange" -m set --match-set KUBE-LOAD-BALANCER-FW dst,dst -j KUBE-SOURCE-RANGES-FIREWALL',
    '-A KUBE-SOURCE-RANGES-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port + source cidr for packet filter purpose" -m set --match-set KUBE-LOAD-BALANCER-SOURCE-CIDR dst,dst,src -j RETURN',
    '-A KUBE-SOURCE-RANGES-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port + source IP for packet filter purpose" -m set --match-set KUBE-LOAD-BALANCER-SOURCE-IP dst,dst,src -j RETURN',
    '-A KUBE-SOURCE-RANGES-FIREWALL -j DROP',
  ]);
  // A node outside every source range may not reach the LB address (KUBE-IPVS-OUT-FILTER).
  const closed = [
    service('ns', 'closed', { type: 'LoadBalancer', clusterIP: '172.30.0.8', loadBalancerSourceRanges: ['203.0.113.0/25'], ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30008 }] }, { loadBalancer: { ingress: [{ ip: '5.6.7.20' }] } }),
    slice('ns', 'closed', ['10.1.0.1']),
  ];
  assert.deepEqual(lines(proxy.ipvsIptables(model(closed), config), 'KUBE-IPVS-OUT-FILTER'), [':KUBE-IPVS-OUT-FILTER - [0:0]', '-A KUBE-IPVS-OUT-FILTER -s 5.6.7.20 -m ipvs --vaddr 5.6.7.20 --vproto tcp --vport 80 -j DROP']);
  assert.deepEqual(lines(out.iptables, '-A KUBE-IPVS-OUT-FILTER'), []);
  // An external IP that is the node's own address is not bound to kube-ipvs0.
  const onNode = [service('ns', 'on-node', { clusterIP: '172.30.0.9', externalIPs: ['192.168.0.2', '192.168.99.9'], ports: [{ name: 'p80', port: 80, protocol: 'TCP' }] }), slice('ns', 'on-node', ['10.1.0.1'])];
  assert.deepEqual(lines(proxy.ipsetSave(model(onNode), config), 'add KUBE-IPVS-IPS'), ['add KUBE-IPVS-IPS 172.30.0.9', 'add KUBE-IPVS-IPS 192.168.99.9']);
  assert.deepEqual(lines(proxy.ipsetSave(model(workspaces.ipv6, ipv6Config), ipv6Config), 'KUBE-6-CLUSTER-IP'), [
    'create KUBE-6-CLUSTER-IP hash:ip,port family inet6 hashsize 1024 maxelem 65536 comment',
    'add KUBE-6-CLUSTER-IP fd00:10:96::10,tcp:80',
    'add KUBE-6-CLUSTER-IP fd00:10:96::20,tcp:80',
    'add KUBE-6-CLUSTER-IP fd00:10:96::30,tcp:80',
  ]);
});

test('nftables: table kube-proxy with upstream chain and map names', () => {
  const text = proxy.nftablesRules(model(workspaces.affinity), config);
  assert.equal(text.split('\n')[0], 'table ip kube-proxy {');
  // Sets, maps and chains in the order kube-proxy's setupNFTables creates them: nft lists them so.
  assert.deepEqual(lines(text, '\tset ').slice(0, 1).concat(lines(text, '\tmap ')), ['\tset cluster-ips {', '\tmap no-endpoint-services {', '\tmap no-endpoint-nodeports {', '\tmap firewall-ips {', '\tmap service-ips {', '\tmap service-nodeports {']);
  assert.deepEqual(lines(text, '\tchain ').slice(0, 16), [
    '\tchain filter-prerouting {',
    '\tchain filter-input {',
    '\tchain filter-forward {',
    '\tchain filter-output {',
    '\tchain filter-output-post-dnat {',
    '\tchain nat-prerouting {',
    '\tchain nat-output {',
    '\tchain nat-postrouting {',
    '\tchain nodeport-endpoints-check {',
    '\tchain service-endpoints-check {',
    '\tchain firewall-check {',
    '\tchain services {',
    '\tchain masquerading {',
    '\tchain cluster-ips-check {',
    '\tchain mark-for-masquerade {',
    '\tchain reject-chain {',
  ]);
  // nftablesJumpChains: output jumps to firewall-check before DNAT, to cluster-ips-check after it.
  assert.match(text, /\tchain filter-output \{\n\t\ttype filter hook output priority -110; policy accept;\n\t\tct state new jump service-endpoints-check\n\t\tct state new jump firewall-check\n\t\}\n/);
  assert.match(text, /\tchain filter-output-post-dnat \{\n\t\ttype filter hook output priority -90; policy accept;\n\t\tct state new jump cluster-ips-check\n\t\}\n/);
  assert.deepEqual(lines(text, 'chain service-'), ['\tchain service-endpoints-check {', '\tchain service-VVPUNBEQ-ns1/short/tcp/p80 {', '\tchain service-LDSSDLKY-ns1/sticky/tcp/p80 {']);
  assert.ok(text.includes('numgen random mod 3 vmap { 0 : goto endpoint-'));
});

test('nftables: written as nft lists it (numeric priorities where nft has no name, 8-digit marks, nft time units)', () => {
  const text = proxy.nftablesRules(model(workspaces.affinity), config);
  assert.deepEqual(lines(text, 'hook output'), ['\t\ttype filter hook output priority -110; policy accept;', '\t\ttype filter hook output priority -90; policy accept;', '\t\ttype nat hook output priority -100; policy accept;']);
  assert.deepEqual(lines(text, 'meta mark'), ['\t\tmeta mark & 0x00004000 == 0x00000000 return', '\t\tmeta mark set meta mark ^ 0x00004000', '\t\tmeta mark set meta mark | 0x00004000']);
  assert.deepEqual(lines(text, 'timeout '), ['\t\ttimeout 1m', '\t\ttimeout 3h', '\t\ttimeout 3h', '\t\ttimeout 3h']);
  assert.deepEqual([90, 3600, 86401, 0].map(proxy.nftDuration), ['1m30s', '1h', '1d1s', '0s']);
});

test('trace: cluster IP → KUBE-SVC → each endpoint with its share; LB from outside the source ranges → DROP; no endpoints → REJECT', () => {
  const m = model([...workspaces.affinity, ...workspaces.loadBalancer]);
  const t = proxy.tracePacket(m, config, { destination: '172.30.0.50', port: 80, source: '10.1.2.3' });
  assert.equal(t.verdict, 'DNAT');
  assert.deepEqual(t.endpoints.map((e) => [e.endpoint, e.probability.toFixed(6)]), [['10.180.0.1:80', '0.333333'], ['10.180.0.2:80', '0.333333'], ['10.180.0.3:80', '0.333333']]);
  assert.deepEqual(t.steps.slice(0, 2).map((s) => `${s.table} ${s.chain}`), ['nat PREROUTING', 'nat KUBE-SERVICES']);
  assert.equal(t.masquerade, false);
  assert.equal(proxy.tracePacket(m, config, { destination: '172.30.0.50', port: 80, source: '198.51.100.1' }).masquerade, true);
  const lb = proxy.tracePacket(m, config, { destination: '5.6.7.8', port: 80, source: '198.51.100.7' });
  assert.equal(lb.verdict, 'DROP');
  assert.deepEqual(lb.steps.map((s) => s.chain), ['PREROUTING', 'KUBE-SERVICES', 'KUBE-FW-LP7HFEJVM6OGUO36', 'FORWARD', 'KUBE-PROXY-FIREWALL']);
  assert.equal(proxy.tracePacket(m, config, { destination: '5.6.7.8', port: 80, source: '203.0.113.9' }).verdict, 'DNAT');
  assert.equal(proxy.tracePacket(m, config, { destination: '172.30.0.46', port: 80 }).verdict, 'REJECT');
  assert.equal(proxy.tracePacket(m, config, { destination: '192.168.0.2', port: 30080 }).endpoints[0].endpoint, '10.180.0.3:80');
});

test('explanation sentences for a service port (hover)', () => {
  const m = model(workspaces.affinity);
  const s = proxy.explainServicePort(m, config, m.servicePorts[1]);
  assert.equal(s[0], 'KUBE-SERVICES matches `-d 172.30.0.50/32 -p tcp … -m tcp --dport 80`: the destination port is matched by the tcp module, so two ports of one Service get two rules.');
  assert.match(s[1], /^KUBE-SVC-F7REZHQFGEE5SPJR picks one of 3 endpoints .* \(0\.3333333333 for the first, printed 0\.33333333349 by iptables-save/);
});

test('syntaxes/iptables.tmLanguage.json: scope source.iptables, every pattern compiles, a save line tokenizes its parts', async () => {
  const { readFileSync } = await import('node:fs');
  const { repoRoot } = await import('../helpers/paths.mjs');
  const g = JSON.parse(readFileSync(`${repoRoot}/syntaxes/iptables.tmLanguage.json`, 'utf8'));
  assert.equal(g.scopeName, 'source.iptables');
  const regexes = [];
  const walk = (o) => {
    for (const [k, v] of Object.entries(o)) {
      if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') regexes.push(v);
      else if (v && typeof v === 'object') walk(v);
    }
  };
  walk(g);
  assert.equal(regexes.length, 18);
  for (const r of regexes) new RegExp(r);
  const line = '-A KUBE-SVC-X ! -s 10.0.0.0/8 -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ';
  assert.deepEqual(line.match(new RegExp(g.repository.target.match))?.slice(1), ['-j', 'KUBE-MARK-MASQ']);
  assert.deepEqual([...line.matchAll(new RegExp(g.repository.module.match, 'g'))].map((m) => m[2]), ['comment', 'tcp']);
  assert.deepEqual([...line.matchAll(new RegExp(g.repository.address.patterns[1].match, 'g'))].map((m) => m[0]), ['10.0.0.0/8', '172.30.0.41/32']);
});

const nodePortService = [service('ns', 'np', { type: 'NodePort', clusterIP: '172.30.0.9', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] }), slice('ns', 'np', ['10.1.0.1'])];
const nodePortsTail = (text) => lines(text, 'this must be the last rule').map((l) => l.replace(/^.*this must be the last rule in this chain" /, ''));

test('--nodeport-addresses as upstream reads it: a zero CIDR matches all, a loopback CIDR keeps localhost NodePorts, `primary` is the node IP', () => {
  const restore = (cfg, objects = nodePortService) => proxy.iptablesRestore(model(objects, cfg), cfg);
  assert.deepEqual(nodePortsTail(restore({ ...config, nodePortAddresses: ['0.0.0.0/0', '192.168.0.0/24'] })), ['-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS']);
  // 127.1.0.0/16 is a loopback CIDR: localhost NodePorts stay on (KUBE-FIREWALL and the nfacct rule), though 127.0.0.1 is not in it.
  const loopback = restore({ ...config, nodePortAddresses: ['127.1.0.0/16', '192.168.0.0/16'] });
  assert.deepEqual(nodePortsTail(loopback), ['-d 192.168.0.2 -j KUBE-NODEPORTS']);
  assert.equal(lines(loopback, 'block incoming localnet connections').length, 1);
  assert.deepEqual(lines(loopback, 'localhost_nps_accepted_pkts'), [
    '-A KUBE-NODEPORTS -m comment --comment ns/np:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-UIZY7RBUPJSSGNTU',
  ]);
  assert.deepEqual(nodePortsTail(restore({ ...config, nodePortAddresses: ['primary'] })), ['-d 192.168.0.2 -j KUBE-NODEPORTS']);
  // `primary` counts only alone, and what is not address/length is left out (validation refuses both).
  assert.deepEqual(nodePortsTail(restore({ ...config, nodePortAddresses: ['primary', '10.99.0.0/16'] })), []);
  assert.deepEqual(nodePortsTail(restore({ ...config, nodePortAddresses: ['10.0.0.0/', '192.168.0.2'] })), ['-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS']);
  // The IPv6 proxier of a node without an IPv6 address: `primary` gives it no CIDR, so every address.
  const v6 = [
    service('ns', 'np6', { type: 'NodePort', clusterIP: 'fd00::9', clusterIPs: ['fd00::9'], ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] }),
    slice('ns', 'np6', ['fd00:1::1'], [{ name: 'p80', port: 80, protocol: 'TCP' }], 'IPv6'),
  ];
  const { nodeIPv6, ...withoutIPv6 } = ipv6Config;
  assert.equal(nodeIPv6, 'fd00::2');
  assert.deepEqual(nodePortsTail(restore({ ...withoutIPv6, nodePortAddresses: ['primary'] }, v6)), ['-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS']);
  assert.deepEqual(nodePortsTail(restore({ ...ipv6Config, nodePortAddresses: ['::/0'] }, v6)), ['-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS']);
  assert.deepEqual(nodePortsTail(restore({ ...ipv6Config, nodePortAddresses: ['primary'] }, v6)), ['-d fd00::2 -j KUBE-NODEPORTS']);
});

test('load-balancer IPs in the status count whatever the type (newBaseServiceInfo reads the status as it is)', () => {
  const objects = [service('ns', 'stale', { clusterIP: '172.30.0.9', ports: [{ name: 'p80', port: 80, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }), slice('ns', 'stale', ['10.1.0.1'])];
  const restore = proxy.iptablesRestore(model(objects), config);
  assert.deepEqual(lines(restore, '1.2.3.4'), ['-A KUBE-SERVICES -m comment --comment "ns/stale:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-M37JNDDUO2AH2JVH']);
  assert.deepEqual(lines(restore, '-A KUBE-EXT-'), [
    '-A KUBE-EXT-M37JNDDUO2AH2JVH -m comment --comment "masquerade traffic for ns/stale:p80 external destinations" -j KUBE-MARK-MASQ',
    '-A KUBE-EXT-M37JNDDUO2AH2JVH -j KUBE-SVC-M37JNDDUO2AH2JVH',
  ]);
});

test('both traffic policies Local on a NodePort: KUBE-EXT short-circuits to KUBE-SVC, which holds every endpoint', () => {
  const restore = proxy.iptablesRestore(model(workspaces.etpLocal), config);
  assert.deepEqual(lines(restore, 'EJFM3GLWHHNQ2QKF').filter((l) => l.startsWith(':') || l.startsWith('-A KUBE-SVC') || l.startsWith('-A KUBE-EXT') || l.startsWith('-A KUBE-SVL')), [
    ':KUBE-EXT-EJFM3GLWHHNQ2QKF - [0:0]',
    ':KUBE-SVC-EJFM3GLWHHNQ2QKF - [0:0]',
    ':KUBE-SVL-EJFM3GLWHHNQ2QKF - [0:0]',
    '-A KUBE-EXT-EJFM3GLWHHNQ2QKF -m comment --comment "pod traffic for ns2/both-local:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-EJFM3GLWHHNQ2QKF',
    '-A KUBE-EXT-EJFM3GLWHHNQ2QKF -m comment --comment "masquerade LOCAL traffic for ns2/both-local:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
    '-A KUBE-EXT-EJFM3GLWHHNQ2QKF -m comment --comment "route LOCAL traffic for ns2/both-local:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-EJFM3GLWHHNQ2QKF',
    '-A KUBE-EXT-EJFM3GLWHHNQ2QKF -j KUBE-SVL-EJFM3GLWHHNQ2QKF',
    '-A KUBE-SVC-EJFM3GLWHHNQ2QKF -m comment --comment "ns2/both-local:p80 -> 10.180.0.10:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-T2UOVGMTADOH2XKO',
    '-A KUBE-SVC-EJFM3GLWHHNQ2QKF -m comment --comment "ns2/both-local:p80 -> 10.180.0.9:80" -j KUBE-SEP-FUABVIYCHE4HFUXX',
    '-A KUBE-SVL-EJFM3GLWHHNQ2QKF -m comment --comment "ns2/both-local:p80 cluster IP" -m tcp -p tcp -d 172.30.0.47 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
    '-A KUBE-SVL-EJFM3GLWHHNQ2QKF -m comment --comment "ns2/both-local:p80 -> 10.180.0.10:80" -j KUBE-SEP-T2UOVGMTADOH2XKO',
  ]);
});

test('nftables: local- policy chains, the short-circuit comments, commented no-endpoint elements, nodeport-ips, the firewall with the VIP', () => {
  const nft = proxy.nftablesRules(model(workspaces.etpLocal), config);
  const chain = (name) => {
    const start = nft.indexOf(`\tchain ${name} {\n`);
    return nft.slice(start, nft.indexOf('\t}', start)).split('\n').slice(1, -1).map((l) => l.trim());
  };
  assert.deepEqual(chain('external-4NECUTKO-ns2/both-local/tcp/p80'), [
    'ip saddr 10.0.0.0/8 goto service-4NECUTKO-ns2/both-local/tcp/p80 comment "short-circuit pod traffic"',
    'fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"',
    'fib saddr type local goto service-4NECUTKO-ns2/both-local/tcp/p80 comment "short-circuit local traffic"',
    'goto local-4NECUTKO-ns2/both-local/tcp/p80',
  ]);
  assert.deepEqual(chain('local-4NECUTKO-ns2/both-local/tcp/p80'), [
    'ip daddr 172.30.0.47 tcp dport 80 ip saddr != 10.0.0.0/8 jump mark-for-masquerade',
    'numgen random mod 1 vmap { 0 : goto endpoint-N5WLXZIX-ns2/both-local/tcp/p80__10.180.0.10/80 }',
  ]);
  assert.deepEqual(chain('service-4NECUTKO-ns2/both-local/tcp/p80'), [
    'numgen random mod 2 vmap { 0 : goto endpoint-N5WLXZIX-ns2/both-local/tcp/p80__10.180.0.10/80, 1 : goto endpoint-LMJJHQSF-ns2/both-local/tcp/p80__10.180.0.9/80 }',
  ]);
  assert.match(nft, /\t\telements = \{ 172\.30\.0\.44 \. tcp \. 80 comment "ns2\/itp-none:p80" : drop,\n\t\t\t     172\.30\.0\.48 \. tcp \. 80 comment "ns2\/remote-itp:p80" : drop \}\n/);
  assert.deepEqual(chain('reject-chain'), ['comment "helper for @no-endpoint-services / @no-endpoint-nodeports"', 'reject']);
  assert.deepEqual(chain('masquerading').at(-1), 'masquerade fully-random');

  const lb = proxy.nftablesRules(model(workspaces.loadBalancer), config);
  assert.match(lb, /\tchain firewall-AKOP7O27-ns5\/lb\/tcp\/p80 \{\n\t\tip saddr != \{ 5\.6\.7\.8, 192\.168\.0\.0\/24, 203\.0\.113\.0\/25 \} drop\n/);

  const options = proxy.nftablesRules(model(optionsWorkspace, optionsConfig), optionsConfig);
  assert.match(options, /\tset nodeport-ips \{\n\t\ttype ipv4_addr\n\t\tcomment "IPs that accept NodePort traffic"\n\t\telements = \{ 192\.168\.0\.2 \}\n\t\}\n/);
  assert.match(options, /\tchain nodeport-endpoints-check \{\n\t\tip daddr @nodeport-ips meta l4proto \. th dport vmap @no-endpoint-nodeports\n/);
  assert.match(options, /\t\tip daddr @nodeport-ips meta l4proto \. th dport vmap @service-nodeports\n/);
  // cluster-ips: every cluster IP (IPv4 two per line, as nft lists them); traffic to other ports is
  // rejected, to unallocated IPs of the Service CIDR dropped.
  assert.match(nft, /\tset cluster-ips \{\n\t\ttype ipv4_addr\n\t\tcomment "Active ClusterIPs"\n\t\telements = \{ 172\.30\.0\.42, 172\.30\.0\.43,\n\t\t\t     172\.30\.0\.44, 172\.30\.0\.47,\n\t\t\t     172\.30\.0\.48 \}\n\t\}\n/);
  assert.deepEqual(chain('cluster-ips-check'), ['ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"']);
  assert.match(options, /\tchain cluster-ips-check \{\n\t\tip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"\n\t\tip daddr 172\.30\.0\.0\/16 drop comment "Drop traffic to unallocated ClusterIPs"\n\t\}\n/);
});

test('IPVS: internalTrafficPolicy Local without a local endpoint keeps the cluster endpoints (kubernetes#97081); IPv6 set names cut to 31 characters', () => {
  const objects = [service('ns', 'itp', { type: 'NodePort', clusterIP: '172.30.0.9', internalTrafficPolicy: 'Local', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] }), slice('ns', 'itp', ['10.1.0.1'])];
  assert.deepEqual(
    proxy.virtualServers(model(objects), config).map((v) => `${v.address}:${v.port} ${v.realServers.map((e) => e.key).join(' ')}`),
    ['172.30.0.9:80 10.1.0.1:80', '192.168.0.2:30080 10.1.0.1:80'],
  );
  // No node address in --nodeport-addresses: kube-proxy skips the NodePort and health-check entries.
  const narrowed = { ...config, nodePortAddresses: ['10.99.0.0/16'] };
  const entries = proxy.ipsetEntries(model(workspaces.etpLocal, narrowed), narrowed);
  assert.deepEqual(['KUBE-NODE-PORT-TCP', 'KUBE-NODE-PORT-LOCAL-TCP', 'KUBE-HEALTH-CHECK-NODE-PORT'].map((n) => entries.get(n)), [[], [], []]);
  assert.deepEqual(lines(proxy.ipvsIptables(model(workspaces.etpLocal, narrowed), narrowed), '-A KUBE-NODE-PORT'), [
    '-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT',
  ]);
  const names = proxy.ipsetSave(model(workspaces.ipv6, ipv6Config), ipv6Config).split('\n').filter((l) => l.startsWith('create ')).map((l) => l.split(' ')[1]);
  assert.deepEqual(names.filter((n) => n.length >= 31), ['KUBE-6-LOAD-BALANCER-SOURCE-CID', 'KUBE-6-NODE-PORT-LOCAL-SCTP-HAS']);
});
