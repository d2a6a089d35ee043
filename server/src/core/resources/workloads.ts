import type { JsonPath } from '../yaml/nodeAt';
import { valueAt } from '../model/paths';
import { obj, type Obj } from '../model/obj';


/** An object that makes pods: where its pod spec is, and how many pods it keeps running. */
export interface Workload {
  kind: string;
  name: string;
  namespace: string;
  podSpec: Obj;
  /** JSON path of the pod spec in the object. */
  podSpecPath: JsonPath;
  /** Pods at once: replicas, a Job's parallelism; undefined for a DaemonSet (one per node). */
  replicas: number | undefined;
}

const TEMPLATE_PATHS: Record<string, JsonPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};


/** A count field as the API defaults it: a non-negative integer, else `dflt`. */
export const count = (v: unknown, dflt: number): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : dflt);

/** The Job controller runs parallelism pods at once, never more than the completions (both default 1). */
function jobPodsAtOnce(spec: Obj | undefined): number {
  const parallelism = count(spec?.parallelism, 1);
  return spec?.completions === undefined || spec.completions === null ? parallelism : Math.min(parallelism, count(spec.completions, 1));
}

/**
 * The workload an object is, if it makes pods (apps/v1, batch/v1 and v1 kinds). `defaultNamespace`
 * is where an object without metadata.namespace goes.
 */
export function workloadOf(object: unknown, defaultNamespace = 'default'): Workload | undefined {
  const o = obj(object);
  const kind = o?.kind;
  if (typeof kind !== 'string' || !(kind in TEMPLATE_PATHS)) return undefined;
  const podSpecPath = TEMPLATE_PATHS[kind];
  const podSpec = obj(valueAt(o, podSpecPath));
  if (!podSpec) return undefined;
  const meta = obj(o!.metadata);
  const spec = obj(o!.spec);
  let replicas: number | undefined;
  switch (kind) {
    case 'Pod':
      replicas = 1;
      break;
    case 'DaemonSet':
      replicas = undefined;
      break;
    case 'Job':
      replicas = jobPodsAtOnce(spec);
      break;
    case 'CronJob':
      replicas = jobPodsAtOnce(obj(obj(spec?.jobTemplate)?.spec));
      break;
    default:
      replicas = count(spec?.replicas, 1);
  }
  return {
    kind,
    name: typeof meta?.name === 'string' ? meta.name : '',
    namespace: typeof meta?.namespace === 'string' ? meta.namespace : defaultNamespace,
    podSpec,
    podSpecPath,
    replicas,
  };
}
