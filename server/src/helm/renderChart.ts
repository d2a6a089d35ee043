import { basename, join } from 'node:path';
import { CHART_FILE, RULES, type PlacedFinding } from '../core';
import { findProgram, folderKeyInBackground, runProgram, type RenderCache } from '../kustomize';

/** A chart rendered (`helm template`'s output), or the one finding on its Chart.yaml that says why not. */
export type ChartResult = { ok: true; text: string } | { ok: false; placed: PlacedFinding };

/** How charts render: the command (kubeplan.helm.command, '' : helm on PATH), values files, a cache. */
export interface HelmRenderer {
  configured: string;
  /** Values files, relative to the chart's folder, passed as -f in order. */
  valuesFiles: string[];
  cache: RenderCache<ChartResult>;
  /** Why helm must not run at all (an untrusted workspace): the chart's note says so. */
  notRun?: string;
}

const start = { line: 0, character: 0 };
const onChart = (chartDir: string, rule: { code: string; severity: PlacedFinding['finding']['severity'] }, message: string): { ok: false; placed: PlacedFinding } => ({
  ok: false,
  placed: { file: join(chartDir, CHART_FILE), finding: { code: rule.code, severity: rule.severity, message, range: { start, end: { line: 0, character: 1 } } } },
});

/** The program and the arguments before `template`: the setting may name a program and its arguments. */
function helmCommand(configured: string): { file: string; args: string[] } | undefined {
  const [program, ...args] = (configured || 'helm').split(/\s+/);
  const file = findProgram(program, process.env);
  return file ? { file, args } : undefined;
}

/**
 * Renders a chart in the background: `helm template <folder name> <chart folder> -f <values>…`, a child
 * process in the chart's folder, or the render kept from when no file of the chart had changed.
 */
export async function renderChartInBackground(chartDir: string, renderer: HelmRenderer): Promise<ChartResult> {
  if (renderer.notRun) return onChart(chartDir, RULES.helmUnavailable, `Helm chart not rendered: ${renderer.notRun}`);
  const command = helmCommand(renderer.configured);
  if (!command) {
    const why = renderer.configured ? `the command "${renderer.configured}" was not found` : 'helm is not on PATH';
    return onChart(chartDir, RULES.helmUnavailable, `Helm chart not rendered: ${why}; install helm, or name it with the setting kubeplan.helm.command, to have its templates analysed as rendered`);
  }
  const args = [...command.args, 'template', basename(chartDir), chartDir, ...renderer.valuesFiles.flatMap((f) => ['-f', f])];
  const key = await folderKeyInBackground([chartDir], JSON.stringify([command.file, ...args]));
  const cached = key === undefined ? undefined : renderer.cache.get(key);
  if (cached) return cached;
  const run = await runProgram(command.file, args, chartDir);
  const result: ChartResult = run.ok ? { ok: true, text: run.stdout } : onChart(chartDir, RULES.helmFailed, `helm could not render the chart: ${run.stderr}`);
  if (key !== undefined) renderer.cache.set(key, result);
  return result;
}
