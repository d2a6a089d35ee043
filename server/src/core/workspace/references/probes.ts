import { obj, podContainers, type Obj } from '../../model/obj';
import { RULES } from '../../rules';
import type { SimulationFinding } from '../../cluster/findings/types';
import { findingAt, type WorkspaceObjects } from './objects';

/** What the kubelet does when the handler cannot run, per probe or hook. */
const HANDLERS: Array<{ path: string[]; label: string; consequence: string; error: (port: string) => string }> = [
  { path: ['livenessProbe'], label: 'Liveness probe', consequence: 'the container is restarted again and again', error: (p) => `Liveness probe errored: port ${p} not found` },
  { path: ['readinessProbe'], label: 'Readiness probe', consequence: 'the pod never becomes Ready, so no Service sends it traffic', error: (p) => `Readiness probe errored: port ${p} not found` },
  { path: ['startupProbe'], label: 'Startup probe', consequence: 'the container is killed once failureThreshold is reached', error: (p) => `Startup probe errored: port ${p} not found` },
  { path: ['lifecycle', 'postStart'], label: 'postStart hook', consequence: 'the container is killed (FailedPostStartHook)', error: (p) => `couldn't find port: ${p} in the container` },
  { path: ['lifecycle', 'preStop'], label: 'preStop hook', consequence: 'the hook does not run before the container stops (FailedPreStopHook)', error: (p) => `couldn't find port: ${p} in the container` },
];

/**
 * KP196: a probe or lifecycle handler (httpGet, tcpSocket) whose port is a name the container does not
 * declare. The API server checks only the name's form (IANA_SVC_NAME, KP134); the kubelet looks it up
 * in the container's own ports each time the handler runs (prober findPortByName, lifecycle
 * resolvePort), and fails it when it is not there.
 */
export function probeFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  for (const t of objects.allTemplates()) {
    if (t.manifest.invalid) continue;
    for (const { list, index, name, container } of podContainers(t.workload.podSpec)) {
      const declared = new Set((Array.isArray(container.ports) ? container.ports : []).map((p) => obj(p)?.name).filter((n): n is string => typeof n === 'string'));
      for (const handler of HANDLERS) {
        let h: Obj | undefined = container;
        for (const k of handler.path) h = obj(h?.[k]);
        for (const action of ['httpGet', 'tcpSocket']) {
          const port = obj(h?.[action])?.port;
          if (typeof port !== 'string' || /^\d+$/.test(port) || declared.has(port)) continue;
          const has = declared.size ? `it declares ${[...declared].map((n) => `"${n}"`).join(', ')}` : 'it declares no named port';
          out.push(
            findingAt(
              RULES.probePortNotDeclared,
              t.manifest,
              [...t.workload.podSpecPath, list, index, ...handler.path, action, 'port'],
              `the ${handler.label} of container ${name} (${t.owner}) names port "${port}", which the container does not declare (${has}): the kubelet fails it each time (${handler.error(port)}), so ${handler.consequence}`,
            ),
          );
        }
      }
    }
  }
  return out;
}
