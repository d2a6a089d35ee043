import { obj, type Obj } from '../model/obj';

/**
 * `kubectl apply` of a manifest to an object that exists (client-side apply): a three-way strategic
 * merge of the live object, the manifest, and the configuration the last apply wrote
 * (staging/src/k8s.io/kubectl/pkg/cmd/apply/patcher.go, CreateThreeWayMergePatch in
 * apimachinery/pkg/util/strategicpatch/patch.go). The manifest's fields are set; a field the last
 * apply wrote and the manifest no longer has is removed; every other field of the live object (what
 * the API server defaulted or allocated, what others wrote) is kept. Without a last-applied
 * configuration nothing is removed, as kubectl does.
 */
export function applyPatch(live: Obj, manifest: Obj, lastApplied: Obj | undefined): Obj {
  return mergeMap(live, manifest, lastApplied, []) as Obj;
}

/**
 * The strategic-merge keys of lists (`patchMergeKey` in k8s.io/api's types.go): items of these lists
 * are merged by that field; every other list is replaced whole. `ports` is a container's (by
 * containerPort) or a Service's (by port). A list's items have their list's path.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  readinessGates: 'conditionType',
  resourceClaims: 'name',
  schedulingGates: 'name',
  topologySpreadConstraints: 'topologyKey',
  ownerReferences: 'uid',
};

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

export function mergeKeyOf(path: string[]): string | undefined {
  const field = path[path.length - 1];
  if (field === 'ports') return CONTAINER_LISTS.has(path[path.length - 2] ?? '') ? 'containerPort' : 'port';
  return MERGE_KEYS[field] || undefined;
}

/**
 * Maps whose strategy is `retainKeys`: only the manifest's keys are kept (a Deployment's
 * `spec.strategy`, a volume's source), so switching `type: Recreate` drops `rollingUpdate`.
 */
const retainsKeys = (path: string[]): boolean => (path.length === 2 && path[0] === 'spec' && path[1] === 'strategy') || path[path.length - 1] === 'volumes';

function mergeValue(live: unknown, manifest: unknown, last: unknown, path: string[]): unknown {
  if (obj(manifest) && obj(live)) return mergeMap(obj(live)!, obj(manifest)!, obj(last), path);
  if (Array.isArray(manifest) && Array.isArray(live)) {
    const key = mergeKeyOf(path);
    if (key) return mergeList(live, manifest, Array.isArray(last) ? last : [], key, path);
  }
  return manifest;
}

function mergeMap(live: Obj, manifest: Obj, last: Obj | undefined, path: string[]): Obj {
  const out: Obj = retainsKeys(path) ? {} : { ...live };
  for (const [k, v] of Object.entries(manifest)) {
    if (v === null) delete out[k];
    else out[k] = mergeValue(live[k], v, last?.[k], [...path, k]);
  }
  for (const k of Object.keys(last ?? {})) if (!(k in manifest)) delete out[k];
  return out;
}

/** Items by their merge key: the manifest's in its order, merged into the live ones; live-only items kept unless the last apply wrote them. */
function mergeList(live: unknown[], manifest: unknown[], last: unknown[], key: string, path: string[]): unknown[] {
  const keyOf = (item: unknown): string | undefined => {
    const v = obj(item)?.[key];
    return v === undefined ? undefined : JSON.stringify(v);
  };
  const liveByKey = new Map(live.map((i) => [keyOf(i), i] as const));
  const lastByKey = new Map(last.map((i) => [keyOf(i), i] as const));
  const written = new Set(manifest.map(keyOf));
  const out = manifest.map((item) => {
    const k = keyOf(item);
    const before = k === undefined ? undefined : liveByKey.get(k);
    return before === undefined ? item : mergeValue(before, item, lastByKey.get(k), path);
  });
  for (const item of live) {
    const k = keyOf(item);
    if (!written.has(k) && !lastByKey.has(k)) out.push(item);
  }
  return out;
}
