import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { isObj } from '../../model/obj';
import type { PodSpecAt } from './podSpecAt';

/**
 * KP185: an env var defined twice in one container, as the API server warns about it
 * (pkg/api/pod/warnings.go): the later definition wins, and `kubectl apply`'s merge, keyed by name,
 * may drop one of them. Not when the later one builds on the earlier (`X=$(X):more`), as upstream.
 */
export function duplicateEnvFindings(pod: PodSpecAt): DocFinding[] {
  const out: DocFinding[] = [];
  for (const c of pod.containers) {
    const env = c.container.env;
    if (!Array.isArray(env) || env.length < 2) continue;
    const seen = new Set<string>();
    env.forEach((item, i) => {
      if (!isObj(item) || typeof item.name !== 'string') return;
      if (!seen.has(item.name)) {
        seen.add(item.name);
        return;
      }
      const ref = `$(${item.name})`;
      const value = typeof item.value === 'string' ? item.value : '';
      const hides = item.valueFrom != null || value === ref || !value.includes(ref);
      if (!hides) return;
      const field = `${pod.fieldPath}.${c.list}[${c.index}].env[${i}]`;
      out.push(docFinding(RULES.duplicateEnv, `${field}: hides previous definition of ${JSON.stringify(item.name)}, which may be dropped when using apply`, pod.spans.value([...c.path, 'env', i, 'name'])));
    });
  }
  return out;
}
