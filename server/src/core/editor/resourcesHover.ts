import { describeResourceList, type ResourceList } from '../resources/resourceList';
import type { WorkloadResources } from '../resources/workloadResources';

const list = (l: ResourceList): string => (l.size ? describeResourceList(l) : '—');

/**
 * Why the pod needs what it needs: each container's contribution, the init phase peak (which init
 * container, beside which sidecars), the regular phase, overhead, pod-level resources, and which one
 * wins per resource. Markdown.
 */
export function resourcesHover(r: WorkloadResources): string {
  const p = r.pod;
  const rows = [
    '| container | requests | limits |',
    '|---|---|---|',
    ...p.containers.map((c) => `| ${c.name} | ${list(c.requests)} | ${list(c.limits)} |`),
    ...p.initContainers.map((c) => `| ${c.sidecar ? 'sidecar' : 'init'} ${c.name} | ${list(c.requests)} | ${list(c.limits)} |`),
  ];
  const lines: string[] = [`**Pod resources** — ${r.workload.kind} ${r.workload.namespace}/${r.workload.name}, per pod as created`, rows.join('\n')];
  const facts: string[] = [`regular phase (containers + sidecars): requests ${list(p.regular.requests)}; limits ${list(p.regular.limits)}`];
  if (p.initContainers.some((c) => !c.sidecar)) {
    const peaks = [...p.initPeak.requests.keys()].map((name) => {
      const by = p.initPeak.requestsBy.get(name)!;
      const index = p.initContainers.findIndex((c) => c.name === by);
      const sidecars = p.initContainers.slice(0, index).filter((c) => c.sidecar).map((c) => c.name);
      return `${describeResourceList(new Map([[name, p.initPeak.requests.get(name)!]]))} while ${by} runs${sidecars.length ? ` (beside ${sidecars.join(', ')})` : ''}`;
    });
    facts.push(`init phase peak: ${peaks.join('; ') || '—'}`);
  }
  if (p.podLevel.requests.size || p.podLevel.limits.size) facts.push(`pod-level resources (replace the containers' sum): requests ${list(p.podLevel.requests)}; limits ${list(p.podLevel.limits)}`);
  if (p.overhead.size) facts.push(`overhead (RuntimeClass), added: ${list(p.overhead)}`);
  const winners = [...p.requests.keys()].map((name) => `${name} from ${p.requestsFrom.get(name) ?? 'overhead'}`);
  facts.push(`**requests ${list(p.requests)}**${winners.length ? ` (${winners.join(', ')})` : ''}; **limits ${list(p.limits)}**; QoS **${r.qosClass}**`);
  if (r.workload.replicas !== undefined && r.workload.replicas !== 1 && r.totalRequests) facts.push(`×${r.workload.replicas}: requests ${list(r.totalRequests)}`);
  if (r.uncounted.length) facts.push(`not counted: ${r.uncounted.join('; ')}`);
  if (r.limitRangeAnnotation) facts.push(`LimitRanger: ${r.limitRangeAnnotation.replace(/^LimitRanger plugin set: /, '')}`);
  lines.push(facts.map((f) => `- ${f}`).join('\n'));
  return lines.join('\n\n');
}
