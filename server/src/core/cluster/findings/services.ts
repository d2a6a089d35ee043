import { obj, type Obj } from '../../model/obj';
import { RULES } from '../../rules';
import type { SimulationFinding } from './types';
import type { SimulationResult } from '../simulate';
import { labelsOf } from '../labels';
import { nameOf, namespaceOf, refOf } from '../store';
import { PodIndex } from '../podIndex';
import { workloadOf } from '../../resources/workloads';

/** apiVersions of the built-in API groups (core, *.k8s.io, apps, batch, policy…): anything else is a custom resource. */
const BUILT_IN_GROUPS = /^(v1|(apps|batch|policy|autoscaling|extensions|[a-z0-9.-]*\.k8s\.io)\/[a-z0-9]+)$/;

interface ServiceEndpoints {
  /** Endpoints (any port) of the Service's slices. */
  all: Obj[];
  /** Ready endpoints that serve this port name. */
  readyForPort: (portName: string) => Obj[];
  /** Whether any slice resolves this port name (for some pod, ready or not). */
  servesPort: (portName: string) => boolean;
}

/** The EndpointSlices of the simulation by `namespace/service`, gathered once for all Services. */
function slicesByService(result: SimulationResult): Map<string, Obj[]> {
  const out = new Map<string, Obj[]>();
  for (const o of result.objects) {
    if (o.kind !== 'EndpointSlice') continue;
    const key = `${namespaceOf(o)}/${labelsOf(o)['kubernetes.io/service-name'] ?? ''}`;
    const list = out.get(key);
    if (list) list.push(o);
    else out.set(key, [o]);
  }
  return out;
}

function endpointsOf(slices: Obj[]): ServiceEndpoints {
  const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Obj => !!x) : []);
  return {
    all: slices.flatMap((s) => list(s.endpoints)),
    readyForPort: (portName) =>
      slices
        .filter((s) => list(s.ports).some((p) => (p.name ?? '') === portName))
        .flatMap((s) => list(s.endpoints))
        .filter((e) => obj(e.conditions)?.ready !== false),
    servesPort: (portName) => slices.some((s) => list(s.ports).some((p) => (p.name ?? '') === portName) && list(s.endpoints).length > 0),
  };
}

/** The workloads of the simulation with their pod templates' labels, by namespace (made once per run). */
function templatesByNamespace(result: SimulationResult): Map<string, Array<{ workload: string; labels: Record<string, string> }>> {
  const out = new Map<string, Array<{ workload: string; labels: Record<string, string> }>>();
  for (const o of result.objects) {
    // A controller's own objects (a Deployment's ReplicaSet) are counted as their owner.
    if (o.kind === 'Pod' || Array.isArray(obj(o.metadata)?.ownerReferences)) continue;
    const namespace = namespaceOf(o);
    const w = workloadOf(o, namespace);
    if (!w) continue;
    const template = w.kind === 'CronJob' ? obj(obj(obj(obj(o.spec)?.jobTemplate)?.spec)?.template) : obj(obj(o.spec)?.template);
    const list = out.get(namespace) ?? [];
    list.push({ workload: `${w.kind}/${w.name}`, labels: labelsOf({ metadata: obj(template?.metadata) }) });
    out.set(namespace, list);
  }
  return out;
}

/** The workloads (pods' owners included) of a namespace whose pod template the selector matches. */
function selectedTemplates(templates: ReturnType<typeof templatesByNamespace>, namespace: string, selector: Obj): string[] {
  return (templates.get(namespace) ?? []).filter((t) => Object.entries(selector).every(([k, v]) => t.labels[k] === String(v))).map((t) => t.workload);
}

/**
 * What kube-proxy would make of each Service of the workspace (upstream pkg/proxy/iptables/proxier.go):
 * a Service whose selector finds no ready pod gets REJECT rules (KP160); with `externalTrafficPolicy:
 * Local`, the nodes without a local endpoint DROP its external traffic (KP161). A selector that
 * matches no pod template at all (KP163) and a named targetPort none of the selected pods defines
 * (KP162) are the workspace's reference findings: seen in the manifests, `kubeplan check` reports them.
 */
export function serviceFindings(result: SimulationResult): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  const pods = new PodIndex(result.objects.filter((o) => o.kind === 'Pod'));
  const slices = slicesByService(result);
  // Namespaces holding custom resources: an operator may create the pods a Service there selects.
  const operated = new Set(result.objects.filter((o) => !BUILT_IN_GROUPS.test(String(o.apiVersion))).map(namespaceOf));
  let templateIndex: ReturnType<typeof templatesByNamespace> | undefined;
  for (const service of result.objects) {
    if (service.kind !== 'Service') continue;
    const manifest = result.manifests.get(refOf(service));
    const spec = obj(service.spec) ?? {};
    if (!manifest || spec.type === 'ExternalName' || !obj(spec.selector) || Object.keys(obj(spec.selector)!).length === 0) continue;
    const ports = Array.isArray(spec.ports) ? spec.ports.map((p) => obj(p) ?? {}) : [];
    const eps = endpointsOf(slices.get(`${namespaceOf(service)}/${nameOf(service)}`) ?? []);
    const push = (rule: (typeof RULES)[keyof typeof RULES], path: Array<string | number>, message: string) =>
      out.push({ file: manifest.file, range: manifest.locate(path), code: rule.code, severity: rule.severity, message });
    const headless = spec.clusterIP === 'None';
    const targets = ports.map((p) => `${String(spec.clusterIP)}:${String(p.port)}`).join(', ');
    if (eps.all.length === 0) {
      if (headless || ports.length === 0) continue;
      const selected = pods.selected(namespaceOf(service), labelsOf({ metadata: { labels: spec.selector } }));
      // No template matches: that is KP163's. Templates match, yet no pod exists: their controllers made none.
      const templates = selected.length === 0 && !operated.has(namespaceOf(service)) ? selectedTemplates((templateIndex ??= templatesByNamespace(result)), namespaceOf(service), obj(spec.selector)!) : [];
      if (templates.length > 0) {
        push(RULES.serviceWithoutEndpoints, ['spec', 'selector'], `${nameOf(service)} has no endpoints: no pod of the ${templates.join(', ')} it selects was created, so kube-proxy will REJECT connections to ${targets}`);
      } else if (selected.length > 0) {
        const shown = selected.slice(0, 3).map(nameOf).join(', ') + (selected.length > 3 ? ', …' : '');
        push(RULES.serviceWithoutEndpoints, ['spec', 'selector'], `${nameOf(service)} has no endpoints: none of the pods it selects (${shown}) is running, so kube-proxy will REJECT connections to ${targets}`);
      }
      continue;
    }
    // A named targetPort the selected pods do not define (KP162): that port alone has no endpoints.
    const isName = (t: unknown): t is string => typeof t === 'string' && !/^\d+$/.test(t);
    const missingName = (p: Obj) => isName(p.targetPort) && !eps.servesPort(String(p.name ?? ''));
    // Pods selected, but none ready (kubeplan.dev/ready: "false", or the kubelet refused them).
    if (!headless && ports.length && !ports.some(missingName) && ports.every((p) => eps.readyForPort(String(p.name ?? '')).length === 0)) {
      push(RULES.serviceWithoutEndpoints, ['spec', 'selector'], `${nameOf(service)} has no ready endpoints, so kube-proxy will REJECT connections to ${targets}`);
    }
    // With externalTrafficPolicy Local, kube-proxy DROPs external traffic on nodes without a local
    // endpoint. A cloud load balancer health-checks each node (healthCheckNodePort) and sends only to
    // those that have one: that is the design, nothing is dropped. Clients that pick a node themselves
    // (a NodePort Service's nodePorts, external IPs routed to any node) do hit the others.
    const nodePorts = spec.type === 'NodePort' ? ports.map((p) => p.nodePort).filter((n) => typeof n === 'number') : [];
    const externalIPs = Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
    if (spec.externalTrafficPolicy === 'Local' && (nodePorts.length > 0 || externalIPs) && eps.all.length > 0) {
      const local = new Set(eps.all.filter((e) => obj(e.conditions)?.ready !== false).map((e) => String(e.nodeName ?? '')));
      const without = result.nodes.map(nameOf).filter((n) => !local.has(n));
      if (without.length) {
        const targets = [...(nodePorts.length ? [`its nodePort${nodePorts.length > 1 ? 's' : ''} ${nodePorts.join(', ')}`] : []), ...(externalIPs ? ['its external IPs'] : [])].join(' and ');
        push(RULES.noLocalEndpoints, ['spec', 'externalTrafficPolicy'], `externalTrafficPolicy: Local: ${without.join(', ')} ${without.length > 1 ? 'have' : 'has'} no local endpoint, so kube-proxy there DROPs external traffic to ${targets}`);
      }
    }
  }
  return out;
}
