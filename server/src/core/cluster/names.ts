import { createHash } from 'node:crypto';

/**
 * Names and ids a real cluster draws at random, drawn here from a hash of what makes them unique, so
 * the same workspace always gives the same names (documented in docs/simulation.md).
 */

/** k8s.io/apimachinery/pkg/util/rand: the alphabet of generated names (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const digest = (seed: string): Buffer => createHash('sha256').update(seed).digest();

/** A 5-character suffix like `names.SimpleNameGenerator` appends to a generateName. */
export function nameSuffix(seed: string): string {
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; i < 5; i++) out += ALPHANUMS[bytes[i] % ALPHANUMS.length];
  return out;
}

/** A UUID-shaped uid (version 4 layout) from a seed. */
export function uidOf(seed: string): string {
  const h = digest(`uid:${seed}`).toString('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** FNV-1a, 32 bits: the hash upstream's controller.ComputeHash feeds. */
function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped onto the alphabet (so no bad words can appear). */
const safeEncode = (s: string): string => [...s].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('');

/** JSON with keys sorted at every level: the hash must not depend on the order keys were written in. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The pod-template-hash label value. Upstream (pkg/controller/controller_utils.go ComputeHash) runs
 * FNV-1a over a spew dump of the Go PodTemplateSpec struct and SafeEncodes the decimal number; we run
 * the same FNV-1a and encoding over the template's canonical JSON instead (the Go struct dump is not
 * reproducible outside Go), so the value has the real shape and changes exactly when the template
 * does, but differs from the one a real cluster prints.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  let text = canonicalJson(template);
  if (collisionCount) text += String(collisionCount);
  return safeEncode(String(fnv32a(text)));
}

/** A controller revision hash (StatefulSet, DaemonSet `controller-revision-hash`): same scheme. */
export const revisionHash = podTemplateHash;
