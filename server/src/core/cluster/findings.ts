import type { Finding } from '../finding';
import { RULES } from '../rules';
import type { SimulationResult } from './simulate';
import { serviceFindings } from './serviceFindings';

/** A finding of the simulation, in a file. */
export interface SimulationFinding extends Finding {
  file: string;
}

/**
 * What would fail at apply time, as diagnostics on the manifests that cause it: objects the API server
 * rejects (KP150), pods a controller fails to create (KP151), pods a kubelet refuses or that are bound
 * to a node the cluster does not have (KP152); what kube-proxy makes of the Services (KP160–KP162).
 * Each message carries the cluster's own error text.
 */
export function simulationFindings(result: SimulationResult): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  for (const { manifest, error } of result.rejections) {
    const range = error.path ? manifest.locate(error.path) : manifest.range;
    out.push({ file: manifest.file, range, code: RULES.applyRejected.code, severity: RULES.applyRejected.severity, message: `kubectl apply would fail (${error.status}, ${error.by}): ${error.message}` });
  }
  const seen = new Set<string>();
  for (const e of result.events) {
    if (!e.source || e.component === 'kube-apiserver' || e.type !== 'Warning') continue;
    let rule;
    if (e.reason === 'FailedCreate' && !result.reportedByChecks.has(e)) rule = RULES.podsNotCreated;
    else if (e.component === 'kubelet' && e.reason !== 'Unhealthy') rule = RULES.podNotRun;
    if (!rule) continue;
    const message = `${e.object}: ${e.reason}: ${e.message}`;
    const key = `${e.source.file}|${e.source.range.start.line}|${rule.code}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: e.source.file, range: e.source.range, code: rule.code, severity: rule.severity, message });
  }
  out.push(...serviceFindings(result));
  for (const f of result.failures) {
    if (f.source) out.push({ file: f.source.file, range: f.source.range, code: RULES.fileNotAnalysed.code, severity: RULES.fileNotAnalysed.severity, message: f.message });
  }
  return out;
}
