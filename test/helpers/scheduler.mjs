// Builders for the scheduler tests: small Nodes and Pods with only the fields that matter.
export const node = (name, { cpu = '4', memory = '8Gi', pods = '110', labels = {}, taints, unschedulable, images } = {}) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  spec: { ...(taints ? { taints } : {}), ...(unschedulable ? { unschedulable } : {}) },
  status: { allocatable: { cpu, memory, pods }, ...(images ? { images } : {}) },
});

export const pod = (name, { requests, labels = {}, image = 'nginx', ports, ...spec } = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { containers: [{ name: 'c', image, ...(requests ? { resources: { requests } } : {}), ...(ports ? { ports } : {}) }], ...spec },
});

export const bound = (p, nodeName) => ({ ...p, spec: { ...p.spec, nodeName } });

export const V135 = { kubernetesVersion: '1.35' };
export const V133 = { kubernetesVersion: '1.33' };

/** node → the verdict of one filter plugin. */
export const verdicts = (result, plugin) => Object.fromEntries(result.nodes.map((n) => [n.node, n.filter[plugin]]));
/** node → one plugin's [raw, final] score. */
export const scores = (result, plugin) => Object.fromEntries(result.nodes.map((n) => [n.node, [n.scores[plugin], n.finalScores[plugin]]]));
