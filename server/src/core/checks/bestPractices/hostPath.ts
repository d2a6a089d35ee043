import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { isObj, obj } from '../../model/obj';
import type { PodSpecAt } from './podSpecAt';

/** The node's system directories (kube-linter's sensitive-host-mounts): the node's own files. */
const SYSTEM_DIRECTORIES = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr']);
/** The container runtimes' sockets: whoever talks to one starts containers on the node, privileged ones too. */
const RUNTIME_SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd)\.sock$/;

/** `/etc/` and `/etc` are the same directory. */
const normalize = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * KP181 (warning): a hostPath volume of a host system directory or a container runtime socket.
 * KP180 (information): any other hostPath volume — the pod reads (and unless every mount is
 * readOnly, changes) the node's files, and what it keeps there stays on that node. Node agents (log
 * shippers, node exporters, CSI drivers) need them; turn the code off for those objects.
 */
export function hostPathFindings(pod: PodSpecAt): DocFinding[] {
  const volumes = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
  const out: DocFinding[] = [];
  volumes.forEach((v, i) => {
    const hostPath = isObj(v) ? obj(v.hostPath) : undefined;
    if (!hostPath || typeof hostPath.path !== 'string') return;
    const path = normalize(hostPath.path);
    const volumeName = (v as { name?: unknown }).name;
    const name = typeof volumeName === 'string' ? `volume ${volumeName}` : `volumes[${i}]`;
    const access = ACCESS[mountedAs(pod, volumeName)];
    const span = pod.spans.value([...pod.path, 'volumes', i, 'hostPath', 'path']);
    if (RUNTIME_SOCKET.test(path)) {
      out.push(docFinding(RULES.sensitiveHostPath, `${name} mounts the container runtime's socket ${hostPath.path}: whoever can talk to it starts containers on the node, privileged ones too`, span));
    } else if (SYSTEM_DIRECTORIES.has(path)) {
      out.push(docFinding(RULES.sensitiveHostPath, `${name} mounts the node's system directory ${hostPath.path}: the pod ${access} the node's own files`, span));
    } else {
      out.push(docFinding(RULES.hostPath, `${name} mounts ${hostPath.path} from the node (hostPath): the pod ${access} the node's files, and what it finds there is that one node's`, span));
    }
  });
  return out;
}

const ACCESS = { writable: 'reads and changes', readOnly: 'reads (every mount is readOnly)', unmounted: 'can read and change (no container mounts it yet)' } as const;

/** How the pod's containers mount a volume: writable by one at least, read-only by all, or not at all. */
function mountedAs(pod: PodSpecAt, volume: unknown): keyof typeof ACCESS {
  const mounts = pod.containers.flatMap((c) => (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : [])).filter((m) => isObj(m) && m.name === volume) as Array<{ readOnly?: unknown }>;
  if (mounts.length === 0) return 'unmounted';
  return mounts.some((m) => m.readOnly !== true) ? 'writable' : 'readOnly';
}
