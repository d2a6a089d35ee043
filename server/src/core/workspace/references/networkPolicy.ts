import { obj } from '../../model/obj';
import { RULES } from '../../rules';
import { labelSelector, labelSelectorRequirements } from '../../scheduler/labels';
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
 * when it selects by name (`kubernetes.io/metadata.name`, which the API server sets on every
 * Namespace) and the cluster file is authoritative for namespaces: the other labels of namespaces
 * kubeplan does not create are unknown. Namespaces an operator may fill are left alone.
 */
export function networkPolicyFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  const profile = objects.inputs.profile;
  const namespaces = new Set([...SYSTEM_NAMESPACES, ...profile.namespaces, ...objects.list('', 'Namespace').map(nameOf)]);
  const namesKnown = profile.settings.authoritative.includes('namespaces');
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
          if (!namesKnown || !requirements?.length || requirements.some((r) => r.key !== NAME_LABEL)) return;
          const select = labelSelector(peer.namespaceSelector);
          if (![...namespaces].some((ns) => select.matches({ [NAME_LABEL]: ns }))) {
            out.push(findingAt(RULES.networkPolicySelectsNothing, policy, [...at, 'namespaceSelector'], `${name}: this ${peersField} peer's namespaceSelector matches no namespace of these manifests or of the cluster file (authoritative for namespaces)`));
          }
        }),
      );
    }
  }
  return out;
}
