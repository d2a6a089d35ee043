import { obj, type Obj } from '../model/obj';
import type { NodeReport, ScheduleOptions, ScheduleResult } from '../scheduler/types';
import { matchesNodeSelectorAndAffinity, untoleratedTaint } from './nodeEligibility';
import { nameOf } from './store';
import { podResources } from '../resources/podResources';
import { addResourceList, readResourceList, type ResourceList } from '../resources/resourceList';

/**
 * A first-fit placement behind the scheduler's contract (taints, node selection, resources), used until
 * core/scheduler's framework is wired in.
 */
export class MinimalPlacement {
  private readonly requested = new Map<string, ResourceList>();

  constructor(private readonly nodes: Obj[]) {}

  addPod(pod: Obj): void {
    const node = String(obj(pod.spec)?.nodeName ?? '');
    const list = this.requested.get(node) ?? new Map();
    addResourceList(list, podResources(obj(pod.spec) ?? {}).requests);
    this.requested.set(node, list);
  }

  schedule(pod: Obj, _options: ScheduleOptions): ScheduleResult {
    const spec = obj(pod.spec) ?? {};
    const requests = podResources(spec).requests;
    const reports: NodeReport[] = [];
    for (const node of this.nodes) {
      const name = nameOf(node);
      const allocatable = readResourceList(obj(node.status)?.allocatable);
      const used = this.requested.get(name) ?? new Map();
      let reason = 'passed';
      if (untoleratedTaint(node, spec.tolerations)) reason = 'node(s) had untolerated taint(s)';
      else if (!matchesNodeSelectorAndAffinity(spec, node)) reason = "node(s) didn't match Pod's node affinity/selector";
      else {
        for (const [res, q] of requests) {
          if (q.nanos === 0n) continue;
          if ((used.get(res)?.nanos ?? 0n) + q.nanos > (allocatable.get(res)?.nanos ?? 0n)) reason = `Insufficient ${res}`;
        }
      }
      reports.push({ node: name, filter: { placement: reason }, scores: {}, finalScores: {}, total: 0 });
    }
    const fit = reports.find((r) => r.filter.placement === 'passed');
    if (fit) return { node: fit.node, nodes: reports };
    const counts = new Map<string, number>();
    for (const r of reports) counts.set(r.filter.placement, (counts.get(r.filter.placement) ?? 0) + 1);
    const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
    return { node: null, message: `0/${this.nodes.length} nodes are available: ${parts.join(', ')}.`, nodes: reports };
  }
}
