import type { ApfConfiguration } from './configuration';
import type { PriorityLevel } from './types';

/** A priority level with the seats the API server gives it: `kubeplan apf levels` (docs/cli.md). */
export interface LevelCapacity {
  name: string;
  type: 'Exempt' | 'Limited';
  nominalConcurrencyShares: number;
  lendablePercent: number;
  borrowingLimitPercent: number | null;
  limitResponse: 'Queue' | 'Reject' | null;
  queues: number | null;
  handSize: number | null;
  queueLengthLimit: number | null;
  /** ceil(serverConcurrencyLimit × shares / Σ shares). */
  nominalConcurrencyLimit: number;
  /** round(nominal × lendablePercent / 100): seats other levels may borrow. */
  lendableConcurrencyLimit: number;
  /** round(nominal × borrowingLimitPercent / 100), or the server's limit when unset: seats it may borrow. */
  borrowingConcurrencyLimit: number;
  /** nominal − lendable, nominal + borrowing: the bounds of its current concurrency limit. */
  minConcurrencyLimit: number;
  maxConcurrencyLimit: number;
}

/** plSpecCommons: the shares, lendable and borrowing percents of either kind of level. */
function commons(level: PriorityLevel): { shares: number; lendable: number; borrowing?: number } {
  const l = level.spec.limited;
  if (l) return { shares: l.nominalConcurrencyShares, lendable: l.lendablePercent, borrowing: l.borrowingLimitPercent };
  return { shares: level.spec.exempt?.nominalConcurrencyShares ?? 0, lendable: level.spec.exempt?.lendablePercent ?? 0 };
}

/**
 * Each level's concurrency limits as k8s.io/apiserver v0.35.7 pkg/util/flowcontrol/apf_controller.go
 * finishQueueSetReconfigsLocked computes them: the server's limit (--max-requests-inflight +
 * --max-mutating-requests-inflight) is divided in proportion to the shares of every level, exempt
 * included; rounding up makes the sum a little more than the server's limit.
 */
export function levelCapacities<S>(config: ApfConfiguration<S>, serverConcurrencyLimit: number): LevelCapacity[] {
  const shareSum = config.priorityLevels.reduce((sum, l) => sum + commons(l).shares, 0);
  return config.priorityLevels.map((level) => {
    const { shares, lendable, borrowing } = commons(level);
    const nominal = shareSum > 0 ? Math.ceil((serverConcurrencyLimit * shares) / shareSum) : 0;
    // Go's math.Round: half away from zero; the values are never negative, so Math.round agrees.
    const lendableCL = Math.round((nominal * lendable) / 100);
    const borrowingCL = borrowing === undefined ? serverConcurrencyLimit : Math.round((nominal * borrowing) / 100);
    const queuing = level.spec.limited?.limitResponse.queuing;
    return {
      name: level.name,
      type: level.spec.type,
      nominalConcurrencyShares: shares,
      lendablePercent: lendable,
      borrowingLimitPercent: borrowing ?? null,
      limitResponse: level.spec.limited?.limitResponse.type ?? null,
      queues: queuing?.queues ?? null,
      handSize: queuing?.handSize ?? null,
      queueLengthLimit: queuing?.queueLengthLimit ?? null,
      nominalConcurrencyLimit: nominal,
      lendableConcurrencyLimit: lendableCL,
      borrowingConcurrencyLimit: borrowingCL,
      minConcurrencyLimit: nominal - lendableCL,
      maxConcurrencyLimit: nominal + borrowingCL,
    };
  });
}
