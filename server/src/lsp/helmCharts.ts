import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addOnce, CHART_FILE, helmDocuments, helmFinding, type Finding, type Workspace } from '../core';
import { renderChartInBackground, type ChartResult, type HelmRenderer } from '../helm';
import { RenderCache } from '../kustomize';
import { FolderRenders, type Changes } from './renderPasses';
import type { HelmSettings } from './settings';
import { helmRenderedUri } from './workspaceFiles';

/** What the charts need from the server. */
export interface HelmHost {
  workspace: Workspace;
  settings(): HelmSettings;
  /** vscode.workspace.isTrusted: helm never runs in an untrusted workspace. */
  trusted(): boolean;
  /** Renders changed: the open documents are published again. */
  changed(): void;
  logError(what: string, e: unknown): void;
}

interface Chart {
  dir: string;
  /** The workspace's name of its output (analysed as a file is). */
  name: string;
  result?: ChartResult;
  /** Its findings placed on its templates (uris), for the raw findings they were placed from. */
  placed?: { from: string; byFile: Map<string, Finding[]> };
}

const toUri = (path: string): string => pathToFileURL(path).href;
/** Helm output carries no line map: a finding is at its template's start, its message naming the rendered line. */
const AT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

/**
 * The Helm charts of the workspace folders (a folder with a Chart.yaml), rendered in the background
 * with `helm template` (kubeplan.helm.*), when kustomize overlays are (lsp/renderPasses.ts), cached by
 * the contents of the chart's files. Each render's findings go to the templates named by its
 * `# Source:` lines; a chart that did not render is one finding on its Chart.yaml (KP212, KP213).
 * The renders are not simulated: a chart's values decide what it makes, and the workspace may hold
 * its rendered output too.
 */
export class HelmCharts extends FolderRenders {
  private charts: Chart[] = [];
  private readonly cache = new RenderCache<ChartResult>();

  constructor(private readonly host: HelmHost) {
    super();
  }

  /** One round: the charts changed rendered (one at a time), the open documents published again if a render changed. */
  protected async pass(changes: Changes): Promise<void> {
    const settings = this.host.settings();
    const previous = new Map(this.charts.map((c) => [c.dir, c]));
    const renderer: HelmRenderer = {
      configured: settings.command,
      valuesFiles: settings.valuesFiles,
      cache: this.cache,
      ...(this.host.trusted() ? {} : { notRun: 'the workspace is not trusted (kubeplan runs no program in an untrusted workspace; trust it to render charts)' }),
    };
    const next: Chart[] = [];
    for (const dir of settings.enable ? [...this.folders].sort() : []) {
      const before = previous.get(dir);
      const chart: Chart = { dir, name: helmRenderedUri(dir), result: before?.result, placed: before?.placed };
      const stale = !before?.result || changes === 'all' || [...changes].some((p) => p.startsWith(dir + sep));
      if (stale) {
        try {
          chart.result = await renderChartInBackground(dir, renderer);
        } catch (e) {
          this.host.logError(`rendering the chart ${dir}`, e);
        }
      }
      next.push(chart);
    }
    const unchanged = next.length === this.charts.length && next.every((c, i) => c.dir === this.charts[i].dir && c.result === this.charts[i].result);
    this.charts = next;
    if (!unchanged) this.host.changed();
  }

  /** For kubeplan/serverStatus. */
  status(): { passes: number; rendered: string[]; notRendered: string[] } {
    return { passes: this.passes.count, rendered: this.charts.filter((c) => c.result?.ok).map((c) => c.dir), notRendered: this.charts.filter((c) => !c.result?.ok).map((c) => c.dir) };
  }

  /** The findings the charts place on a file (its uri and current text), through the file's pipeline. */
  findingsFor(uri: string, text: string): Finding[] {
    const found: Finding[] = [];
    for (const c of this.charts) {
      if (!c.result) continue;
      if (!c.result.ok) {
        if (toUri(c.result.placed.file) === uri) addOnce(found, c.result.placed.finding);
        continue;
      }
      for (const f of this.placed(c, c.result.text).get(uri) ?? []) addOnce(found, f);
    }
    return found.length ? this.host.workspace.placedFindings(text, found) : found;
  }

  /** A render's findings by template, placed again only when they change (the settings, the rules). */
  private placed(c: Chart, text: string): Map<string, Finding[]> {
    const raw = this.host.workspace.documentFindings(c.name, text);
    const from = JSON.stringify(raw);
    if (c.placed?.from === from) return c.placed.byFile;
    const byFile = new Map<string, Finding[]>();
    const docs = helmDocuments(text);
    const chart = { file: toUri(join(c.dir, CHART_FILE)), range: AT_START, message: 'rendered by helm template from this chart' };
    for (const f of raw) {
      const p = helmFinding(f, docs);
      if (!p) continue;
      // `<chart name>/templates/x.yaml` (a subchart's: `<chart>/charts/<sub>/templates/…`): in the chart's folder.
      const file = toUri(join(c.dir, ...p.source.split('/').slice(1)));
      // Related places in the rendered output mean nothing in the editor; the chart is the one that does.
      const related = [...(p.finding.related ?? []).filter((r) => r.file !== c.name), chart];
      byFile.set(file, addOnce(byFile.get(file) ?? [], { ...p.finding, range: AT_START, related }));
    }
    c.placed = { from, byFile };
    return byFile;
  }
}
