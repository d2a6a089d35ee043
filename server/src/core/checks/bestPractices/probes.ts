import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { containerName, nameSpan, type PodSpecAt } from './podSpecAt';

/**
 * KP171, KP172: a long-running container without a readinessProbe or a livenessProbe. Only the
 * regular containers of pods that restart `Always` (the default): a pod that runs to completion (a
 * Job's, a CronJob's, `restartPolicy: Never` or `OnFailure`) serves nothing and is not restarted for
 * hanging, and init containers (sidecars included) are left out as Polaris leaves them out.
 * Information: whether a container needs them is the application's call (kube-score advises a
 * livenessProbe only where one is known to be needed).
 */
export function probeFindings(pod: PodSpecAt): DocFinding[] {
  const restartPolicy = pod.spec.restartPolicy ?? 'Always';
  if (restartPolicy !== 'Always') return [];
  const out: DocFinding[] = [];
  for (const c of pod.containers) {
    if (c.list !== 'containers') continue;
    if (c.container.readinessProbe == null) {
      out.push(docFinding(RULES.noReadinessProbe, `${containerName(c)} has no readinessProbe: it counts as ready as soon as it starts, so its Services send it traffic, and a rollout moves on, before it can serve`, nameSpan(pod, c)));
    }
    if (c.container.livenessProbe == null) {
      out.push(docFinding(RULES.noLivenessProbe, `${containerName(c)} has no livenessProbe: if its process hangs without exiting, the kubelet never restarts it`, nameSpan(pod, c)));
    }
  }
  return out;
}
