import type { LevelCapacity } from './concurrency';

/**
 * The priority levels as `kubectl get prioritylevelconfigurations` lists them, with the seats the API
 * server computes (NOMINALCL, LENDABLECL, BORROWINGCL): `kubeplan apf levels` and the editor's
 * "Kubeplan: API Priority Levels".
 */
export function levelsTable(levels: LevelCapacity[], serverConcurrencyLimit: number): string {
  const none = (v: number | null): string => (v === null ? '<none>' : String(v));
  const rows = [
    ['NAME', 'TYPE', 'NOMINALCONCURRENCYSHARES', 'QUEUES', 'HANDSIZE', 'QUEUELENGTHLIMIT', 'NOMINALCL', 'LENDABLECL', 'BORROWINGCL'],
    ...levels.map((l) => [
      l.name,
      l.type,
      l.type === 'Exempt' ? '<none>' : String(l.nominalConcurrencyShares),
      none(l.queues),
      none(l.handSize),
      none(l.queueLengthLimit),
      String(l.nominalConcurrencyLimit),
      String(l.lendableConcurrencyLimit),
      String(l.borrowingConcurrencyLimit),
    ]),
  ];
  const sum = levels.reduce((s, l) => s + l.nominalConcurrencyLimit, 0);
  return `${tabwriter(rows, 3)}server concurrency limit ${serverConcurrencyLimit} (max-requests-inflight + max-mutating-requests-inflight); the nominal limits sum to ${sum} (rounded up)\n`;
}

/** Columns padded as kubectl's tabwriter pads them. */
export function tabwriter(rows: string[][], padding: number): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + padding))).join('') + '\n').join('');
}
