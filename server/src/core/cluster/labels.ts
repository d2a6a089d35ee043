import { obj, type Obj } from '../model/obj';
import { labelsOf as labelMap, selectorFromSet, type Labels } from '../scheduler/labels';

export type { Labels };

/** An object's metadata.labels. */
export const labelsOf = (o: Obj): Labels => labelMap(obj(o.metadata)?.labels);

/** A map selector (Service, ReplicationController): every pair must be there; an empty one selects nothing. */
export function matchesMap(selector: unknown, labels: Labels): boolean {
  const set = labelMap(selector);
  return Object.keys(set).length > 0 && selectorFromSet(set).matches(labels);
}
