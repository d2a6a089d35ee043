// Small generated workspaces for the kube-proxy tests: Services + EndpointSlices as plain objects.

export const config = {
  nodeName: 'test-node',
  nodeIP: '192.168.0.2',
  clusterCIDR: '10.0.0.0/8',
  masqueradeMark: '0x4000',
  localhostNodePorts: true,
  nfacct: true,
  randomFully: false,
  proxyMode: 'iptables',
};

export function service(ns, name, spec, status) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name }, spec, ...(status ? { status } : {}) };
}

export function slice(ns, service, endpoints, ports = [{ name: 'p80', port: 80, protocol: 'TCP' }], addressType = 'IPv4') {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace: ns, name: `${service}-1`, labels: { 'kubernetes.io/service-name': service } },
    addressType,
    endpoints: endpoints.map((e) => (typeof e === 'string' ? { addresses: [e] } : e)),
    ports,
  };
}

const p80 = [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }];

export const workspaces = {
  affinity: [
    service('ns1', 'sticky', { clusterIP: '172.30.0.50', sessionAffinity: 'ClientIP', ports: p80 }),
    slice('ns1', 'sticky', ['10.180.0.1', '10.180.0.2', '10.180.0.3']),
    service('ns1', 'short', { clusterIP: '172.30.0.51', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: p80 }),
    slice('ns1', 'short', ['10.180.1.1']),
  ],
  loadBalancer: [
    service(
      'ns5',
      'lb',
      { type: 'LoadBalancer', clusterIP: '172.30.0.45', loadBalancerSourceRanges: ['203.0.113.0/25', '192.168.0.0/24'], ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] },
      { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { ip: '5.6.7.9', ipMode: 'Proxy' }] } },
    ),
    slice('ns5', 'lb', ['10.180.0.3', { addresses: ['10.180.0.4'], conditions: { ready: false } }]),
    service('ns5', 'empty-lb', { type: 'LoadBalancer', clusterIP: '172.30.0.46', externalIPs: ['192.168.99.1'], ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30081 }] }, { loadBalancer: { ingress: [{ ip: '5.6.7.10' }] } }),
  ],
  etpLocal: [
    service(
      'ns2',
      'local',
      { type: 'LoadBalancer', clusterIP: '172.30.0.42', externalTrafficPolicy: 'Local', healthCheckNodePort: 30000, ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }] },
      { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    ),
    slice('ns2', 'local', ['10.180.0.2', { addresses: ['10.180.0.5'], nodeName: 'test-node' }]),
    service('ns2', 'itp', { clusterIP: '172.30.0.43', internalTrafficPolicy: 'Local', ports: p80 }),
    slice('ns2', 'itp', ['10.180.0.6', { addresses: ['10.180.0.7'], nodeName: 'test-node' }]),
    service('ns2', 'itp-none', { clusterIP: '172.30.0.44', internalTrafficPolicy: 'Local', ports: p80 }),
    slice('ns2', 'itp-none', ['10.180.0.8']),
    // Both policies Local on a NodePort: KUBE-EXT still short-circuits pod and node traffic to KUBE-SVC.
    service('ns2', 'both-local', { type: 'NodePort', clusterIP: '172.30.0.47', internalTrafficPolicy: 'Local', externalTrafficPolicy: 'Local', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30047 }] }),
    slice('ns2', 'both-local', ['10.180.0.9', { addresses: ['10.180.0.10'], nodeName: 'test-node' }]),
    // internalTrafficPolicy Local, sticky, no endpoint here: external traffic still reaches the others.
    service('ns2', 'remote-itp', { type: 'NodePort', clusterIP: '172.30.0.48', internalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30048 }] }),
    slice('ns2', 'remote-itp', ['10.180.0.11', '10.180.0.12']),
  ],
  tenEndpoints: [
    service('ns3', 'ten', { type: 'NodePort', clusterIP: '172.30.0.60', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30060 }, { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }] }),
    slice('ns3', 'ten', Array.from({ length: 10 }, (_, i) => `10.0.0.${i + 1}`), [{ name: 'p80', port: 80, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }]),
    service('ns3', 'terminating', { clusterIP: '172.30.0.61', ports: p80 }),
    slice('ns3', 'terminating', [{ addresses: ['10.0.1.1'], conditions: { ready: false, serving: true, terminating: true } }, { addresses: ['10.0.1.2'], conditions: { ready: false, serving: false, terminating: true } }]),
  ],
  ipv6: [
    service('ns6', 'v6', { type: 'NodePort', clusterIP: 'fd00:10:96::10', clusterIPs: ['fd00:10:96::10'], ipFamilies: ['IPv6'], sessionAffinity: 'ClientIP', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30090 }] }),
    slice('ns6', 'v6', ['fd00:10:244::1', 'fd00:10:244::2'], [{ name: 'p80', port: 8080, protocol: 'TCP' }], 'IPv6'),
    service('ns6', 'dual', { clusterIP: '172.30.0.70', clusterIPs: ['172.30.0.70', 'fd00:10:96::20'], ipFamilies: ['IPv4', 'IPv6'], ports: p80 }),
    slice('ns6', 'dual', ['10.180.5.1']),
    slice('ns6', 'dual', ['fd00:10:244::5'], [{ name: 'p80', port: 80, protocol: 'TCP' }], 'IPv6'),
    service('ns6', 'v6-empty', { clusterIP: 'fd00:10:96::30', clusterIPs: ['fd00:10:96::30'], ports: p80 }),
  ],
};

export const ipv6Config = { ...config, clusterCIDR: '10.0.0.0/8,fd00:10:244::/48', nodeIPv6: 'fd00::2', family: 6 };

/** Non-default settings: SCTP, --random-fully, no nfacct, no localhost NodePorts, --nodeport-addresses, masqueradeAll, a Service CIDR. */
export const optionsWorkspace = [
  service('ns7', 'sctp', { type: 'NodePort', clusterIP: '172.30.0.80', ports: [{ name: 'sig', port: 9999, protocol: 'SCTP', nodePort: 30999 }] }),
  slice('ns7', 'sctp', ['10.180.7.1', '10.180.7.2'], [{ name: 'sig', port: 9999, protocol: 'SCTP' }]),
];
export const optionsConfig = { ...config, randomFully: true, nfacct: false, localhostNodePorts: false, nodePortAddresses: ['192.168.0.0/24'], masqueradeAll: true, serviceCIDR: '172.30.0.0/16' };

/** Over 1000 endpoints in total: kube-proxy's large-cluster mode drops SVC→SEP and SEP comments. */
export function largeWorkspace(services = 11, perService = 100) {
  const out = [];
  for (let s = 0; s < services; s++) {
    out.push(service('big', `svc${s}`, { clusterIP: `172.30.1.${s + 1}`, ports: [{ name: 'p80', port: 80, protocol: 'TCP' }] }));
    out.push(slice('big', `svc${s}`, Array.from({ length: perService }, (_, i) => `10.${1 + s}.${Math.floor(i / 250)}.${(i % 250) + 1}`)));
  }
  return out;
}
