import { obj, podContainers, type Obj } from '../../model/obj';
import { RULES } from '../../rules';
import { groupOf } from '../../schema/apiLifecycle';
import type { JsonPath } from '../../yaml/nodeAt';
import type { Manifest } from '../../cluster/manifests';
import type { SimulationFinding } from '../../cluster/findings/types';
import { workloadOf } from '../../resources/workloads';
import { findingAt, mappings, nameOf, relatedAt, type WorkspaceObjects } from './objects';

/** What a HorizontalPodAutoscaler may scale, by kind: the group it is in (scale subresources of built-in kinds). */
const SCALABLE: Record<string, string> = { Deployment: 'apps', StatefulSet: 'apps', ReplicaSet: 'apps', ReplicationController: '' };


/** The utilization metrics of an HPA: resource, container (ContainerResource) and where it is written. */
function utilizationMetrics(hpa: Manifest): Array<{ resource: string; container?: string; path: JsonPath }> {
  const spec = obj(hpa.object.spec) ?? {};
  if (hpa.object.apiVersion === 'autoscaling/v1') return typeof spec.targetCPUUtilizationPercentage === 'number' ? [{ resource: 'cpu', path: ['spec', 'targetCPUUtilizationPercentage'] }] : [{ resource: 'cpu', path: ['spec'] }];
  // autoscaling/v2 defaults no metrics to 80% cpu utilization (SetDefaults_HorizontalPodAutoscaler).
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) return [{ resource: 'cpu', path: ['spec', 'scaleTargetRef'] }];
  const out: Array<{ resource: string; container?: string; path: JsonPath }> = [];
  mappings(spec.metrics).forEach((m, i) => {
    const field = m.type === 'Resource' ? 'resource' : m.type === 'ContainerResource' ? 'containerResource' : undefined;
    const source = field ? obj(m[field]) : undefined;
    if (!source || typeof source.name !== 'string' || obj(source.target)?.type !== 'Utilization') return;
    out.push({ resource: source.name, ...(typeof source.container === 'string' ? { container: source.container } : {}), path: ['spec', 'metrics', i, field!, 'name'] });
  });
  return out;
}

/** Whether a LimitRange of the namespace gives containers a default request (or limit) for the resource. */
function limitRangeDefaults(objects: WorkspaceObjects, namespace: string, resource: string): boolean {
  return objects.list('', 'LimitRange').some((lr) => objects.namespaceOf(lr) === namespace && mappings(obj(lr.object.spec)?.limits).some((l) => (l.type ?? 'Container') === 'Container' && (obj(l.defaultRequest)?.[resource] !== undefined || obj(l.default)?.[resource] !== undefined)));
}

/** A container's request for a resource: its requests, else its limits (which default the requests). */
const requests = (c: Obj, resource: string): boolean => obj(obj(c.resources)?.requests)?.[resource] !== undefined || obj(obj(c.resources)?.limits)?.[resource] !== undefined;

/**
 * HorizontalPodAutoscalers against what they scale: a scaleTargetRef the namespace does not have
 * (KP167: the controller's FailedGetScale), a utilization metric over containers without a request
 * for it (KP168: FailedGetResourceMetric, `missing request for cpu in container …`), and a target
 * that writes spec.replicas (KP169: every apply resets what the autoscaler chose).
 */
export function autoscalingFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  // One KP169 per workload, every autoscaler that scales it related.
  const scaled = new Map<Manifest, Manifest[]>();
  for (const hpa of objects.list('autoscaling', 'HorizontalPodAutoscaler')) {
    if (hpa.invalid) continue;
    const ref = obj(obj(hpa.object.spec)?.scaleTargetRef) ?? {};
    const kind = typeof ref.kind === 'string' ? ref.kind : '';
    const name = typeof ref.name === 'string' ? ref.name : '';
    const group = SCALABLE[kind];
    if (group === undefined || !name || groupOf(String(ref.apiVersion ?? '')) !== group) continue;
    const namespace = objects.namespaceOf(hpa);
    const target = objects.get(group, kind, namespace, name);
    const hpaName = `HorizontalPodAutoscaler ${nameOf(hpa)}`;
    if (!target) {
      if (!objects.isOperated(namespace, hpa.file) && objects.deploysTo(namespace, hpa.file)) {
        const resource = `${kind.toLowerCase()}s${group ? `.${group}` : ''}`;
        out.push(findingAt(RULES.scaleTargetNotFound, hpa, ['spec', 'scaleTargetRef', 'name'], `${hpaName} scales ${kind} ${name}, which is not in namespace "${namespace}": the controller fails (FailedGetScale: ${resource} "${name}" not found)`));
      }
      continue;
    }
    const workload = workloadOf(target.object, objects.inputs.defaultNamespace);
    if (workload && !target.invalid) {
      for (const metric of utilizationMetrics(hpa)) {
        if (limitRangeDefaults(objects, namespace, metric.resource)) continue;
        const without = podContainers(workload.podSpec).filter((c) => c.list === 'containers' && (metric.container === undefined || c.name === metric.container) && !requests(c.container, metric.resource));
        if (without.length === 0) continue;
        out.push(
          findingAt(
            RULES.scaleTargetWithoutRequests,
            hpa,
            metric.path,
            `${hpaName} scales on ${metric.resource} utilization, a share of the request, but container ${without.map((c) => c.name).join(', ')} of ${kind} ${name} requests no ${metric.resource}: the controller fails (FailedGetResourceMetric: missing request for ${metric.resource} in container ${without[0].name} of Pod …)`,
            without.map((c) => relatedAt(target, [...workload.podSpecPath, c.list, c.index, obj(c.container.resources) ? 'resources' : 'name'], `container ${c.name} has no ${metric.resource} request`)),
          ),
        );
      }
    }
    const replicas = obj(target.object.spec)?.replicas;
    if (replicas !== undefined && replicas !== null) scaled.set(target, [...(scaled.get(target) ?? []), hpa]);
  }
  for (const [target, hpas] of scaled) {
    const what = `${target.object.kind} ${nameOf(target)}`;
    const by = hpas.map((h) => `HorizontalPodAutoscaler ${nameOf(h)}`).join(' and ');
    out.push(
      findingAt(
        RULES.replicasWithAutoscaler,
        target,
        ['spec', 'replicas'],
        `${what} sets spec.replicas, and ${by} scale${hpas.length === 1 ? 's' : ''} it: every kubectl apply sets it back to ${String(obj(target.object.spec)?.replicas)} until the autoscaler scales again; leave spec.replicas out`,
        hpas.map((h) => relatedAt(h, ['spec', 'scaleTargetRef', 'name'], `HorizontalPodAutoscaler ${nameOf(h)} scales ${what}`)),
      ),
    );
  }
  return out;
}
