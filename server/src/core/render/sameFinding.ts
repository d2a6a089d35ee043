import type { Finding, RelatedLocation } from '../finding';

/** Same code, message and range: one finding, however many ways it was reached. */
export const sameFinding = (a: Finding, b: Finding): boolean =>
  a.code === b.code &&
  a.message === b.message &&
  a.range.start.line === b.range.start.line &&
  a.range.start.character === b.range.start.character &&
  a.range.end.line === b.range.end.line &&
  a.range.end.character === b.range.end.character;

/**
 * Adds `f` to a file's findings, or, when the list has it already (a base's finding reached through
 * two overlays, a rendered finding the file's own analysis has too), adds its related locations to
 * that one. Returns the list.
 */
export function addOnce(list: Finding[], f: Finding): Finding[] {
  const i = list.findIndex((g) => sameFinding(g, f));
  if (i === -1) list.push(f);
  else if (f.related?.length) list[i] = { ...list[i], related: uniqueRelated([...(list[i].related ?? []), ...f.related]) };
  return list;
}

function uniqueRelated(related: RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return related.filter((r) => {
    const key = `${r.file}:${r.range.start.line}:${r.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}
