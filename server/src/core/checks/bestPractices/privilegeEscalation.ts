import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { containerName, securityContextSpan, type PodSpecAt } from './podSpecAt';
import { capabilityList } from './capabilityNames';
import { setFieldsFix } from './setFieldsFix';

/**
 * KP174: `allowPrivilegeEscalation` not false. The kubelet sets no_new_privs only when it is false
 * (pkg/securitycontext AddNoNewPrivileges); otherwise a setuid binary or file capabilities can raise
 * a process above the privileges the container started with. The restricted Pod Security Standard
 * requires false. A privileged container is KP173's (it escalates anyway, and the API server refuses
 * false with it, as with CAP_SYS_ADMIN: then no quick fix).
 */
export function privilegeEscalationFindings(pod: PodSpecAt): DocFinding[] {
  if (pod.windows) return [];
  const out: DocFinding[] = [];
  for (const c of pod.containers) {
    const sc = c.securityContext;
    if (sc?.privileged === true || sc?.allowPrivilegeEscalation === false) continue;
    const explicit = sc?.allowPrivilegeEscalation === true;
    const span = explicit ? pod.spans.value([...c.path, 'securityContext', 'allowPrivilegeEscalation']) : securityContextSpan(pod, c);
    const message = `${containerName(c)} ${explicit ? 'sets allowPrivilegeEscalation: true' : 'does not set allowPrivilegeEscalation: false'}: a setuid binary in it can give a process more privileges than the container started with`;
    const sysAdmin = capabilityList(sc?.capabilities, 'add').includes('SYS_ADMIN');
    const fix = sysAdmin ? undefined : setFieldsFix('Set allowPrivilegeEscalation: false', pod.spans, c.path, ['securityContext'], [['allowPrivilegeEscalation', 'false']]);
    out.push(docFinding(RULES.privilegeEscalation, message, span, fix ? [fix] : undefined));
  }
  return out;
}
