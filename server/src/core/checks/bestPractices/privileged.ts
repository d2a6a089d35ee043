import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { containerName, type PodSpecAt } from './podSpecAt';

/** KP173: `privileged: true` — every capability, the host's devices, no seccomp or AppArmor confinement: root on the node. */
export function privilegedFindings(pod: PodSpecAt): DocFinding[] {
  return pod.containers
    .filter((c) => c.securityContext?.privileged === true)
    .map((c) =>
      docFinding(
        RULES.privileged,
        `${containerName(c)} is privileged: it gets every capability and the node's devices, unconfined, so whoever runs code in it controls the node`,
        pod.spans.value([...c.path, 'securityContext', 'privileged']),
      ),
    );
}
