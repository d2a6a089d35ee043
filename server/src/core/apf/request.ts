import type { RequestDigest } from './types';
import { impersonatedUser } from './user';

/** A request as `kubeplan apf classify` and `kubeplan/apfClassify` take it (kubectl's --as, --as-group). */
export interface ClassifyRequest {
  user: string;
  groups?: string[];
  verb: string;
  /** A resource request: resource (plural), its API group ("" core), subresource, namespace ("" or none: cluster-scoped). */
  resource?: string;
  apiGroup?: string;
  subresource?: string;
  namespace?: string;
  /** A non-resource request: its path (/healthz, /metrics…). */
  nonResourceURL?: string;
}

/** The RequestDigest APF classifies: the impersonated user and what is asked. */
export function requestDigest(r: ClassifyRequest): RequestDigest {
  const user = impersonatedUser(r.user, r.groups ?? []);
  if (r.nonResourceURL !== undefined) return { user, verb: r.verb, path: r.nonResourceURL };
  return { user, verb: r.verb, resource: { apiGroup: r.apiGroup ?? '', resource: r.resource ?? '', subresource: r.subresource || undefined, namespace: r.namespace || undefined } };
}
