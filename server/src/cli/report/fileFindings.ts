import type { Finding } from '../../core';

/** The findings of one input file, as every report format receives them. */
export interface FileFindings {
  file: string;
  findings: Finding[];
}

export function countBySeverity(results: FileFindings[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity]++;
  return counts;
}
