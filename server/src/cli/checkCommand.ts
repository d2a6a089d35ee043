import { Analyzer, RULES, type AnalysisSettings, type Finding } from '../core';
import { readInputs } from './inputs';
import { loadPrecompiledValidators, schemasDir } from '../runtimeFiles';
import type { FileFindings } from './report/fileFindings';

/** `kubeplan check`: every input file's findings. CRDs from all inputs are known before any is checked. */
export function runCheck(paths: string[], settings: AnalysisSettings, readStdin: () => Buffer): FileFindings[] {
  const analyzer = new Analyzer(schemasDir, loadPrecompiledValidators);
  const inputs = readInputs(paths, settings.maxFileSizeMB * 1024 * 1024, readStdin);
  for (const input of inputs) if (input.text !== undefined) analyzer.indexFile(input.name, input.text, settings);
  return inputs.map((input) => {
    if (input.text === undefined) {
      const line = input.skipped?.line ?? 0;
      const finding: Finding = {
        code: RULES.fileNotAnalysed.code,
        severity: RULES.fileNotAnalysed.severity,
        message: input.skipped?.message ?? 'not analysed',
        range: { start: { line, character: 0 }, end: { line, character: 1 } },
      };
      return { file: input.name, findings: [finding] };
    }
    return { file: input.name, findings: analyzer.analyzeFile(input.text, settings) };
  });
}
