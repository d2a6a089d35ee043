/**
 * The order `kubectl apply` reads files in: the `-f` arguments in the order given, a folder's files as
 * filepath.Walk visits them (k8s.io/cli-runtime/pkg/resource/visitor.go: each folder's entries by
 * name, depth first), so `a/x.yaml` comes before `a.yaml`. Paths are compared segment by segment.
 */
export function walkOrder(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < sa.length && i < sb.length; i++) if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  return sa.length - sb.length;
}

/**
 * Files in the order given first (the CLI's arguments, expanded; a file given twice where it is last
 * given, as what kubectl applies last is what stays), then the others in walk order.
 */
export function applyOrderOf<T extends { file: string }>(files: T[], given: readonly string[] | undefined, keyOf: (f: T) => string): T[] {
  const rank = new Map((given ?? []).map((f, i) => [f, i]));
  // Files not given share the last rank (not Infinity: Infinity - Infinity is NaN).
  const at = (f: T) => rank.get(keyOf(f)) ?? (given?.length ?? 0);
  return [...files].sort((a, b) => at(a) - at(b) || walkOrder(a.file, b.file));
}
