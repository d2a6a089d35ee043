import { internalError, RULES, type AnalysisSettings, type Finding } from '../core';
import { openWorkspace, type RenderOptions } from './inputs';
import { placeFindings } from './placeFindings';
import type { FileFindings } from './report/fileFindings';

/**
 * `kubeplan check`: every input file's findings, its documents' and the workspace's assumptions
 * (namespaces, CRDs: known from all inputs before any is checked). A file kubeplan fails on is one
 * finding of that file; every other file is still checked.
 */
export function runCheck(paths: string[], settings: AnalysisSettings, readStdin: () => Buffer, clusterPath?: string, render?: RenderOptions): FileFindings[] {
  const cli = openWorkspace(paths, settings, readStdin, clusterPath, render);
  const { workspace, inputs, failed } = cli;
  return placeFindings(cli, inputs.map((input) => {
    if (input.text === undefined) return { file: input.name, findings: [notAnalysed(input.skipped?.message ?? 'not analysed', input.skipped?.line ?? 0)] };
    try {
      if (failed.has(input.name)) throw failed.get(input.name);
      return { file: input.name, findings: [...workspace.documentFindings(input.name, input.text), ...workspace.assumptionFindings(input.name, input.text)] };
    } catch (e) {
      return { file: input.name, findings: [notAnalysed(internalError(e).replace(/^document/, 'file'), 0)] };
    }
  }));
}

function notAnalysed(message: string, line: number): Finding {
  return { code: RULES.fileNotAnalysed.code, severity: RULES.fileNotAnalysed.severity, message, range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}
