import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import type { JsonPath } from '../../yaml/nodeAt';
import { containerName, securityContextSpan, type ContainerAt, type PodSpecAt } from './podSpecAt';
import { setFieldsFix } from './setFieldsFix';

/** A field of the effective security context, and where it was set (the container's, else the pod's). */
interface Effective<T> {
  value: T;
  path: JsonPath;
  fromPod: boolean;
}

/**
 * The container's value of a field the pod-level securityContext also has, as the kubelet merges them
 * (pkg/securitycontext DetermineEffectiveSecurityContext): the container's, when set, wins.
 */
function effective<T>(pod: PodSpecAt, c: ContainerAt, field: string, is: (v: unknown) => v is T): Effective<T> | undefined {
  if (is(c.securityContext?.[field])) return { value: c.securityContext![field] as T, path: [...c.path, 'securityContext', field], fromPod: false };
  if (is(pod.securityContext?.[field])) return { value: pod.securityContext![field] as T, path: [...pod.path, 'securityContext', field], fromPod: true };
  return undefined;
}
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * KP175 (information): nothing makes the container run as non-root — neither `runAsNonRoot: true`
 * nor a non-zero `runAsUser`, in its securityContext or the pod's — so the image's USER decides, root
 * unless the image says otherwise. KP176 (warning): the effective `runAsUser` is 0; with
 * `runAsNonRoot: true` the kubelet refuses to start it (kuberuntime verifyRunAsNonRoot). Windows pods
 * name users otherwise (`windowsOptions.runAsUserName`) and are left out.
 */
export function runAsNonRootFindings(pod: PodSpecAt): DocFinding[] {
  if (pod.windows) return [];
  const out: DocFinding[] = [];
  for (const c of pod.containers) {
    const user = effective(pod, c, 'runAsUser', isInt);
    const nonRoot = effective(pod, c, 'runAsNonRoot', isBool);
    const where = (e: Effective<unknown>) => (e.fromPod ? " (the pod's securityContext)" : '');
    if (user?.value === 0) {
      const message =
        nonRoot?.value === true
          ? `${containerName(c)} has runAsUser: 0${where(user)} and runAsNonRoot: true${where(nonRoot)}: the kubelet refuses to start it (container's runAsUser breaks non-root policy)`
          : `${containerName(c)} runs as root (runAsUser: 0${where(user)}): whoever runs code in it is root in the container, one kernel bug or misconfiguration away from root on the node`;
      out.push(docFinding(RULES.runAsRoot, message, pod.spans.value(user.path)));
      continue;
    }
    if ((user && user.value > 0) || nonRoot?.value === true) continue;
    const span = nonRoot ? pod.spans.value(nonRoot.path) : securityContextSpan(pod, c);
    const set = nonRoot ? `runAsNonRoot: false${where(nonRoot)}` : 'neither runAsNonRoot: true nor a runAsUser';
    const message = `${containerName(c)} may run as root: it sets ${set}, so the image's USER decides (root, unless the image says otherwise)`;
    const fix = setFieldsFix('Set runAsNonRoot: true', pod.spans, c.path, ['securityContext'], [['runAsNonRoot', 'true']]);
    out.push(docFinding(RULES.runAsNonRoot, message, span, fix ? [fix] : undefined));
  }
  return out;
}
