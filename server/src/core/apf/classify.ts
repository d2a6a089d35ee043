import { activeFlowSchemas, priorityLevelOf, type ApfConfiguration } from './configuration';
import { hashFlowID } from './hashFlowID';
import { matchesFlowSchema } from './match';
import { deal } from './shuffleSharding';
import type { DistinguisherMethod, RequestDigest } from './types';

/** Where a request goes: `kubeplan apf classify`'s answer (its JSON, documented in docs/cli.md). */
export interface Classification {
  user: RequestDigest['user'];
  flowSchema: string;
  matchingPrecedence: number;
  priorityLevel: string;
  type: 'Exempt' | 'Limited';
  limitResponse: 'Queue' | 'Reject' | null;
  distinguisherMethod: DistinguisherMethod | null;
  /** The flow is (FlowSchema, distinguisher); "" unless the level has more than one queue. */
  distinguisher: string;
  /** hashFlowID as a decimal string (a uint64), null without queues to choose from. */
  hashValue: string | null;
  /** The level's queues: 0 when exempt or rejecting (no queuing). */
  queues: number;
  handSize: number;
  /** The queues the flow may use (shuffle sharding, in the order dealt): a request joins the one of these with the least waiting work. */
  hand: number[];
  queueLengthLimit: number;
  /** Why there are no queues, if there are none. */
  note?: string;
}

/**
 * The first FlowSchema in matching order that matches, its priority level, and the flow's queues, as
 * apf_controller.go startRequest (k8s.io/apiserver v0.35.7): no match falls back to catch-all; the
 * distinguisher and hash are computed only for a level with more than one queue.
 */
export function classify<S>(config: ApfConfiguration<S>, digest: RequestDigest): Classification {
  const schemas = activeFlowSchemas(config);
  const fs = schemas.find((s) => matchesFlowSchema(digest, s.spec)) ?? schemas.find((s) => s.name === 'catch-all')!;
  const level = priorityLevelOf(config, fs.spec.priorityLevelConfiguration.name)!;
  const method = fs.spec.distinguisherMethod?.type ?? null;
  const base = { user: digest.user, flowSchema: fs.name, matchingPrecedence: fs.spec.matchingPrecedence, priorityLevel: level.name, type: level.spec.type, distinguisherMethod: method };
  const limited = level.spec.limited;
  if (level.spec.type === 'Exempt' || !limited) {
    return { ...base, limitResponse: null, distinguisher: '', hashValue: null, queues: 0, handSize: 0, hand: [], queueLengthLimit: 0, note: 'exempt: requests run at once, without queues or a concurrency limit' };
  }
  const queuing = limited.limitResponse.type === 'Queue' ? limited.limitResponse.queuing : undefined;
  if (!queuing) {
    return { ...base, limitResponse: 'Reject', distinguisher: '', hashValue: null, queues: 0, handSize: 0, hand: [], queueLengthLimit: 0, note: 'no queues: a request that finds every seat taken is rejected (429)' };
  }
  const distinguisher = queuing.queues > 1 ? computeFlowDistinguisher(digest, method) : '';
  const hash = queuing.queues > 1 ? hashFlowID(fs.name, distinguisher) : 0n;
  return {
    ...base,
    limitResponse: 'Queue',
    distinguisher,
    hashValue: queuing.queues > 1 ? hash.toString() : null,
    queues: queuing.queues,
    handSize: queuing.handSize,
    hand: deal(queuing.queues, queuing.handSize, hash),
    queueLengthLimit: queuing.queueLengthLimit,
  };
}

/** ByUser: the user's name; ByNamespace: the request's namespace ("" when cluster-scoped); none: "". */
export function computeFlowDistinguisher(digest: RequestDigest, method: DistinguisherMethod | null): string {
  if (method === 'ByUser') return digest.user.name;
  if (method === 'ByNamespace') return digest.resource?.namespace ?? '';
  return '';
}
