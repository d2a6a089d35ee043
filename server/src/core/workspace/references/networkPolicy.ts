import { obj } from '../../model/obj';
import { RULES } from '../../rules';
import { labelsOf, labelSelector, labelSelectorRequirements, type Labels } from '../../scheduler/labels';
import type { JsonPath } from '../../yaml/nodeAt';
import { SYSTEM_NAMESPACES } from '../../cluster/simulate';
import type { SimulationFinding } from '../../cluster/findings/types';
import { findingAt, mappings, nameOf, relatedAt, type WorkspaceObjects } from './objects';
import { nearTemplates, selectsPods } from './podLabels';

/** The label the API server sets on every Namespace (NamespaceDefaultLabelName): its name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';

const isEmpty = (selector: unknown): boolean => (labelSelectorRequirements(selector) ?? [null]).length === 0;

/**
 * NetworkPolicies whose selectors match nothing (KP192): `spec.podSelector` (an empty one is every
 * pod of the namespace, a default policy: never reported) and a peer's `podSelector` without a
 * namespaceSelector, against the pod templates of the namespace; a peer's `namespaceSelector` only
 * when the cluster file is authoritative for namespaces, against every namespace's labels
 * (`kubernetes.io/metadata.name`, which the API server sets on every Namespace, and those of the
 * Namespace documents of the workspace and the cluster file). A namespace known only by name (a
 * running pod's) has unknown labels: then only a selector by name can be said to miss it. Namespaces
 * an operator may fill are left alone.
 */
export function networkPolicyFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  const profile = objects.inputs.profile;
  const namesKnown = profile.settings.authoritative.includes('namespaces');
  const namespaces = namespaceLabels(objects);
  for (const policy of objects.list('networking.k8s.io', 'NetworkPolicy')) {
    if (policy.invalid) continue;
    const namespace = objects.namespaceOf(policy);
    if (objects.isOperated(namespace, policy.file)) continue;
    const spec = obj(policy.object.spec) ?? {};
    const name = `NetworkPolicy ${nameOf(policy)}`;
    const templates = objects.templates(namespace);
    // The templates a selector that matches none comes close to: the evidence that it means them.
    const nearMiss = (selector: unknown) => (isEmpty(selector) || templates.some((t) => selectsPods(labelSelector(selector), t)) ? [] : nearTemplates(labelSelector(selector), templates));
    const near = (selector: unknown) => nearMiss(selector).map((t) => relatedAt(t.manifest, [...t.metadataPath, 'labels'], `the pod template of ${t.owner} comes close`));
    const own = near(spec.podSelector);
    if (own.length) out.push(findingAt(RULES.networkPolicySelectsNothing, policy, ['spec', 'podSelector'], `${name} applies to no pod: its podSelector matches no pod template in namespace "${namespace}"`, own));
    for (const [direction, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
      mappings(spec[direction]).forEach((rule, i) =>
        mappings(rule[peersField]).forEach((peer, j) => {
          const at: JsonPath = ['spec', direction, i, peersField, j];
          const peerNear = peer.namespaceSelector === undefined && peer.podSelector !== undefined ? near(peer.podSelector) : [];
          if (peerNear.length) out.push(findingAt(RULES.networkPolicySelectsNothing, policy, [...at, 'podSelector'], `${name}: this ${peersField} peer's podSelector matches no pod template in namespace "${namespace}": the rule admits no pod`, peerNear));
          const requirements = labelSelectorRequirements(peer.namespaceSelector);
          if (!namesKnown || !requirements?.length) return;
          const byName = requirements.every((r) => r.key === NAME_LABEL);
          const select = labelSelector(peer.namespaceSelector);
          const mayMatch = [...namespaces].some(([ns, labels]) => (labels ? select.matches(labels) : byName ? select.matches({ [NAME_LABEL]: ns }) : true));
          if (!mayMatch) {
            out.push(findingAt(RULES.networkPolicySelectsNothing, policy, [...at, 'namespaceSelector'], `${name}: this ${peersField} peer's namespaceSelector matches no namespace of these manifests or of the cluster file (authoritative for namespaces)`));
          }
        }),
      );
    }
  }
  return out;
}

/**
 * Every namespace kubeplan knows of, with its labels where known: the system namespaces and the
 * Namespace documents (the workspace's over the cluster file's), each with the name label the API
 * server sets; the cluster's other namespaces (its pods') without.
 */
function namespaceLabels(objects: WorkspaceObjects): Map<string, Labels | undefined> {
  const profile = objects.inputs.profile;
  const out = new Map<string, Labels | undefined>();
  for (const ns of SYSTEM_NAMESPACES) out.set(ns, { [NAME_LABEL]: ns });
  for (const ns of profile.namespaces) out.set(ns, profile.namespaceLabels[ns] ? { ...profile.namespaceLabels[ns], [NAME_LABEL]: ns } : undefined);
  for (const m of objects.list('', 'Namespace')) out.set(nameOf(m), { ...labelsOf(obj(m.object.metadata)?.labels), [NAME_LABEL]: nameOf(m) });
  return out;
}
