import { RULES } from '../../rules';
import type { Manifest } from '../manifests';
import type { SimulationResult } from '../simulate';
import { serviceFindings } from './services';
import { runToEnd } from '../../model/steps';
import { schedulingFindings } from './scheduling';
import type { SimulationFinding } from './types';
import { obj } from '../../model/obj';

/** `namespace/name` (or `name`) as written in a manifest. */
export function objectName(m: Manifest): string {
  const meta = obj(m.object.metadata) ?? {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  return typeof meta.namespace === 'string' && meta.namespace ? `${meta.namespace}/${name}` : name;
}

/**
 * What would fail at apply time, as diagnostics on the manifests that cause it: objects the API server
 * rejects (KP150), pods a controller fails to create (KP151), pods a kubelet refuses or that are bound
 * to a node the cluster does not have (KP152); pods kube-scheduler places nowhere (KP153); what
 * kube-proxy makes of the Services (KP160–KP162); steps kubeplan failed on (KP100).
 * Each message carries the cluster's own error text.
 */
export function simulationFindings(result: SimulationResult, manifests: Manifest[] = [...result.manifests.values()], defaultNamespace = 'default'): SimulationFinding[] {
  return runToEnd(simulationFindingsInSteps(result, manifests, defaultNamespace));
}

/** The same, pausing between its parts (the language server answers requests there). */
export function* simulationFindingsInSteps(result: SimulationResult, manifests: Manifest[] = [...result.manifests.values()], defaultNamespace = 'default'): Generator<void, SimulationFinding[]> {
  const out: SimulationFinding[] = [];
  // One finding per cause: every object of a missing namespace (or of a type the cluster does not
  // serve) fails with the same error; the first one carries it, the others are related locations.
  const byCause = new Map<string, SimulationFinding>();
  for (const { manifest, error } of result.rejections) {
    const range = error.path ? manifest.locate(error.path) : manifest.range;
    const shared = error.by === 'NamespaceLifecycle' || error.by === 'kubectl' ? `${error.by}|${error.message}` : undefined;
    const first = shared ? byCause.get(shared) : undefined;
    if (first) {
      (first.related ??= []).push({ file: manifest.file, range, message: `${manifest.object.kind} ${objectName(manifest)} fails too` });
      continue;
    }
    const finding: SimulationFinding = { file: manifest.file, range, code: RULES.applyRejected.code, severity: RULES.applyRejected.severity, message: `kubectl apply would fail (${error.status}, ${error.by}): ${error.message}` };
    if (shared) byCause.set(shared, finding);
    out.push(finding);
  }
  for (const f of byCause.values()) if (f.related) f.message += ` (${f.related.length + 1} objects)`;
  const seen = new Set<string>();
  const failedCreate = new Map<string, SimulationFinding>();
  for (const e of result.events) {
    // The API server's and kubectl's refusals are the rejections above.
    if (!e.source || e.component === 'kube-apiserver' || e.component === 'kubectl' || e.type !== 'Warning') continue;
    let rule;
    if (e.reason === 'FailedCreate' && !result.reportedByChecks.has(e)) rule = RULES.podsNotCreated;
    else if (e.component === 'kubelet' && e.reason !== 'Unhealthy') rule = RULES.podNotRun;
    if (!rule) continue;
    const message = `${e.object}: ${e.reason}: ${e.message}`;
    const key = `${e.source.file}|${e.source.range.start.line}|${rule.code}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Controllers that fail to create pods for the same reason (a missing ServiceAccount several
    // workloads name): one finding, on the first, the others related.
    const cause = rule === RULES.podsNotCreated ? e.message.replace(/^Error creating: pods "[^"]*" /, '') : undefined;
    const first = cause === undefined ? undefined : failedCreate.get(cause);
    if (first) {
      (first.related ??= []).push({ file: e.source.file, range: e.source.range, message: `${e.object} fails to create pods the same way` });
      continue;
    }
    const finding: SimulationFinding = { file: e.source.file, range: e.source.range, code: rule.code, severity: rule.severity, message };
    if (cause !== undefined) failedCreate.set(cause, finding);
    out.push(finding);
  }
  yield;
  out.push(...serviceFindings(result));
  yield;
  out.push(...schedulingFindings(result, manifests, defaultNamespace));
  for (const f of result.failures) {
    if (f.source) out.push({ file: f.source.file, range: f.source.range, code: RULES.fileNotAnalysed.code, severity: RULES.fileNotAnalysed.severity, message: f.message });
  }
  return out;
}
