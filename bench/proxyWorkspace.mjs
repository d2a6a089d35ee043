// The kube-proxy benches' workspace: 10,000 Services × 10 endpoints (one EndpointSlice each) in 100
// namespaces, as objects (bench/proxy.mjs) or as one YAML file per namespace (bench/proxy-editor.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const SERVICES = 10000;
export const NAMESPACES = 100;

export function proxyObjects() {
  const objects = [];
  for (let s = 0; s < SERVICES; s++) {
    const ns = `ns${s % NAMESPACES}`;
    const name = `svc${s}`;
    // Cluster IPs inside the default cluster's Service CIDR (10.96.0.0/12), so the simulator keeps them.
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name }, spec: { clusterIP: `10.${96 + (s >> 16)}.${(s >> 8) & 255}.${s & 255}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } });
    objects.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { namespace: ns, name: `${name}-1`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints: Array.from({ length: 10 }, (_, i) => ({ addresses: [`10.${(s >> 8) & 255}.${s & 255}.${i + 1}`], nodeName: `node-${i}` })),
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  return objects;
}

/** Writes the workspace under `dir` (ns0.yaml … ns99.yaml, each with its Namespace); returns the file paths. */
export function writeProxyWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  const byNamespace = new Map();
  for (const o of proxyObjects()) {
    const ns = o.metadata.namespace;
    if (!byNamespace.has(ns)) byNamespace.set(ns, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
    byNamespace.get(ns).push(o);
  }
  return [...byNamespace].map(([ns, objects]) => {
    const path = join(dir, `${ns}.yaml`);
    writeFileSync(path, objects.map((o) => stringify(o)).join('---\n'));
    return path;
  });
}
