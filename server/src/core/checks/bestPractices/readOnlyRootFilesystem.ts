import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { containerName, securityContextSpan, type PodSpecAt } from './podSpecAt';
import { setFieldsFix } from './setFieldsFix';

/**
 * KP182: `readOnlyRootFilesystem` not true. Whoever gets into the container can then change its
 * binaries and configuration; what the application writes belongs in volumes (an `emptyDir` for
 * scratch). Windows containers cannot have a read-only root filesystem (the API server refuses it).
 */
export function readOnlyRootFilesystemFindings(pod: PodSpecAt): DocFinding[] {
  if (pod.windows) return [];
  const out: DocFinding[] = [];
  for (const c of pod.containers) {
    const value = c.securityContext?.readOnlyRootFilesystem;
    if (value === true) continue;
    const explicit = value === false;
    const span = explicit ? pod.spans.value([...c.path, 'securityContext', 'readOnlyRootFilesystem']) : securityContextSpan(pod, c);
    const message = `${containerName(c)} can write to its root filesystem${explicit ? ' (readOnlyRootFilesystem: false)' : ''}: whoever gets into it can change its binaries and configuration; mount volumes where the application writes`;
    const fix = setFieldsFix('Set readOnlyRootFilesystem: true', pod.spans, c.path, ['securityContext'], [['readOnlyRootFilesystem', 'true']]);
    out.push(docFinding(RULES.writableRootFilesystem, message, span, fix ? [fix] : undefined));
  }
  return out;
}
