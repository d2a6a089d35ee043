// kubeplan iptables: kube-proxy's rules on one node for the simulation's Services (built CLI, dist/cli.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { sharedDir } from '../helpers/paths.mjs';
import { deployment } from '../helpers/manifests.mjs';

const vectors = join(sharedDir, 'vectors', 'iptables');
const skip = existsSync(vectors) ? false : `needs ${vectors}, absent here`;

test('every ../shared/vectors/iptables case through the CLI: --format restore and save, stdout byte for byte', { skip }, () => {
  const cases = readdirSync(vectors).filter((name) => existsSync(join(vectors, name, 'input.yaml'))).sort();
  assert.ok(cases.length >= 2, cases.join(', '));
  for (const name of cases) {
    const dir = join(vectors, name);
    for (const format of ['restore', 'save']) {
      const r = runCli(['iptables', join(dir, 'input.yaml'), '--proxy-config', join(dir, 'config.json'), '--format', format]);
      assert.equal(r.status, 0, `${name} ${format}: ${r.stderr}`);
      assert.equal(r.stdout, readFileSync(join(dir, `expected.${format}`), 'utf8'), `${name}: ${format}`);
      // The fixtures' namespaces do not exist on the default cluster (and their IPs are outside its
      // ranges): each refused object is rendered as written, with a warning.
      for (const line of r.stderr.split('\n').slice(0, -1)) assert.match(line, /^kubeplan: warning: (Service|EndpointSlice) ns\d\/\S+ rendered as written: kubectl apply would fail: /, name);
    }
  }
});

const APP = `${deployment('web', 2, `      containers:
      - name: app
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}]
        resources: {requests: {cpu: 500m, memory: 256Mi}}
`)}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
# No selector: the workspace's own EndpointSlice is the endpoint list.
apiVersion: v1
kind: Service
metadata: {name: external-db}
spec:
  ports: [{port: 5432}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: external-db-1, labels: {kubernetes.io/service-name: external-db}}
addressType: IPv4
endpoints: [{addresses: [192.168.10.5]}]
ports: [{port: 5432, protocol: TCP}]
`;

function dir(files) {
  const d = mkdtempSync(join(tmpdir(), 'kubeplan-iptables-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

test('kubeplan iptables --format restore: the simulated pods behind the Service, the allocated cluster IP and node port', () => {
  const r = runCli(['iptables', 'app.yaml', '--format', 'restore'], { cwd: dir({ 'app.yaml': APP }) });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout,
    [
      '*filter',
      ':KUBE-NODEPORTS - [0:0]',
      ':KUBE-SERVICES - [0:0]',
      ':KUBE-EXTERNAL-SERVICES - [0:0]',
      ':KUBE-FIREWALL - [0:0]',
      ':KUBE-FORWARD - [0:0]',
      ':KUBE-PROXY-FIREWALL - [0:0]',
      '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      'COMMIT',
      '*nat',
      ':KUBE-NODEPORTS - [0:0]',
      ':KUBE-SERVICES - [0:0]',
      ':KUBE-EXT-CDGGSHYLG3RE2FKL - [0:0]',
      ':KUBE-MARK-MASQ - [0:0]',
      ':KUBE-POSTROUTING - [0:0]',
      ':KUBE-SEP-4EX2N4PG4ASNZOBF - [0:0]',
      ':KUBE-SEP-LOQY3IC7QU6RZFAE - [0:0]',
      ':KUBE-SEP-UIQK3OSOSTRHRPBX - [0:0]',
      ':KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]',
      ':KUBE-SVC-W5ZCZRCQ6SCZBPFH - [0:0]',
      '-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp -d 127.0.0.0/8 --dport 30086 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-CDGGSHYLG3RE2FKL',
      '-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30086 -j KUBE-EXT-CDGGSHYLG3RE2FKL',
      '-A KUBE-SERVICES -m comment --comment "default/external-db cluster IP" -m tcp -p tcp -d 10.96.1.2 --dport 5432 -j KUBE-SVC-W5ZCZRCQ6SCZBPFH',
      '-A KUBE-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.1.1 --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      '-A KUBE-EXT-CDGGSHYLG3RE2FKL -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-CDGGSHYLG3RE2FKL -j KUBE-SVC-CDGGSHYLG3RE2FKL',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
      '-A KUBE-SEP-4EX2N4PG4ASNZOBF -m comment --comment default/web:http -s 10.244.2.2 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-4EX2N4PG4ASNZOBF -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.2:8080',
      '-A KUBE-SEP-LOQY3IC7QU6RZFAE -m comment --comment default/external-db -s 192.168.10.5 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-LOQY3IC7QU6RZFAE -m comment --comment default/external-db -m tcp -p tcp -j DNAT --to-destination 192.168.10.5:5432',
      '-A KUBE-SEP-UIQK3OSOSTRHRPBX -m comment --comment default/web:http -s 10.244.1.2 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-UIQK3OSOSTRHRPBX -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080',
      '-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.1.1 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.1.2:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UIQK3OSOSTRHRPBX',
      '-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.2.2:8080" -j KUBE-SEP-4EX2N4PG4ASNZOBF',
      '-A KUBE-SVC-W5ZCZRCQ6SCZBPFH -m comment --comment "default/external-db cluster IP" -m tcp -p tcp -d 10.96.1.2 --dport 5432 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-W5ZCZRCQ6SCZBPFH -m comment --comment "default/external-db -> 192.168.10.5:5432" -j KUBE-SEP-LOQY3IC7QU6RZFAE',
      'COMMIT',
      '',    ].join('\n'),
  );
});

test('kubeplan iptables: save form by default, what iptables-save prints', () => {
  const cwd = dir({ 'app.yaml': APP });
  const r = runCli(['iptables', 'app.yaml'], { cwd });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, runCli(['iptables', 'app.yaml', '--format', 'save'], { cwd }).stdout);
  assert.ok(r.stdout.startsWith('*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n'), r.stdout);
  assert.ok(r.stdout.includes('\n-A KUBE-SVC-CDGGSHYLG3RE2FKL ! -s 10.244.0.0/16 -d 10.96.1.1/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ\n'), r.stdout);
});

test('kubeplan iptables --mode ipvs --node control-plane: ipvsadm, ipset and iptables sections; the node IP of the node chosen', () => {
  const r = runCli(['iptables', 'app.yaml', '--mode', 'ipvs', '--node', 'control-plane', '--format', 'restore'], { cwd: dir({ 'app.yaml': APP }) });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const ipvsadm = [
      '# ipvsadm -Ln',
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.96.1.1:80 rr',
      '  -> 10.244.1.2:8080              Masq    1      0          0         ',
      '  -> 10.244.2.2:8080              Masq    1      0          0         ',
      'TCP  10.96.1.2:5432 rr',
      '  -> 192.168.10.5:5432            Masq    1      0          0         ',
      'TCP  192.168.49.2:30086 rr',
      '  -> 10.244.1.2:8080              Masq    1      0          0         ',
      '  -> 10.244.2.2:8080              Masq    1      0          0         ',
      '',
      '',  ].join('\n');
  assert.ok(r.stdout.startsWith(ipvsadm), r.stdout);
  assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('# ')), ['# ipvsadm -Ln', '# ipset save', '# iptables-restore']);
  assert.match(r.stdout, /\n\n# ipset save\ncreate KUBE-LOOP-BACK /);
  assert.match(r.stdout, /\nadd KUBE-NODE-PORT-TCP 30086\n/);
  assert.match(r.stdout, /\n\n# iptables-restore\n\*nat\n[^]*COMMIT\n\*filter\n[^]*COMMIT\n$/);
});

test('kubeplan iptables --mode nftables: the nft listing', () => {
  const r = runCli(['iptables', 'app.yaml', '--mode', 'nftables'], { cwd: dir({ 'app.yaml': APP }) });
  assert.equal(r.status, 0);
  assert.ok(r.stdout.startsWith('table ip kube-proxy {\n'), r.stdout);
  assert.match(r.stdout, /10\.96\.1\.1 \. tcp \. 80 : goto service-SUSTUHLJ-default\/web\/tcp\/http/);
  assert.ok(r.stdout.endsWith('}\n'));
});

test('kubeplan iptables: the cluster profile sets mode, pod CIDR, masquerade bit and --random-fully; --mode overrides the mode', () => {
  const profile = `apiVersion: kubeplan.dev/v1alpha1
kind: ClusterProfile
metadata: {name: lab}
spec:
  podCIDR: 10.10.0.0/16
  proxy: {mode: ipvs, masqueradeBit: 15, randomFully: true}
`;
  const cwd = dir({ 'app.yaml': APP, 'cluster.yaml': profile });
  assert.ok(runCli(['iptables', 'app.yaml', '--cluster', 'cluster.yaml'], { cwd }).stdout.startsWith('# ipvsadm -Ln\n'));
  const r = runCli(['iptables', 'app.yaml', '--cluster', 'cluster.yaml', '--mode', 'iptables', '--format', 'restore'], { cwd });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\n-A KUBE-MARK-MASQ -j MARK --or-mark 0x8000\n/);
  assert.match(r.stdout, /\n-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully\n/);
  assert.match(r.stdout, / --dport 80 ! -s 10\.10\.0\.0\/16 -j KUBE-MARK-MASQ\n/);
});

test('kubeplan iptables --proxy-config: overrides the profile for the node rendered', () => {
  const cwd = dir({ 'app.yaml': APP, 'proxy.json': JSON.stringify({ comment: 'ignored', nodeName: 'elsewhere', clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x1000', nfacct: false }) });
  const r = runCli(['iptables', 'app.yaml', '--proxy-config', 'proxy.json', '--format', 'restore'], { cwd });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\n-A KUBE-MARK-MASQ -j MARK --or-mark 0x1000\n/);
  assert.match(r.stdout, / --dport 80 ! -s 10\.0\.0\.0\/8 -j KUBE-MARK-MASQ\n/);
  assert.doesNotMatch(r.stdout, /nfacct/);
});

test('kubeplan iptables: usage errors exit 2 with one line', () => {
  const cwd = dir({
    'app.yaml': APP,
    'type.json': '{"nodeName": 1}',
    'key.json': '{"nodeName": "x", "mode": "ipvs"}',
    'mode.json': '{"proxyMode": "userspace"}',
    'array.json': '[1]',
  });
  const cases = [
    [['iptables', 'app.yaml', '--proxy-config', 'type.json'], 'kubeplan: proxy config type.json: nodeName must be a string\n'],
    [['iptables', 'app.yaml', '--proxy-config', 'key.json'], 'kubeplan: proxy config key.json: unknown key "mode" (allowed: nodeName, nodeIP, clusterCIDR, masqueradeMark, localhostNodePorts, nfacct, randomFully, proxyMode, comment)\n'],
    [['iptables', 'app.yaml', '--proxy-config', 'mode.json'], 'kubeplan: proxy config mode.json: proxyMode must be one of iptables, ipvs, nftables (got "userspace")\n'],
    [['iptables', 'app.yaml', '--proxy-config', 'array.json'], 'kubeplan: proxy config array.json must be a JSON object\n'],
    [['iptables', 'app.yaml', '--proxy-config', 'none.json'], 'kubeplan: cannot read proxy config none.json: no such file or directory\n'],
    [['iptables', 'app.yaml', '--node', 'worker-9'], 'kubeplan: --node: the cluster has no node "worker-9" (nodes: control-plane, worker-1, worker-2, worker-3)\n'],
    [['iptables', 'app.yaml', '--mode', 'userspace'], 'kubeplan: --mode must be one of iptables, ipvs, nftables (got "userspace")\n'],
    [['iptables', 'app.yaml', '--format', 'json'], 'kubeplan: --format must be one of save, restore (got "json")\n'],
    [['iptables', 'app.yaml', '--proxy-config'], 'kubeplan: --proxy-config needs a value\n'],
    [['iptables'], 'kubeplan: no paths given (use - to read stdin)\n'],
    [['simulate', 'app.yaml', '--mode', 'ipvs'], 'kubeplan: unknown flag --mode\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = runCli(args, { cwd });
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const r = runCli(['iptables', 'app.yaml', '--proxy-config', 'broken.json'], { cwd: dir({ 'app.yaml': APP, 'broken.json': '{' }) });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^kubeplan: proxy config broken\.json is not JSON: [^\n]+\n$/);
});
