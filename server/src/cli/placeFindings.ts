import { isAbsolute, relative } from 'node:path';
import { explainedBy, FindingList, helmDocuments, helmFinding, mapRenderedFindings, type Finding, type RelatedLocation } from '../core';
import { readFileOrUndefined } from '../kustomize/renderOverlay';
import type { CliWorkspace } from './inputs';
import type { FileFindings } from './report/fileFindings';

/** A path as reports name files: relative to the working directory. */
const shown = (file: string): string => (isAbsolute(file) ? relative(process.cwd(), file) || file : file);

/**
 * Findings of rendered text moved to the files the user wrote: a kustomize overlay's to its
 * resources, patches and kustomizations; `helm template` output on stdin to its templates (`# Source:`).
 * Other files keep theirs. The same finding reached twice (a base rendered by two overlays) is one,
 * with the overlays among its related locations.
 */
export function placeFindings(cli: CliWorkspace, results: FileFindings[]): FileFindings[] {
  const byFile = new Map<string, FindingList>();
  const moved = new Set<string>();
  const add = (file: string, findings: Finding[], isMoved: boolean): void => {
    const name = shown(file);
    let list = byFile.get(name);
    if (!list) byFile.set(name, (list = new FindingList()));
    if (isMoved) moved.add(name);
    for (const f of findings) {
      const related = f.related?.map((r): RelatedLocation => ({ ...r, file: shown(r.file) }));
      list.add(related ? { ...f, related } : f);
    }
  };
  for (const { file, findings } of results) {
    const overlay = cli.overlays.get(file);
    if (overlay) {
      add(overlay.kustomizationFile, [], true);
      for (const p of mapRenderedFindings(findings, overlay, file, readFileOrUndefined)) add(p.file, [p.finding], true);
      continue;
    }
    const text = cli.inputs.find((i) => i.name === file)?.text;
    const helm = file === '<stdin>' && text !== undefined ? helmDocuments(text) : [];
    if (helm.length === 0) {
      add(file, findings, false);
      continue;
    }
    const kept: Finding[] = [];
    for (const f of findings) {
      const placed = helmFinding(f, helm);
      if (placed) add(placed.source, [placed.finding], true);
      else kept.push(f);
    }
    if (kept.length) add(file, kept, false);
  }
  // A KP211 beside the kustomization's own error (its cause) is left out: explainedBy.
  for (const p of cli.notRendered) if (!explainedBy(p.finding, byFile.get(shown(p.file))?.findings ?? [])) add(p.file, [p.finding], true);
  return [...byFile].map(([file, { findings }]) => ({ file, findings: moved.has(file) ? findings.sort(byPosition) : findings }));
}

/** A line of rendered text (a workload's in `kubeplan requests`), placed as a finding there would be. */
export function placeLine(cli: CliWorkspace, file: string, line: number): { file: string; line: number } {
  const probe: Finding = { code: '', severity: 'information', message: '', range: { start: { line, character: 0 }, end: { line, character: 0 } } };
  const [placed] = placeFindings({ ...cli, notRendered: [] }, [{ file, findings: [probe] }]).filter((r) => r.findings.length);
  return placed ? { file: placed.file, line: placed.findings[0].range.start.line } : { file, line };
}

const byPosition = (a: Finding, b: Finding): number => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
