import { fileWorkloads, resourceListJson, resourcesLensTitle, type AnalysisSettings } from '../core';
import { openWorkspace, type RenderOptions } from './inputs';
import { placeLine } from './placeFindings';

/** One workload in `kubeplan requests` output (the JSON shape documented in docs/cli.md). */
export interface WorkloadReport {
  file: string;
  line: number;
  kind: string;
  namespace: string;
  name: string;
  replicas: number | null;
  requests: Record<string, string>;
  limits: Record<string, string>;
  qosClass: string;
  totalRequests: Record<string, string> | null;
  limitRange: {
    annotation: string | null;
    defaults: Array<{ container: string; init: boolean; kind: 'request' | 'limit'; resource: string; value: string; limitRange: string }>;
  };
  /** The text lens, as the editor shows it. */
  summary: string;
}

/** `kubeplan requests`: every pod and workload with its effective requests, limits and QoS class. */
export function runRequests(paths: string[], settings: AnalysisSettings, readStdin: () => Buffer, render?: RenderOptions): WorkloadReport[] {
  const cli = openWorkspace(paths, settings, readStdin, undefined, render);
  const { workspace, inputs } = cli;
  const reports: WorkloadReport[] = [];
  for (const input of inputs) {
    // A patch's Deployment is part of one: its requests are not a workload's.
    if (input.text === undefined || workspace.roleOf(input.name, input.text) !== 'manifest') continue;
    for (const { resources: r, kindRange } of fileWorkloads(workspace.analyzer, input.text, settings.defaultNamespace, settings.kubernetesVersion)) {
      const at = placeLine(cli, input.name, kindRange.start.line);
      reports.push({
        file: at.file,
        line: at.line + 1,
        kind: r.workload.kind,
        namespace: r.workload.namespace,
        name: r.workload.name,
        replicas: r.workload.replicas ?? null,
        requests: resourceListJson(r.pod.requests),
        limits: resourceListJson(r.pod.limits),
        qosClass: r.qosClass,
        totalRequests: r.totalRequests ? resourceListJson(r.totalRequests) : null,
        limitRange: { annotation: r.limitRangeAnnotation ?? null, defaults: r.limitRangeDefaults },
        summary: resourcesLensTitle(r),
      });
    }
  }
  return reports;
}

export function formatRequestsText(reports: WorkloadReport[]): string {
  const lines = reports.map((w) => `${w.file}:${w.line}: ${w.kind} ${w.namespace}/${w.name}: ${w.summary}`);
  lines.push(`${reports.length} workload${reports.length === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}
