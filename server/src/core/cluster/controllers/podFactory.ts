import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import type { ApiError } from '../apiErrors';
import { nameSuffix } from '../names';
import { metaOf, nameOf, namespaceOf } from '../store';

/** An ownerReference to a controller, as controllers set it on what they create. */
export function controllerRef(owner: Obj): Obj {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: nameOf(owner), uid: metaOf(owner).uid, controller: true, blockOwnerDeletion: true };
}

export interface PodOptions {
  /** A fixed name (StatefulSet), else `generateName` plus a seeded 5-character suffix. */
  name?: string;
  generateName?: string;
  /** Distinguishes pods of one owner for the seeded suffix (the replica's index). */
  seed?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: Obj;
}

/**
 * A pod from an owner's template (k8s.io/kubernetes/pkg/controller/controller_utils.go GetPodFromTemplate):
 * template labels and annotations, the controller reference, then the API server's create path.
 */
export function createPodFromTemplate(ctx: SimulationContext, owner: Obj, template: Obj, options: PodOptions): { pod: Obj } | { error: ApiError; name: string } {
  const tmeta = obj(template.metadata) ?? {};
  const generateName = options.generateName ?? `${nameOf(owner)}-`;
  // A generated name that is taken is drawn again, as the API server's AlreadyExists makes a controller do.
  let name = options.name ?? '';
  for (let attempt = 0; !options.name && (name === '' || ctx.store.has('Pod', namespaceOf(owner), name)); attempt++) {
    name = generateName + nameSuffix(`${namespaceOf(owner)}/${nameOf(owner)}/${options.seed ?? ''}${attempt ? `/${attempt}` : ''}`);
  }
  const labels = { ...(obj(tmeta.labels) ?? {}), ...(options.labels ?? {}) };
  const annotations = { ...(obj(tmeta.annotations) ?? {}), ...(options.annotations ?? {}) };
  const pod: Obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(options.name ? { name } : { generateName }),
      namespace: namespaceOf(owner),
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: options.spec ?? obj(template.spec) ?? {},
  };
  const created = ctx.api.create(pod, namespaceOf(owner), ctx.sourceOf(owner), name);
  return created.error ? { error: created.error, name } : { pod: created.object };
}
