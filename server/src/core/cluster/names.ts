/**
 * Names and ids a real cluster draws at random, drawn here from a hash of what makes them unique, so
 * the same workspace always gives the same names (documented in docs/simulation.md).
 */

/** k8s.io/apimachinery/pkg/util/rand: the alphabet of generated names (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * 16 well-mixed bytes from a string: four 32-bit multiply-xorshift lanes (the MurmurHash3 finalizer
 * mix) over its UTF-16 code units. Not cryptographic; only stable and evenly spread, and far cheaper
 * than a SHA-256 per object.
 */
function digest(seed: string): Uint8Array {
  let h1 = 0x9e3779b1, h2 = 0x85ebca6b, h3 = 0xc2b2ae35, h4 = 0x27d4eb2f;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ k, 0x85ebca6b);
    h2 = Math.imul(h2 ^ k, 0xc2b2ae35);
    h3 = Math.imul(h3 ^ k, 0x27d4eb2f);
    h4 = Math.imul(h4 ^ k, 0x165667b1);
  }
  const mix = (h: number, salt: number): number => {
    h = Math.imul(h ^ (h >>> 16) ^ salt, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const lanes = [mix(h1 ^ h4, 1), mix(h2 ^ h1, 2), mix(h3 ^ h2, 3), mix(h4 ^ h3, 4)];
  const out = new Uint8Array(16);
  lanes.forEach((h, i) => out.set([h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255], i * 4));
  return out;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_BYTES[b];
  return out;
}

/** A 5-character suffix like `names.SimpleNameGenerator` appends to a generateName. */
export function nameSuffix(seed: string): string {
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; i < 5; i++) out += ALPHANUMS[bytes[i] % ALPHANUMS.length];
  return out;
}

/** A UUID-shaped uid (version 4 layout) from a seed. */
export function uidOf(seed: string): string {
  const h = hex(digest(`uid:${seed}`));
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
