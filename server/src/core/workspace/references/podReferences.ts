import { obj, podContainers, type Obj } from '../../model/obj';
import type { JsonPath } from '../../yaml/nodeAt';
import { mappings, nonEmpty, type PodTemplate } from './objects';

/** Where a pod template names a ConfigMap or a Secret, and what the kubelet does without it. */
export interface PodReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** `optional: true`: the kubelet goes on without it. */
  optional: boolean;
  /** Where the name is written (absolute path in the manifest). */
  path: JsonPath;
  /** The keys it needs, with where each is written (env keyRefs, volume items). */
  keys: Array<{ key: string; path: JsonPath; use: 'env' | 'volume' }>;
  /** How the place is named in messages: `env API_KEY of container app`. */
  use: string;
  /** The container that needs it (env, envFrom), if one does. */
  container?: string;
}


/** The items of a configMap/secret volume source: the keys it projects. */
function itemKeys(source: Obj, path: JsonPath): PodReference['keys'] {
  return mappings(source.items).flatMap((item, k) => (nonEmpty(item.key) ? [{ key: item.key as string, path: [...path, 'items', k, 'key'], use: 'volume' as const }] : []));
}

/**
 * The ConfigMaps and Secrets a pod template needs (pkg/kubelet: makeEnvironmentVariables, the
 * configmap/secret/projected volume plugins, image pull secrets), in the order they are written.
 */
export function podReferences(t: PodTemplate): PodReference[] {
  const out: PodReference[] = [];
  const spec = t.workload.podSpec;
  const base = t.workload.podSpecPath;
  for (const { list: which, index, name: container, container: c } of podContainers(spec)) {
    const at = [...base, which, index];
    mappings(c.env).forEach((e, j) => {
      const from = obj(e.valueFrom);
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const ref = obj(from?.[field]);
        const name = nonEmpty(ref?.name);
        if (!ref || !name) continue;
        const path = [...at, 'env', j, 'valueFrom', field];
        out.push({ kind, name, optional: ref.optional === true, path: [...path, 'name'], keys: nonEmpty(ref.key) ? [{ key: ref.key as string, path: [...path, 'key'], use: 'env' }] : [], use: `env ${String(e.name)} of container ${container}`, container });
      }
    });
    mappings(c.envFrom).forEach((e, j) => {
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = obj(e[field]);
        const name = nonEmpty(ref?.name);
        if (ref && name) out.push({ kind, name, optional: ref.optional === true, path: [...at, 'envFrom', j, field, 'name'], keys: [], use: `envFrom of container ${container}`, container });
      }
    });
  }
  mappings(spec.volumes).forEach((v, j) => {
    const at = [...base, 'volumes', j];
    const configMap = obj(v.configMap);
    if (configMap && nonEmpty(configMap.name)) out.push({ kind: 'ConfigMap', name: configMap.name as string, optional: configMap.optional === true, path: [...at, 'configMap', 'name'], keys: itemKeys(configMap, [...at, 'configMap']), use: `volume ${String(v.name)}` });
    const secret = obj(v.secret);
    if (secret && nonEmpty(secret.secretName)) out.push({ kind: 'Secret', name: secret.secretName as string, optional: secret.optional === true, path: [...at, 'secret', 'secretName'], keys: itemKeys(secret, [...at, 'secret']), use: `volume ${String(v.name)}` });
    mappings(obj(v.projected)?.sources).forEach((s, k) => {
      for (const [field, kind] of [['configMap', 'ConfigMap'], ['secret', 'Secret']] as const) {
        const source = obj(s[field]);
        const path = [...at, 'projected', 'sources', k, field];
        if (source && nonEmpty(source.name)) out.push({ kind, name: source.name as string, optional: source.optional === true, path: [...path, 'name'], keys: itemKeys(source, path), use: `projected volume ${String(v.name)}` });
      }
    });
  });
  mappings(spec.imagePullSecrets).forEach((s, j) => {
    // The kubelet pulls without a missing pull secret (and warns): it never stops the pod by itself.
    if (nonEmpty(s.name)) out.push({ kind: 'Secret', name: s.name as string, optional: false, path: [...base, 'imagePullSecrets', j, 'name'], keys: [], use: 'imagePullSecrets' });
  });
  return out;
}
