import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { obj } from '../../model/obj';
import { containerName, securityContextSpan, type PodSpecAt } from './podSpecAt';
import { capabilityList, capabilityName } from './capabilityNames';

/**
 * The capabilities the baseline Pod Security Standard lets a container add
 * (pod-security-admission policy/check_capabilities_baseline.go): the container runtimes' defaults.
 * Anything else — SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, ALL… — widens what a process in the
 * container can do to the node or its network.
 */
const BASELINE = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

const WHAT: Record<string, string> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mounts, namespaces and most other administration: close to root on the node',
  NET_ADMIN: 'reconfiguring interfaces, routes and iptables rules',
  NET_RAW: 'crafting raw packets: spoofing traffic in the pod network',
  SYS_PTRACE: 'tracing and reading the memory of other processes',
  SYS_MODULE: 'loading kernel modules',
  DAC_READ_SEARCH: 'reading any file, whatever its permissions',
  SYS_RAWIO: 'raw access to devices and I/O ports',
  BPF: 'loading eBPF programs into the kernel',
};

/**
 * KP183 (warning): a capability added beyond the baseline Pod Security Standard. KP184
 * (information): NET_RAW not dropped — containerd grants it by default (CRI-O no longer does), and
 * kube-linter asks for it to be dropped; dropping ALL does it. A privileged container has every
 * capability anyway (KP173); Windows containers have none.
 */
export function capabilityFindings(pod: PodSpecAt): DocFinding[] {
  if (pod.windows) return [];
  const out: DocFinding[] = [];
  for (const c of pod.containers) {
    const sc = c.securityContext;
    if (sc?.privileged === true) continue;
    const capabilities = obj(sc?.capabilities);
    const added: unknown[] = Array.isArray(capabilities?.add) ? (capabilities!.add as unknown[]) : [];
    added.forEach((raw, i) => {
      const name = capabilityName(raw);
      if (name === '' || BASELINE.has(name)) return;
      const what = WHAT[name] ? ` (${WHAT[name]})` : '';
      out.push(docFinding(RULES.dangerousCapability, `${containerName(c)} adds capability ${String(raw)}${what}, which the baseline Pod Security Standard forbids`, pod.spans.value([...c.path, 'securityContext', 'capabilities', 'add', i])));
    });
    // Adding NET_RAW (or ALL) is KP183's.
    const covered = [...capabilityList(capabilities, 'drop'), ...capabilityList(capabilities, 'add')];
    if (covered.includes('ALL') || covered.includes('NET_RAW')) continue;
    const span = Array.isArray(capabilities?.drop) ? pod.spans.key([...c.path, 'securityContext', 'capabilities', 'drop']) : securityContextSpan(pod, c);
    out.push(docFinding(RULES.netRawNotDropped, `${containerName(c)} does not drop NET_RAW: containerd grants it by default, and with it a process can craft raw packets and spoof traffic in the pod network; drop ALL (or NET_RAW) in capabilities.drop`, span));
  }
  return out;
}
