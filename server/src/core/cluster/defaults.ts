import { obj, type Obj } from '../model/obj';
import { defaultPodSpec } from '../resources/podResources';
import { nameOf } from './store';

/**
 * The API server's defaulting (SetDefaults_* in pkg/apis/core/v1/defaults.go and apps/v1, batch/v1)
 * for the fields users compare after `kubectl get -o yaml`. Fields not listed here are left as written.
 */

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** SetDefaults_Container's imagePullPolicy: Always for `:latest` or untagged images, else IfNotPresent. */
export function defaultPullPolicy(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: unknown): unknown {
  const container = obj(c);
  if (!container) return c;
  const out: Obj = {
    ...container,
    imagePullPolicy: container.imagePullPolicy ?? defaultPullPolicy(container.image),
    resources: container.resources ?? {},
    terminationMessagePath: container.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: container.terminationMessagePolicy ?? 'File',
  };
  if (Array.isArray(container.ports)) out.ports = container.ports.map((p) => (obj(p) ? { ...p, protocol: obj(p)!.protocol ?? 'TCP' } : p));
  return out;
}

/**
 * A spec defaulting function whose result is kept per input spec object and shared: every pod of a
 * ReplicaSet starts from the same template spec, and a workspace's unchanged manifests keep their
 * parsed objects between simulations. Callers copy before they change a result.
 */
function keptPerSpec(defaultSpec: (spec: Obj) => Obj): (spec: Obj) => Obj {
  const bySpec = new WeakMap<Obj, Obj>();
  return (spec) => {
    let out = bySpec.get(spec);
    if (!out) bySpec.set(spec, (out = defaultSpec(spec)));
    return out;
  };
}

/** SetDefaults_PodSpec and its containers (plus limits → requests, from the resources work). */
export const defaultedPodSpec = keptPerSpec(defaultPodSpecFields);

function defaultPodSpecFields(spec: Obj): Obj {
  const s = defaultPodSpec(spec);
  const out: Obj = {
    ...s,
    containers: Array.isArray(s.containers) ? s.containers.map(defaultContainer) : s.containers,
    dnsPolicy: s.dnsPolicy ?? 'ClusterFirst',
    enableServiceLinks: s.enableServiceLinks ?? true,
    restartPolicy: s.restartPolicy ?? 'Always',
    schedulerName: s.schedulerName ?? 'default-scheduler',
    securityContext: s.securityContext ?? {},
    terminationGracePeriodSeconds: s.terminationGracePeriodSeconds ?? 30,
  };
  if (Array.isArray(s.initContainers)) out.initContainers = s.initContainers.map(defaultContainer);
  else delete out.initContainers;
  return out;
}

/** SetDefaults_Service: type, session affinity, ports' protocol and targetPort, traffic policies, IP family. */
function defaultServiceSpec(spec: Obj): Obj {
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const out: Obj = { ...spec, type, sessionAffinity: spec.sessionAffinity ?? 'None' };
  if (type !== 'ExternalName') {
    out.ports = Array.isArray(spec.ports)
      ? spec.ports.map((p) => {
          const port = obj(p);
          return port ? { ...port, protocol: port.protocol ?? 'TCP', targetPort: isSet(port.targetPort) ? port.targetPort : port.port } : p;
        })
      : spec.ports;
    out.internalTrafficPolicy = spec.internalTrafficPolicy ?? 'Cluster';
    if ((type === 'NodePort' || type === 'LoadBalancer') && !isSet(spec.externalTrafficPolicy)) out.externalTrafficPolicy = 'Cluster';
    if (type === 'LoadBalancer' && !isSet(spec.allocateLoadBalancerNodePorts)) out.allocateLoadBalancerNodePorts = true;
  }
  if (spec.sessionAffinity === 'ClientIP' && !obj(spec.sessionAffinityConfig)) out.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  return out;
}

/** SetDefaults_Deployment: replicas, strategy, history limit, progress deadline. */
function defaultDeploymentSpec(spec: Obj): Obj {
  const strategy = obj(spec.strategy) ?? {};
  const type = strategy.type ?? 'RollingUpdate';
  const rolling = type === 'RollingUpdate' ? { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%', ...(obj(strategy.rollingUpdate) ?? {}) } } : {};
  return { ...spec, replicas: spec.replicas ?? 1, revisionHistoryLimit: spec.revisionHistoryLimit ?? 10, progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600, strategy: { ...strategy, type, ...rolling } };
}

/** An object with its spec defaulted (kept per spec object, see keptPerSpec). */
function withDefaultedSpec(defaultSpec: (spec: Obj) => Obj): (o: Obj) => Obj {
  const defaulted = keptPerSpec(defaultSpec);
  return (o) => ({ ...o, spec: defaulted(obj(o.spec) ?? {}) });
}

/** SetDefaults_Service (see defaultServiceSpec). */
export const defaultedService = withDefaultedSpec(defaultServiceSpec);

/** SetDefaults_Deployment (see defaultDeploymentSpec). */
export const defaultedDeployment = withDefaultedSpec(defaultDeploymentSpec);

/** A Job's selector and template labels as the API server defaults them (manualSelector unset). */
export function defaultedJob(job: Obj, uid: string): Obj {
  const spec = obj(job.spec) ?? {};
  if (spec.manualSelector === true) return job;
  const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': nameOf(job), 'controller-uid': uid, 'job-name': nameOf(job) };
  const template = obj(spec.template) ?? {};
  const tmeta = obj(template.metadata) ?? {};
  return {
    ...job,
    spec: {
      ...spec,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { ...template, metadata: { ...tmeta, labels: { ...(obj(tmeta.labels) ?? {}), ...labels } } },
    },
  };
}
