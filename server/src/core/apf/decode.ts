import { obj, type Obj } from '../model/obj';
import type { FlowSchemaSpec, NonResourcePolicyRule, PolicyRulesWithSubjects, PriorityLevelSpec, QueuingConfiguration, ResourcePolicyRule, Subject } from './types';

/**
 * A document's spec as the API server stores it: defaulted as kubernetes
 * pkg/apis/flowcontrol/v1/defaults.go does (matchingPrecedence 0 → 1000; Limited
 * nominalConcurrencyShares unset → 30, lendablePercent unset → 0; queues 0 → 64, handSize 0 → 8,
 * queueLengthLimit 0 → 50). What is not of the right type is left out (validation reports it).
 */

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => !!o) : []);
const nameOf = (v: unknown): string => (typeof obj(v)?.name === 'string' ? (obj(v)!.name as string) : '');

function subject(s: Obj): Subject | undefined {
  if (s.kind === 'User') return { kind: 'User', user: { name: nameOf(s.user) } };
  if (s.kind === 'Group') return { kind: 'Group', group: { name: nameOf(s.group) } };
  if (s.kind === 'ServiceAccount') {
    const sa = obj(s.serviceAccount);
    return { kind: 'ServiceAccount', serviceAccount: { namespace: typeof sa?.namespace === 'string' ? sa.namespace : '', name: nameOf(sa) } };
  }
  return undefined;
}

function resourceRule(r: Obj): ResourcePolicyRule {
  return { verbs: strings(r.verbs), apiGroups: strings(r.apiGroups), resources: strings(r.resources), clusterScope: r.clusterScope === true, namespaces: strings(r.namespaces) };
}

const nonResourceRule = (r: Obj): NonResourcePolicyRule => ({ verbs: strings(r.verbs), nonResourceURLs: strings(r.nonResourceURLs) });

function policyRule(r: Obj): PolicyRulesWithSubjects {
  return {
    subjects: list(r.subjects).map(subject).filter((s): s is Subject => !!s),
    resourceRules: list(r.resourceRules).map(resourceRule),
    nonResourceRules: list(r.nonResourceRules).map(nonResourceRule),
  };
}

export function flowSchemaSpec(object: Obj): FlowSchemaSpec {
  const spec = obj(object.spec) ?? {};
  const method = obj(spec.distinguisherMethod)?.type;
  return {
    priorityLevelConfiguration: { name: nameOf(spec.priorityLevelConfiguration) },
    matchingPrecedence: int(spec.matchingPrecedence) || 1000,
    ...(method === 'ByUser' || method === 'ByNamespace' ? { distinguisherMethod: { type: method } } : {}),
    rules: list(spec.rules).map(policyRule),
  };
}

function queuing(q: Obj | undefined): QueuingConfiguration {
  return { queues: int(q?.queues) || 64, handSize: int(q?.handSize) || 8, queueLengthLimit: int(q?.queueLengthLimit) || 50 };
}

export function priorityLevelSpec(object: Obj): PriorityLevelSpec {
  const spec = obj(object.spec) ?? {};
  if (spec.type === 'Exempt') {
    const e = obj(spec.exempt);
    return { type: 'Exempt', exempt: { nominalConcurrencyShares: int(e?.nominalConcurrencyShares) ?? 0, lendablePercent: int(e?.lendablePercent) ?? 0 } };
  }
  const l = obj(spec.limited);
  const response = obj(l?.limitResponse);
  const borrowing = int(l?.borrowingLimitPercent);
  return {
    type: 'Limited',
    limited: {
      // v1beta1 and v1beta2 call the shares assuredConcurrencyShares.
      nominalConcurrencyShares: int(l?.nominalConcurrencyShares ?? l?.assuredConcurrencyShares) ?? 30,
      lendablePercent: int(l?.lendablePercent) ?? 0,
      ...(borrowing === undefined ? {} : { borrowingLimitPercent: borrowing }),
      limitResponse: response?.type === 'Reject' ? { type: 'Reject' } : { type: 'Queue', queuing: queuing(obj(response?.queuing)) },
    },
  };
}
