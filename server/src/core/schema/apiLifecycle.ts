import type { Lifecycle, LifecycleKind, SchemaCatalog } from './catalog';
import { closest } from '../model/suggest';

/** What the target Kubernetes version says about an apiVersion/kind. */
export type GvkStatus =
  | { state: 'served' }
  | { state: 'deprecated'; deprecatedFor?: string; removedIn?: string }
  | { state: 'removed'; removedIn: string; replacement: string | null; shapeChanged?: string }
  | { state: 'not-yet'; availableFrom: string }
  | { state: 'unknown-kind'; group: string; suggestion?: string }
  | { state: 'custom' };

/** The version part of an apiVersion (`apps/v1` → `v1`, `v1` → `v1`). */
export const versionOf = (apiVersion: string): string => apiVersion.slice(apiVersion.indexOf('/') + 1);

export const groupOf = (apiVersion: string): string => {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
};
const minorNumber = (v: string): number => Number(v.split('.')[1]);
export const nextMinor = (v: string): string => `1.${minorNumber(v) + 1}`;

/** GA beats beta beats alpha; within a level, the higher number wins (v2 > v1, v1beta2 > v1beta1). */
export function stability(version: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return 0;
  const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return level * 1_000_000 + Number(m[1]) * 1000 + Number(m[3] ?? 0);
}

/** Answers lifecycle questions from schemas/api-lifecycle.json for any minor 1.23–1.35. */
export class ApiLifecycle {
  private readonly byGvk = new Map<string, LifecycleKind>();
  private readonly builtinGroups = new Set<string>();
  private readonly data: Lifecycle;

  constructor(catalog: SchemaCatalog) {
    this.data = catalog.lifecycle();
    for (const k of this.data.kinds) {
      this.byGvk.set(`${k.apiVersion} ${k.kind}`, k);
      this.builtinGroups.add(groupOf(k.apiVersion));
    }
    for (const r of this.data.removedBefore) this.builtinGroups.add(groupOf(r.apiVersion));
  }

  get versions(): string[] {
    return this.data.versions;
  }

  isBuiltinGroup(group: string): boolean {
    return this.builtinGroups.has(group);
  }

  private readonly statusCache = new Map<string, GvkStatus>();

  status(apiVersion: string, kind: string, target: string): GvkStatus {
    const key = `${apiVersion} ${kind} ${target}`;
    let s = this.statusCache.get(key);
    if (!s) {
      s = this.computeStatus(apiVersion, kind, target);
      this.statusCache.set(key, s);
    }
    return s;
  }

  private computeStatus(apiVersion: string, kind: string, target: string): GvkStatus {
    const group = groupOf(apiVersion);
    const entry = this.byGvk.get(`${apiVersion} ${kind}`);
    if (entry) {
      const first = entry.defined[0];
      const last = entry.defined[entry.defined.length - 1];
      if (minorNumber(target) < minorNumber(first)) return { state: 'not-yet', availableFrom: first };
      if (minorNumber(target) > minorNumber(last)) {
        return { state: 'removed', removedIn: nextMinor(last), replacement: this.successor(group, kind, target), shapeChanged: this.note(apiVersion, kind) };
      }
      const version = versionOf(apiVersion);
      const better = this.successor(group, kind, target, stability(version));
      const preGA = stability(version) < 3_000_000;
      const latest = this.data.versions[this.data.versions.length - 1];
      // A pre-GA version with a more stable one beside it is deprecated, and so is anything that a
      // later minor stops serving (Kubernetes deprecates before it removes).
      if ((better && preGA) || last !== latest) {
        return { state: 'deprecated', deprecatedFor: better ?? undefined, removedIn: last === latest ? undefined : nextMinor(last) };
      }
      return { state: 'served' };
    }
    const removal = this.data.removedBefore.find((r) => r.apiVersion === apiVersion && r.kind === kind);
    if (removal) {
      return { state: 'removed', removedIn: removal.removedIn, replacement: removal.replacement, shapeChanged: this.note(apiVersion, kind) };
    }
    if (!this.builtinGroups.has(group)) return { state: 'custom' };
    const kindsOfGroup = new Set(this.data.kinds.filter((k) => groupOf(k.apiVersion) === group).map((k) => k.kind));
    return { state: 'unknown-kind', group, suggestion: kindsOfGroup.has(kind) ? undefined : closest(kind, kindsOfGroup) };
  }

  /** Every group/version/kind `target` serves. */
  kindsServedBy(target: string): Array<{ apiVersion: string; kind: string }> {
    return this.data.kinds.filter((k) => k.defined.includes(target)).map((k) => ({ apiVersion: k.apiVersion, kind: k.kind }));
  }

  /** Every group/version/kind any known Kubernetes version served (those removed before the first tracked one included). */
  kindsEverServed(): Array<{ apiVersion: string; kind: string }> {
    return [...this.data.kinds, ...this.data.removedBefore].map((k) => ({ apiVersion: k.apiVersion, kind: k.kind }));
  }

  /** Versions of group/kind that `target` serves, most stable first. */
  servedVersions(group: string, kind: string, target: string): string[] {
    return this.data.kinds
      .filter((k) => groupOf(k.apiVersion) === group && k.kind === kind && k.defined.includes(target))
      .map((k) => k.apiVersion)
      .sort((a, b) => stability(versionOf(b)) - stability(versionOf(a)));
  }

  /** The most stable apiVersion of group/kind served by `target`, if more stable than `above`. */
  private successor(group: string, kind: string, target: string, above = -1): string | null {
    const best = this.servedVersions(group, kind, target)[0];
    if (!best || stability(versionOf(best)) <= above) return null;
    return best;
  }

  private note(apiVersion: string, kind: string): string | undefined {
    return this.data.notes.find((n) => n.apiVersion === apiVersion && n.kind === kind)?.shapeChanged;
  }
}
