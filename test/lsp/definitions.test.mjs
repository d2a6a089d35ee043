// Go to definition and find references over LSP, across files: a Service's selector → the pod
// template it selects; a secretKeyRef → the Secret's key; a scaleTargetRef → the Deployment; and back,
// from the Deployment to the Service, the Ingress that routes to it and the HPA that scales it.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lspClient.mjs';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: web-token, key: token}}}]
---
apiVersion: v1
kind: Secret
metadata: {name: web-token}
stringData: {token: t0k3n}
`;
const NET = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
`;

/** The position of the `n`th occurrence of `needle` in `text`, `delta` characters in. */
function position(text, needle, delta = 0, n = 0) {
  let offset = -1;
  for (let i = 0; i <= n; i++) offset = text.indexOf(needle, offset + 1);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before.at(-1).length };
}
const show = (locations) => locations.map((l) => `${l.uri.split('/').at(-1)}:${l.range.start.line + 1}:${l.range.start.character + 1}`);

describe('definitions and references over LSP', () => {
  let client;
  after(() => client?.kill());

  it('from a selector, a secretKeyRef and a scaleTargetRef to what they name; from a Deployment to what points at it', async () => {
    client = await startServer({ timeoutMs: 30_000 });
    const web = 'file:///kubeplan-definitions/web.yaml';
    const net = 'file:///kubeplan-definitions/net.yaml';
    const run = client.simulations.length;
    client.didOpen(web, WEB);
    client.didOpen(net, NET);
    await client.waitForSimulations(run + 1);
    const definition = (uri, text, needle, delta, n) => client.request('textDocument/definition', { textDocument: { uri }, position: position(text, needle, delta, n) }).then(show);
    assert.deepEqual(await definition(net, NET, 'selector', 2), ['web.yaml:7:16']);
    assert.deepEqual(await definition(web, WEB, 'key: token', 6), ['web.yaml:17:21']);
    assert.deepEqual(await definition(web, WEB, 'name: web-token', 7), ['web.yaml:16:18']);
    assert.deepEqual(await definition(net, NET, 'scaleTargetRef', 3), ['web.yaml:3:18']);
    assert.deepEqual(await definition(net, NET, 'service:', 3), ['net.yaml:3:18']);
    const refs = await client.request('textDocument/references', { textDocument: { uri: web }, position: position(WEB, 'Deployment', 2), context: { includeDeclaration: false } }).then(show);
    assert.deepEqual(refs, ['net.yaml:5:3', 'net.yaml:12:36', 'net.yaml:18:65']);
    const secretRefs = await client.request('textDocument/references', { textDocument: { uri: web }, position: position(WEB, 'kind: Secret', 7), context: { includeDeclaration: false } }).then(show);
    assert.deepEqual(secretRefs, ['web.yaml:12:64']);
  });

  it('from a NetworkPolicy peer\'s podSelector to the pods it admits; from ingressClassName to the IngressClass; from an HTTPRoute\'s parentRefs to the Gateway and its backendRefs to the Service', async () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: web}}
        - namespaceSelector: {}
          podSelector: {matchLabels: {app: web}}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: cilium
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: site}
spec:
  parentRefs: [{name: edge, namespace: infra}, {name: other, kind: Service}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`;
    const uri = 'file:///kubeplan-definitions/policy.yaml';
    const run = client.simulations.length;
    client.didOpen(uri, policy);
    await client.waitForSimulations(run + 1);
    const definition = (needle, delta, n) => client.request('textDocument/definition', { textDocument: { uri }, position: position(policy, needle, delta, n) }).then(show);
    assert.deepEqual(await definition('podSelector', 2, 1), ['web.yaml:7:16']);
    // With a namespaceSelector, the peer's pods are those of other namespaces too: not resolved here.
    assert.deepEqual(await definition('podSelector', 2, 2), []);
    assert.deepEqual(await definition('ingressClassName', 2), ['policy.yaml:14:18']);
    assert.deepEqual(await definition('[{name: edge', 9), ['policy.yaml:26:18']);
    assert.deepEqual(await definition('name: other', 7), []);
    assert.deepEqual(await definition('backendRefs', 17), ['net.yaml:3:18']);
    // And back: the Deployment is referenced by the policy's peer too.
    const refs = await client.request('textDocument/references', { textDocument: { uri: 'file:///kubeplan-definitions/web.yaml' }, position: position(WEB, 'Deployment', 2), context: { includeDeclaration: false } }).then(show);
    assert.deepEqual(refs, ['net.yaml:5:3', 'net.yaml:12:36', 'policy.yaml:22:36', 'policy.yaml:8:11', 'net.yaml:18:65']);
  });
});
