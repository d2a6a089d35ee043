import { obj, podContainers, type Obj } from '../../model/obj';
import { RULES } from '../../rules';
import { labelsOf, selectorFromSet, type Labels } from '../../scheduler/labels';
import type { Manifest } from '../../cluster/manifests';
import type { SimulationFinding } from '../../cluster/findings/types';
import { findingAt, nameOf, relatedAt, showLabels, type PodTemplate, type WorkspaceObjects } from './objects';
import { CONTROLLER_LABEL_KEYS, nearTemplates, selectsPods } from './podLabels';
import { runToEnd } from '../../model/steps';

/** A container port as a Service port resolves it (pkg/api/v1/pod FindPort). */
interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: string;
}

/**
 * The ports FindPort looks in: the containers', then (since sidecar containers, 1.29) those of init
 * containers with `restartPolicy: Always`, which run beside them.
 */
export function exposedPorts(podSpec: Obj): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const { list, container } of podContainers(podSpec)) {
    if (list === 'initContainers' && container.restartPolicy !== 'Always') continue;
    for (const p of Array.isArray(container.ports) ? container.ports : []) {
      const port = obj(p);
      if (port && typeof port.containerPort === 'number') out.push({ ...(typeof port.name === 'string' ? { name: port.name } : {}), containerPort: port.containerPort, protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP' });
    }
  }
  return out;
}

const showPort = (p: ContainerPort): string => `${p.containerPort}/${p.protocol}${p.name ? ` "${p.name}"` : ''}`;

/** What each template exposes, for a message: `Deployment/db exposes 3306/TCP "mysql"`. */
function exposedBy(templates: PodTemplate[]): string {
  return templates
    .map((t) => {
      const ports = exposedPorts(t.workload.podSpec);
      return `${t.owner} ${ports.length ? `exposes ${ports.map(showPort).join(', ')}` : 'declares no port'}`;
    })
    .join('; ');
}

/** The Services of the workspace that select pods: a selector map, not ExternalName. */
function selectingServices(objects: WorkspaceObjects): Array<{ service: Manifest; selector: Labels; namespace: string }> {
  const out: Array<{ service: Manifest; selector: Labels; namespace: string }> = [];
  for (const service of objects.list('', 'Service')) {
    const spec = obj(service.object.spec) ?? {};
    const selector = labelsOf(spec.selector);
    if (service.invalid || spec.type === 'ExternalName' || Object.keys(selector).length === 0) continue;
    out.push({ service, selector, namespace: objects.namespaceOf(service) });
  }
  return out;
}

/** Endpoints or EndpointSlices written by hand for the Service: its endpoints are those. */
function hasHandWrittenEndpoints(objects: WorkspaceObjects, namespace: string, name: string): boolean {
  if (objects.get('', 'Endpoints', namespace, name)) return true;
  return objects.list('discovery.k8s.io', 'EndpointSlice').some((s) => objects.namespaceOf(s) === namespace && labelsOf(obj(s.object.metadata)?.labels)['kubernetes.io/service-name'] === name);
}

const labelsPath = (t: PodTemplate) => [...t.metadataPath, 'labels'];

/**
 * KP163, when there is evidence of what the selector means: a workload of the namespace whose own
 * metadata.labels match (a Service selects pods, by their template's labels), a template that comes
 * close (all pairs but one, or a typo: `nearTemplates`), or a template of another namespace that
 * matches. These are the other end. Without any, the pods are taken to be deployed by other means.
 */
function selectsNothing(objects: WorkspaceObjects, service: Manifest, selector: Labels, namespace: string): SimulationFinding | undefined {
  const select = selectorFromSet(selector);
  const name = nameOf(service);
  const templates = objects.templates(namespace);
  const byOwnLabels = templates.filter((t) => select.matches(t.ownLabels));
  const near = byOwnLabels.length ? [] : nearTemplates(select, templates);
  // A template the selector selects has its first pair among its own labels, unless a controller sets that label.
  const [firstKey, firstValue] = Object.entries(selector)[0] ?? [];
  const pool = firstKey === undefined || CONTROLLER_LABEL_KEYS.has(firstKey) ? objects.allTemplates() : objects.templatesLabelled(firstKey, firstValue);
  const elsewhere = pool.filter((t) => t.workload.namespace !== namespace && selectsPods(select, t));
  if (byOwnLabels.length + near.length + elsewhere.length === 0) return undefined;
  const related: NonNullable<SimulationFinding['related']> = [];
  let why = `no pod template there has ${showLabels(selector)} (a pod must carry every label of the selector)`;
  if (byOwnLabels.length) {
    const t = byOwnLabels[0];
    why = `${t.owner}'s metadata.labels match it, but a Service selects pods, by the pod template's labels (${showLabels(t.labels) || 'none'})`;
    for (const t of byOwnLabels) related.push(relatedAt(t.manifest, labelsPath(t), `the pod template of ${t.owner}: its labels do not have ${missingPairs(selector, t.labels)}`));
  }
  for (const t of near.slice(0, MAX_EVIDENCE)) related.push(relatedAt(t.manifest, labelsPath(t), `the pod template of ${t.owner} has ${showLabels(t.labels)}, not ${missingPairs(selector, t.labels)}${more(near)}`));
  for (const t of elsewhere.slice(0, MAX_EVIDENCE)) related.push(relatedAt(t.manifest, labelsPath(t), `the pod template of ${t.owner} matches, but in namespace "${t.workload.namespace}"${more(elsewhere)}`));
  return findingAt(RULES.serviceSelectsNoPods, service, ['spec', 'selector'], `Service ${name} selects no pod template in namespace "${namespace}": ${why}`, related);
}

/**
 * Near misses and matches elsewhere shown per KP163: they are evidence of what the selector means, and
 * a few say it; hundreds (a selector `app: app-0` is one edit from `app-1` … `app-9`) would be noise
 * that every publication of the file carries.
 */
const MAX_EVIDENCE = 3;
const more = (list: unknown[]): string => (list.length > MAX_EVIDENCE ? ` (one of ${list.length} such templates)` : '');

const missingPairs = (selector: Labels, labels: Labels): string =>
  Object.entries(selector)
    .filter(([k, v]) => labels[k] !== v)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/**
 * The Services against the pod templates they select, across files: a selector that matches no
 * template of its namespace (KP163), a named targetPort no selected container defines (KP162), a
 * numeric one no selected container declares (KP164), pods of several workloads (KP165) — the
 * templates nearest to the Service, when several folders hold matching ones. Services with
 * hand-written Endpoints or EndpointSlices, namespaces where an operator or the kubelet may create
 * the pods, and Services that pods of the cluster file back, are left alone.
 */
export function serviceFindings(objects: WorkspaceObjects): SimulationFinding[] {
  return runToEnd(serviceFindingsInSteps(objects));
}

/** Services between two pause points (one that selects nothing is compared with every template of its namespace). */
const SERVICES_PER_STEP = 16;

/** The same, pausing every few Services (the language server answers between steps). */
export function* serviceFindingsInSteps(objects: WorkspaceObjects): Generator<void, SimulationFinding[]> {
  const out: SimulationFinding[] = [];
  const clusterPods = objects.inputs.profile.pods;
  let seen = 0;
  for (const { service, selector, namespace } of selectingServices(objects)) {
    if (++seen % SERVICES_PER_STEP === 0) yield;
    const name = nameOf(service);
    if (hasHandWrittenEndpoints(objects, namespace, name)) continue;
    const select = selectorFromSet(selector);
    // Candidates from the label index: a selected template has each pair no controller sets among its own labels.
    const pin = Object.entries(selector).find(([k]) => !CONTROLLER_LABEL_KEYS.has(k));
    const candidates = pin ? objects.templatesLabelled(pin[0], pin[1]).filter((t) => t.workload.namespace === namespace) : objects.templates(namespace);
    const all = candidates.filter((t) => selectsPods(select, t));
    if (all.length === 0) {
      const running = clusterPods.some((p) => (obj(p.metadata)?.namespace ?? 'default') === namespace && select.matches(labelsOf(obj(p.metadata)?.labels)));
      const nothing = running || objects.isOperated(namespace, service.file) ? undefined : selectsNothing(objects, service, selector, namespace);
      if (nothing) out.push(nothing);
      continue;
    }
    const matched = objects.nearest(service.file, all);
    // A template the API server refuses (its own errors say why) is matched, and not looked into.
    if (matched.some((t) => t.manifest.invalid)) continue;
    const owners = [...new Set(matched.map((t) => t.owner))];
    if (owners.length > 1) {
      out.push(
        findingAt(
          RULES.serviceSpansWorkloads,
          service,
          ['spec', 'selector'],
          `Service ${name} selects the pods of ${owners.length} workloads (${owners.join(', ')}): it sends each connection to any of them (on purpose for a canary; otherwise make the selector more specific)`,
          matched.map((t) => relatedAt(t.manifest, labelsPath(t), `${t.owner}'s pods are selected`)),
        ),
      );
    }
    out.push(...portFindings(service, matched));
  }
  return out;
}

function portFindings(service: Manifest, matched: PodTemplate[]): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  const spec = obj(service.object.spec) ?? {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const portsPath = (t: PodTemplate) => {
    const c = podContainers(t.workload.podSpec).find(({ container }) => Array.isArray(container.ports));
    return c ? [...t.workload.podSpecPath, c.list, c.index, 'ports'] : [...t.workload.podSpecPath, 'containers'];
  };
  const related = (why: string) => matched.map((t) => relatedAt(t.manifest, portsPath(t), `${t.owner}: ${why}`));
  ports.forEach((raw, i) => {
    const p = obj(raw);
    if (!p) return;
    const target = p.targetPort ?? p.port;
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const exposed = matched.map((t) => exposedPorts(t.workload.podSpec).filter((c) => c.protocol === protocol));
    const at = p.targetPort === undefined ? ['spec', 'ports', i, 'port'] : ['spec', 'ports', i, 'targetPort'];
    if (typeof target === 'string' && !/^\d+$/.test(target)) {
      if (exposed.some((list) => list.some((c) => c.name === target))) return;
      out.push(
        findingAt(RULES.targetPortNotFound, service, at, `targetPort "${target}" is not the name of a ${protocol} port of the pods this Service selects (${exposedBy(matched)}): port ${String(p.port)} has no endpoints`, related(`no ${protocol} port named "${target}"`)),
      );
      return;
    }
    const number = Number(target);
    // Declarations are informational: only a template that declares ports but not this one says anything.
    if (!Number.isInteger(number) || exposed.some((list) => list.length === 0 || list.some((c) => c.containerPort === number))) return;
    out.push(
      findingAt(
        RULES.targetPortNotDeclared,
        service,
        at,
        `targetPort ${number} is not a ${protocol} port the selected containers declare (${exposedBy(matched)}): Kubernetes sends port ${String(p.port)} to ${number} anyway, which works only if the process listens there`,
        related(`no ${protocol} containerPort ${number}`),
      ),
    );
  });
  return out;
}
