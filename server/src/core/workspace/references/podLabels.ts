import { obj } from '../../model/obj';
import { requirementMatches, type Requirement, type Selector } from '../../scheduler/labels';
import type { PodTemplate } from './objects';

/** Any value: a hash or uid the controller computes. */
const ANY = 'any';

/**
 * The labels a workload's controller adds to each pod besides its template's, with the values they can
 * take (upstream: the StatefulSet controller's `statefulset.kubernetes.io/pod-name` and
 * `apps.kubernetes.io/pod-index`, `controller-revision-hash`; the Deployment controller's
 * `pod-template-hash`; the DaemonSet controller's `controller-revision-hash` and
 * `pod-template-generation`; the Job controller's `job-name`, `controller-uid` and their
 * `batch.kubernetes.io/` forms, `batch.kubernetes.io/job-completion-index`). A Service that selects
 * one StatefulSet pod by name (`redis-ha-announce-0`) does select a pod.
 */
function controllerLabel(t: PodTemplate, key: string): string[] | typeof ANY | undefined {
  const { kind, name } = t.workload;
  switch (kind) {
    case 'StatefulSet': {
      const spec = obj(t.manifest.object.spec) ?? {};
      const start = typeof obj(spec.ordinals)?.start === 'number' ? (obj(spec.ordinals)!.start as number) : 0;
      const ordinals = Array.from({ length: Math.min(t.workload.replicas ?? 1, 1000) }, (_, i) => start + i);
      if (key === 'statefulset.kubernetes.io/pod-name') return ordinals.map((i) => `${name}-${i}`);
      if (key === 'apps.kubernetes.io/pod-index') return ordinals.map(String);
      return key === 'controller-revision-hash' ? ANY : undefined;
    }
    case 'Deployment':
      return key === 'pod-template-hash' ? ANY : undefined;
    case 'DaemonSet':
      return key === 'controller-revision-hash' || key === 'pod-template-generation' ? ANY : undefined;
    case 'Job':
    case 'CronJob':
      if (key === 'job-name' || key === 'batch.kubernetes.io/job-name') return kind === 'Job' ? [name] : ANY;
      return ['controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index'].includes(key) ? ANY : undefined;
  }
  return undefined;
}

/** Every label key controllerLabel knows: only a requirement on one of these can hold without the template's own label. */
export const CONTROLLER_LABEL_KEYS: ReadonlySet<string> = new Set([
  'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash', 'pod-template-hash',
  'pod-template-generation', 'job-name', 'batch.kubernetes.io/job-name', 'controller-uid', 'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);

/** Whether a requirement can hold for some pod, given the values the controller may set. */
function satisfiable(r: Requirement, values: string[] | typeof ANY): boolean {
  if (r.operator === 'In') return values === ANY || r.values.some((v) => values.includes(v));
  return r.operator !== 'DoesNotExist';
}

/** Whether a selector selects (some of) the template's pods: its labels, and those their controller adds. */
export function selectsPods(selector: Selector, t: PodTemplate): boolean {
  if (!selector.requirements) return selector.matches(t.labels);
  return selector.requirements.every((r) => {
    if (requirementMatches(r, t.labels)) return true;
    const values = controllerLabel(t, r.key);
    return values !== undefined && !(r.key in t.labels) && satisfiable(r, values);
  });
}

/** Rows of editDistance, reused: it runs once per Service and template of a namespace (500 × 143 in bench/manifest2000.mjs). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (a transposition is one edit), up to `max` + 1. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  if (rows[0].length <= b.length) rows = [0, 1, 2].map(() => new Int32Array(2 * (b.length + 1)));
  // Three rows (the transposition reads two back) instead of the whole table.
  let before = rows[0];
  let prev = rows[1];
  let row = rows[2];
  before.fill(0, 0, b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    const done = before;
    before = prev;
    prev = row;
    row = done;
  }
  return prev[b.length];
}

/**
 * The templates a selector that matches none of them comes close to: all its requirements but one
 * hold, and with a single requirement, the template has the key with a value one or two edits away
 * (`app: wbe` for `app: web`). The evidence that the selector means those pods: a selector that
 * resembles nothing in the namespace is taken to mean pods deployed by other means (a Helm chart,
 * another repository), not a mistake.
 */
export function nearTemplates(selector: Selector, templates: PodTemplate[]): PodTemplate[] {
  const requirements = selector.requirements ?? [];
  // Once per Service and template of its namespace: no array per pair.
  return templates.filter((t) => {
    let miss: (typeof requirements)[number] | undefined;
    for (let i = 0; i < requirements.length; i++) {
      const r = requirements[i];
      if (requirementMatches(r, t.labels)) continue;
      if (miss) return false;
      miss = r;
    }
    if (!miss) return false;
    if (requirements.length > 1) return true;
    const value = t.labels[miss.key];
    if (miss.operator !== 'In' || value === undefined) return false;
    for (const v of miss.values) if (editDistance(v, value, 2) <= Math.min(2, Math.floor(v.length / 3))) return true;
    return false;
  });
}
