import { obj, type Obj } from '../../model/obj';
import { RULES } from '../../rules';
import type { SimulationFinding } from '../../cluster/findings/types';
import type { WorkspaceObjects } from './objects';
import { relatedAt } from './objects';
import { podReferences } from './podReferences';
import { referencedObject } from './missing';

/** The keys a ConfigMap (data, binaryData) or a Secret (data, stringData) has. */
function keysOf(o: Obj): Set<string> {
  const fields = o.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  return new Set(fields.flatMap((f) => Object.keys(obj(o[f]) ?? {})));
}

/**
 * KP194: a key a pod needs from a ConfigMap or Secret that is there but does not have it, in the
 * kubelet's words: `couldn't find key K in ConfigMap ns/name` for env (makeEnvironmentVariables;
 * the container is not started, CreateContainerConfigError), `configmap references non-existent
 * config key: K` for volume items (the volume does not mount). `optional: true` references are left
 * out, as the kubelet skips them; so are service account token Secrets, whose keys a controller adds.
 */
export function keyFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  for (const t of objects.allTemplates()) {
    if (t.manifest.invalid) continue;
    const ns = t.workload.namespace;
    for (const r of podReferences(t)) {
      if (r.optional || r.keys.length === 0) continue;
      const target = referencedObject(objects, r.kind, ns, r.name);
      if (!target || target === 'builtIn' || target.type === 'kubernetes.io/service-account-token') continue;
      const keys = keysOf(target);
      const own = objects.get('', r.kind, ns, r.name);
      for (const k of r.keys) {
        if (keys.has(k.key)) continue;
        const has = `the ${r.kind} has ${keys.size ? [...keys].slice(0, 8).join(', ') + (keys.size > 8 ? ', …' : '') : 'no keys'}`;
        const message =
          k.use === 'env'
            ? `couldn't find key ${k.key} in ${r.kind} ${ns}/${r.name}: the kubelet does not start container ${r.container} of ${t.owner} (CreateContainerConfigError; ${has})`
            : `${r.kind === 'ConfigMap' ? 'configmap references non-existent config key' : 'secret references non-existent secret key'}: ${k.key}: ${r.use} of ${t.owner} does not mount, so its pods do not start (${has})`;
        out.push({
          file: t.manifest.file,
          range: t.manifest.locate(k.path),
          code: RULES.keyNotFound.code,
          severity: RULES.keyNotFound.severity,
          message,
          ...(own ? { related: [relatedAt(own, ['metadata', 'name'], `${r.kind} ${r.name} has no key ${k.key}`)] } : {}),
        });
      }
    }
  }
  return out;
}
