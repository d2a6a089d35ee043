import type { Status } from './framework';

/**
 * FitError.Error() (pkg/scheduler/framework/types.go):
 * `0/N nodes are available: <PreFilterMsg>.` or `0/N nodes are available: <count reason, …>.`, then the
 * PostFilter message. Reasons are counted over nodes and sorted as plain strings (`10 …` before `2 …`).
 */
export const NoNodeAvailableMsg = (n: number): string => `0/${n} nodes are available:`;
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';

export function reasonHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function fitErrorMessage(numAllNodes: number, statuses: Iterable<Status>, preFilterMsg?: string, postFilterMsg?: string): string {
  let msg = NoNodeAvailableMsg(numAllNodes);
  if (preFilterMsg) {
    msg += ` ${preFilterMsg}.`;
  } else {
    const reasons = reasonHistogram(statuses);
    if (reasons.length) msg += ` ${reasons.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}
