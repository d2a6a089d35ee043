import { obj, type Obj } from '../model/obj';
import { minorOf } from '../versions';
import { renderValue } from '../schema/fieldErrors';
import { groupOf } from '../schema/apiLifecycle';
import { validateBuiltin } from '../checks/validation';
import type { ApiError } from './apiErrors';
import { metaOf, nameOf } from './store';
import type { JsonPath } from '../yaml/nodeAt';

/**
 * What the API server refuses in an update that it would accept in a create: the immutable fields of
 * each kind (pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate, the selector checks of
 * pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go, pkg/apis/batch/validation
 * ValidateJobSpecUpdate, pkg/apis/core/validation/validation.go ValidatePodUpdate,
 * ValidatePersistentVolumeClaimUpdate, ValidateServiceUpdate, ValidateConfigMapUpdate and
 * ValidateSecretUpdate). The message is the StatusError's: `<Kind>.<group> "<name>" is invalid: …`.
 */
export function validateUpdate(updated: Obj, old: Obj, kubernetesVersion: string): ApiError | undefined {
  const errors = [...updateErrors(updated, old, kubernetesVersion), ...newValidationErrors(updated, old, kubernetesVersion)];
  if (errors.length === 0) return undefined;
  const group = groupOf(String(updated.apiVersion ?? ''));
  const qualified = group ? `${String(updated.kind)}.${group}` : String(updated.kind);
  const body = errors.length === 1 ? errors[0].message : `[${errors.map((e) => e.message).join(', ')}]`;
  return { status: 'Invalid', by: `${String(updated.kind)} update validation`, message: `${qualified} "${nameOf(updated)}" is invalid: ${body}`, path: errors[0].path, causes: errors.map((e) => e.message) };
}

interface UpdateError {
  message: string;
  path: JsonPath;
}

/**
 * The object the merge makes is validated again as a whole, as the API server validates every update
 * (a probe that gains a handler the last apply did not write: `may not specify more than 1 handler
 * type`). Only errors the object before did not have count: a cluster's object that kubeplan's
 * validation finds fault with was accepted once, and an update is not refused for it.
 */
function newValidationErrors(updated: Obj, old: Obj, version: string): UpdateError[] {
  const group = groupOf(String(updated.apiVersion ?? ''));
  const kind = String(updated.kind);
  const before = new Set(validateBuiltin(old, group, kind, version).map((e) => e.message));
  return validateBuiltin(updated, group, kind, version)
    .filter((e) => !before.has(e.message))
    .map((e) => ({ message: e.message, path: e.at }));
}

/** Client-side apply keeps the manifest in an annotation: all of an object's annotations may take 256 KiB (ValidateAnnotations). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 262144;

/**
 * The annotations' size once kubectl adds the last-applied configuration (the manifest as JSON, with
 * a newline), over the limit: `metadata.annotations: Too long: may not be more than 262144 bytes`, the
 * well-known failure of big CRDs under client-side apply. Undefined when within it.
 */
export function annotationsTooLong(manifest: Obj, kind: string, name: string): ApiError | undefined {
  const annotations = obj(metaOf(manifest).annotations) ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) if (k !== LAST_APPLIED) size += byteLength(k) + byteLength(typeof v === 'string' ? v : '');
  size += byteLength(LAST_APPLIED) + 1;
  // Most manifests are a few kB: a bound on their JSON's size settles it without serializing them.
  if (jsonBytesWithin(manifest, TOTAL_ANNOTATION_SIZE_LIMIT - size)) return undefined;
  size += byteLength(JSON.stringify(manifest));
  if (size <= TOTAL_ANNOTATION_SIZE_LIMIT) return undefined;
  const cause = `metadata.annotations: Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`;
  const group = groupOf(String(manifest.apiVersion ?? ''));
  return { status: 'Invalid', by: 'the last-applied-configuration annotation of client-side apply; kubectl apply --server-side writes none', message: `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${cause}`, path: ['metadata'], causes: [cause] };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Whether JSON.stringify(v) surely takes at most `budget` bytes: each string counted at 6 bytes a
 * UTF-16 unit (the longest escape, \uXXXX, and more than any UTF-8 encoding of one), each number at 24
 * and other scalars at 5, plus quotes, brackets and separators. False also when it merely might not.
 */
function jsonBytesWithin(v: unknown, budget: number): boolean {
  let left = budget;
  const walk = (x: unknown): boolean => {
    if (typeof x === 'string') left -= 6 * x.length + 2;
    else if (typeof x === 'number') left -= 24;
    else if (Array.isArray(x)) {
      left -= 2 + x.length;
      for (const item of x) if (!walk(item)) return false;
    } else if (x && typeof x === 'object') {
      // A value that serializes itself (a Date) is left to JSON.stringify.
      if (typeof (x as { toJSON?: unknown }).toJSON === 'function') return false;
      const o = x as Record<string, unknown>;
      left -= 2;
      for (const k in o) {
        left -= 6 * k.length + 4;
        if (!walk(o[k])) return false;
      }
    } else left -= 5;
    return left >= 0;
  };
  return walk(v);
}
// Counted, not encoded: every object of an apply is measured (an encoder's copy of a big CRD is megabytes).
const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

const same = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Values compared as apiequality.Semantic does for these fields: key order and absent-vs-empty aside. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(canonical) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null ? undefined : v;
}

/**
 * A *metav1.LabelSelector as field.Invalid prints it: JSON in the struct's field order from 1.34
 * (matchLabels, then matchExpressions), Go's `%#v` before.
 */
export function renderSelector(selector: unknown, kubernetesVersion: string): string {
  const s = obj(selector) ?? {};
  const labels = obj(s.matchLabels);
  const keys = labels ? Object.keys(labels).sort() : [];
  const exprs = (Array.isArray(s.matchExpressions) ? s.matchExpressions : []).map((e) => obj(e) ?? {});
  if (minorOf(kubernetesVersion) >= 34) {
    const parts: string[] = [];
    if (keys.length) parts.push(`"matchLabels":{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels![k])}`).join(',')}}`);
    if (exprs.length) parts.push(`"matchExpressions":[${exprs.map((e) => `{"key":${JSON.stringify(e.key ?? '')},"operator":${JSON.stringify(e.operator ?? '')}${Array.isArray(e.values) && e.values.length ? `,"values":${JSON.stringify(e.values)}` : ''}}`).join(',')}]`);
    return `{${parts.join(',')}}`;
  }
  const goLabels = labels ? `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}` : 'map[string]string(nil)';
  const goExprs = exprs.length
    ? `[]v1.LabelSelectorRequirement{${exprs.map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${Array.isArray(e.values) ? `[]string{${e.values.map((x) => JSON.stringify(x)).join(', ')}}` : '[]string(nil)'}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `&v1.LabelSelector{MatchLabels:${goLabels}, MatchExpressions:${goExprs}}`;
}

const IMMUTABLE = 'field is immutable';

/** The StatefulSet spec fields an update may change (ValidateStatefulSetUpdate); revisionHistoryLimit from 1.35. */
const statefulSetUpdatable = (minor: number): string[] => ['replicas', 'ordinals', 'template', 'updateStrategy', ...(minor >= 35 ? ['revisionHistoryLimit'] : []), 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function updateErrors(updated: Obj, old: Obj, version: string): UpdateError[] {
  const spec = obj(updated.spec) ?? {};
  const before = obj(old.spec) ?? {};
  const out: UpdateError[] = [];
  const selectorImmutable = () => {
    if (!same(spec.selector, before.selector)) out.push({ message: `spec.selector: Invalid value: ${renderSelector(spec.selector, version)}: ${IMMUTABLE}`, path: ['spec', 'selector'] });
  };
  switch (updated.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      selectorImmutable();
      break;
    case 'StatefulSet': {
      const updatable = statefulSetUpdatable(minorOf(version));
      const field = Object.keys({ ...spec, ...before }).find((k) => !updatable.includes(k) && !same(spec[k], before[k]));
      if (field !== undefined) {
        const listed = updatable.map((f) => `'${f}'`);
        out.push({ message: `spec: Forbidden: updates to statefulset spec for fields other than ${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]} are forbidden`, path: field in spec ? ['spec', field] : ['spec'] });
      }
      break;
    }
    case 'Job':
      selectorImmutable();
      if (!same(spec.template, before.template)) out.push({ message: `spec.template: Invalid value: ${TEMPLATE_VALUE}: ${IMMUTABLE}`, path: ['spec', 'template'] });
      // Elastic indexed Jobs may change completions with parallelism, keeping them equal.
      if (!same(spec.completions, before.completions) && !(spec.completionMode === 'Indexed' && spec.completions === spec.parallelism)) out.push({ message: `spec.completions: Invalid value: ${renderValue(spec.completions ?? null, version)}: ${IMMUTABLE}`, path: ['spec', 'completions'] });
      if (!same(spec.completionMode, before.completionMode)) out.push({ message: `spec.completionMode: Invalid value: ${renderValue(spec.completionMode ?? null, version)}: ${IMMUTABLE}`, path: ['spec', 'completionMode'] });
      break;
    case 'Service':
      if (before.type !== 'ExternalName' && spec.type !== 'ExternalName' && typeof before.clusterIP === 'string' && before.clusterIP !== '' && spec.clusterIP !== before.clusterIP) {
        // The value is the whole new clusterIPs list (validateServiceClusterIPsRelatedFields).
        const ips = Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === spec.clusterIP ? spec.clusterIPs : [spec.clusterIP ?? ''];
        out.push({ message: `spec.clusterIPs[0]: Invalid value: ${renderValue(ips, version)}: may not change once set`, path: ['spec', 'clusterIP'] });
      }
      break;
    case 'Pod': {
      const mutable = (s: Obj): Obj => {
        const image = (list: unknown) => (Array.isArray(list) ? list.map((c) => ({ ...(obj(c) ?? {}), image: undefined })) : list);
        return { ...s, containers: image(s.containers), initContainers: image(s.initContainers), activeDeadlineSeconds: undefined, tolerations: undefined, terminationGracePeriodSeconds: undefined };
      };
      if (!same(mutable(spec), mutable(before))) {
        const field = Object.keys({ ...spec, ...before }).find((k) => !same(mutable(spec)[k], mutable(before)[k]));
        out.push({ message: 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)', path: field && field in spec ? ['spec', field] : ['spec'] });
      }
      break;
    }
    case 'PersistentVolumeClaim': {
      const rest = (s: Obj): Obj => ({ ...s, resources: { ...(obj(s.resources) ?? {}), requests: undefined }, volumeAttributesClassName: undefined, volumeName: undefined });
      if (!same(rest(spec), rest(before))) out.push({ message: 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims', path: ['spec'] });
      break;
    }
    case 'ConfigMap':
    case 'Secret':
      if (old.immutable === true) {
        if (!same(updated.data, old.data)) out.push({ message: 'data: Forbidden: field is immutable when `immutable` is set', path: ['data'] });
        if (!same(updated.binaryData, old.binaryData) && updated.kind === 'ConfigMap') out.push({ message: 'binaryData: Forbidden: field is immutable when `immutable` is set', path: ['binaryData'] });
      }
      if (old.immutable === true && updated.immutable !== true) out.push({ message: 'immutable: Forbidden: field is immutable when `immutable` is set', path: ['immutable'] });
      if (updated.kind === 'Secret' && typeof old.type === 'string' && updated.type !== old.type) out.push({ message: `type: Invalid value: ${JSON.stringify(String(updated.type ?? ''))}: ${IMMUTABLE}`, path: ['type'] });
      break;
  }
  if (metaOf(updated).name !== metaOf(old).name) out.push({ message: `metadata.name: Invalid value: ${JSON.stringify(nameOf(updated))}: ${IMMUTABLE}`, path: ['metadata', 'name'] });
  return out;
}

/**
 * A Job's template in the error: the API server prints its internal type as JSON with Go field names
 * (`{"ObjectMeta":…,"Spec":…}`), every zero value included; kubeplan elides it.
 */
const TEMPLATE_VALUE = '{…}';
