import { Analyzer, internalError, RULES, type AnalysisSettings, type Finding } from '../core';
import { readInputs } from './inputs';
import { loadPrecompiledValidators, schemasDir } from '../runtimeFiles';
import type { FileFindings } from './report/fileFindings';

/** `kubeplan check`: every input file's findings. CRDs from all inputs are known before any is checked. */
export function runCheck(paths: string[], settings: AnalysisSettings, readStdin: () => Buffer): FileFindings[] {
  const analyzer = new Analyzer(schemasDir, loadPrecompiledValidators);
  const inputs = readInputs(paths, settings.maxFileSizeMB * 1024 * 1024, readStdin);
  const failed = new Map<string, unknown>();
  for (const input of inputs) {
    if (input.text === undefined) continue;
    try {
      analyzer.setFile(input.name, input.text, settings);
    } catch (e) {
      failed.set(input.name, e);
    }
  }
  return inputs.map((input) => {
    if (input.text === undefined) return { file: input.name, findings: [notAnalysed(input.skipped?.message ?? 'not analysed', input.skipped?.line ?? 0)] };
    // A file kubeplan fails on is one finding of that file; every other file is still checked.
    try {
      if (failed.has(input.name)) throw failed.get(input.name);
      return { file: input.name, findings: analyzer.analyzeFile(input.text, settings) };
    } catch (e) {
      return { file: input.name, findings: [notAnalysed(internalError(e).replace(/^document/, 'file'), 0)] };
    }
  });
}

function notAnalysed(message: string, line: number): Finding {
  return { code: RULES.fileNotAnalysed.code, severity: RULES.fileNotAnalysed.severity, message, range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}
