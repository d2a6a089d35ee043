import { countBySeverity, type FileFindings } from './fileFindings';

/** The JSON report documented in docs/cli.md (a stable shape: add fields, never rename). */
export function formatJson(results: FileFindings[], kubernetesVersion: string): string {
  const diagnostics = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({ file, range: f.range, severity: f.severity, code: f.code, message: f.message, ...(f.related ? { related: f.related } : {}) })),
  );
  const report = {
    kubernetesVersion,
    files: results.map((r) => r.file),
    summary: countBySeverity(results),
    diagnostics,
  };
  return JSON.stringify(report, null, 2) + '\n';
}
