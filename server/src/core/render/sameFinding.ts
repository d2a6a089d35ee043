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

/** What sameFinding compares, as one string. */
const findingKey = (f: Finding): string => `${f.code}\0${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}\0${f.message}`;

/**
 * addOnce for a list built in one go, with an index of its findings: addOnce compares each finding with
 * every earlier one, and a 2,000-document file's 5,847 findings took 190 ms that way.
 */
export class FindingList {
  readonly findings: Finding[] = [];
  private readonly at = new Map<string, number>();

  add(f: Finding): void {
    const key = findingKey(f);
    const i = this.at.get(key);
    if (i === undefined) {
      this.at.set(key, this.findings.length);
      this.findings.push(f);
    } else if (f.related?.length) {
      const g = this.findings[i];
      this.findings[i] = { ...g, related: uniqueRelated([...(g.related ?? []), ...f.related]) };
    }
  }
}

function uniqueRelated(related: RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return related.filter((r) => {
    const key = `${r.file}:${r.range.start.line}:${r.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}
