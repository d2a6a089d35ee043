import { obj } from '../model/obj';
import { RULES } from '../rules';
import type { Manifest } from '../cluster/manifests';
import type { ClusterProfile } from '../cluster/profile';
import type { SimulationFinding } from '../cluster/findings/types';
import { objectName } from '../cluster/findings/applyTime';
import { SYSTEM_NAMESPACES } from '../cluster/simulate';

/**
 * What a set of manifests cannot know about the cluster it is applied to, and kubeplan assumes (said
 * once per cause), unless the cluster file is authoritative for it (then the simulation reports it as
 * kubectl would fail, once per cause too):
 * - a namespace the objects use that no manifest creates exists (KP116);
 * - a custom resource whose CRD is not in the workspace is served (KP115).
 */
export interface Assumptions {
  /** Namespaces used and created by nothing, with the objects in them, in workspace order. */
  namespaces: Map<string, Manifest[]>;
  /** Custom resource types (`apiVersion kind`) with no CRD in sight, with their objects. */
  customKinds: Map<string, Manifest[]>;
}

export interface AssumptionInputs {
  manifests: Manifest[];
  profile: ClusterProfile;
  defaultNamespace: string;
  /** Whether objects of this kind have a namespace (built-in scope, or the scope of their CRD). */
  isNamespaced: (kind: string) => boolean;
  /** How the cluster serves a type: built in, by a known CRD, or by nothing kubeplan can see. */
  served: (apiVersion: string, kind: string) => 'builtin' | 'crd' | 'unknown';
}

export function assumptionsOf({ manifests, profile, defaultNamespace, isNamespaced, served }: AssumptionInputs): Assumptions {
  const created = new Set([...SYSTEM_NAMESPACES, ...profile.namespaces]);
  for (const m of manifests) if (m.object.kind === 'Namespace' && m.object.apiVersion === 'v1' && typeof obj(m.object.metadata)?.name === 'string') created.add(obj(m.object.metadata)!.name as string);
  const namespaces = new Map<string, Manifest[]>();
  const customKinds = new Map<string, Manifest[]>();
  for (const m of manifests) {
    // An object the API server refuses anyway (KP1xx on it) assumes nothing of the cluster.
    if (m.invalid) continue;
    const { apiVersion, kind } = m.object;
    if (served(apiVersion, kind) === 'unknown') push(customKinds, `${apiVersion} ${kind}`, m);
    if (!isNamespaced(kind) || m.object.kind === 'Node') continue;
    const written = obj(m.object.metadata)?.namespace;
    const ns = typeof written === 'string' && written !== '' ? written : defaultNamespace;
    if (!created.has(ns)) push(namespaces, ns, m);
  }
  return { namespaces, customKinds };
}

function push(map: Map<string, Manifest[]>, key: string, m: Manifest): void {
  const list = map.get(key);
  if (list) list.push(m);
  else map.set(key, [m]);
}

const objects = (n: number): string => `${n} object${n === 1 ? '' : 's'}`;

/** Where an object names its namespace (or its kind, when it does not name one). */
function namespaceRange(m: Manifest) {
  return typeof obj(m.object.metadata)?.namespace === 'string' ? m.locate(['metadata', 'namespace']) : m.range;
}

/**
 * The assumptions as findings: one information per namespace (KP116) and per custom resource type
 * (KP115), on its first use, with every other use as a related location. What an authoritative
 * cluster file covers is not assumed: the simulation reports it (KP150).
 */
export function assumptionFindings(a: Assumptions, authoritative: ClusterProfile['settings']['authoritative']): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  if (!authoritative.includes('namespaces')) {
    for (const [ns, uses] of a.namespaces) {
      const [first, ...others] = uses;
      out.push({
        file: first.file,
        range: namespaceRange(first),
        code: RULES.namespaceAssumed.code,
        severity: RULES.namespaceAssumed.severity,
        message: `namespace "${ns}" is not created by these manifests: assumed to exist in the cluster (used by ${objects(uses.length)})`,
        ...(others.length ? { related: others.map((m) => ({ file: m.file, range: namespaceRange(m), message: `${m.object.kind} ${objectName(m)} is in namespace "${ns}" too` })) } : {}),
      });
    }
  }
  if (!authoritative.includes('customResourceDefinitions')) {
    for (const [type, uses] of a.customKinds) {
      const [first, ...others] = uses;
      out.push({
        file: first.file,
        range: first.range,
        code: RULES.customResourceWithoutCrd.code,
        severity: RULES.customResourceWithoutCrd.severity,
        message: `${type} is a custom resource and no CustomResourceDefinition for it is in the workspace: assumed served by the cluster; only YAML syntax and metadata are checked (${objects(uses.length)})`,
        ...(others.length ? { related: others.map((m) => ({ file: m.file, range: m.range, message: `${m.object.kind} ${objectName(m)} is not validated either` })) } : {}),
      });
    }
  }
  return out;
}
