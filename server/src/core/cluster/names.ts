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
function digest(seed: string): Uint32Array {
  let h1 = 0x9e3779b1, h2 = 0x85ebca6b, h3 = 0xc2b2ae35, h4 = 0x27d4eb2f;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ k, 0x85ebca6b);
    h2 = Math.imul(h2 ^ k, 0xc2b2ae35);
    h3 = Math.imul(h3 ^ k, 0x27d4eb2f);
    h4 = Math.imul(h4 ^ k, 0x165667b1);
  }
  // One shared output (callers read it at once): a simulation draws one per object.
  lanes[0] = mix(h1 ^ h4, 1);
  lanes[1] = mix(h2 ^ h1, 2);
  lanes[2] = mix(h3 ^ h2, 3);
  lanes[3] = mix(h4 ^ h3, 4);
  return lanes;
}

const lanes = new Uint32Array(4);

function mix(h: number, salt: number): number {
  h = Math.imul(h ^ (h >>> 16) ^ salt, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Byte i of the digest, the lanes read big-endian. */
const byteOf = (d: Uint32Array, i: number): number => (d[i >> 2] >>> (24 - 8 * (i & 3))) & 255;

/** A 5-character suffix like `names.SimpleNameGenerator` appends to a generateName. */
export function nameSuffix(seed: string): string {
  const d = digest(seed);
  let out = '';
  for (let i = 0; i < 5; i++) out += ALPHANUMS[byteOf(d, i) % ALPHANUMS.length];
  return out;
}

/** A UUID-shaped uid (version 4 layout) from a seed, made as one flat string (every object has one). */
export function uidOf(seed: string): string {
  const d = digest(`uid:${seed}`);
  let k = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) uidCodes[k++] = 45; // '-'
    let byte = byteOf(d, i);
    if (i === 6) byte = 0x40 | (byte & 0x0f); // version 4
    if (i === 8) byte = 0x80 | (byte & 0x3f); // RFC 4122 variant
    uidCodes[k++] = HEX_CODES[byte >> 4];
    uidCodes[k++] = HEX_CODES[byte & 15];
  }
  return String.fromCharCode.apply(null, uidCodes);
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const uidCodes: number[] = new Array<number>(36).fill(0);

/** FNV-1a, 32 bits: the hash upstream's controller.ComputeHash feeds. */
function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped onto the alphabet (so no bad words can appear). */
const safeEncode = (s: string): string => [...s].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('');

/** JSON with keys sorted at every level: the hash must not depend on the order keys were written in. */
/** JSON with keys sorted at every depth (undefined values left out): the same value, the same text. */
export function canonicalJson(v: unknown): string {
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
  const memo = collisionCount === 0 && template && typeof template === 'object';
  const known = memo ? templateHashes.get(template) : undefined;
  if (known !== undefined) return known;
  let text = canonicalJson(template);
  if (collisionCount) text += String(collisionCount);
  const hash = safeEncode(String(fnv32a(text)));
  if (memo) templateHashes.set(template, hash);
  return hash;
}

/**
 * Hashes by template object: a workspace's unchanged manifests keep their parsed objects between
 * simulations, so only an edited template is serialized again. Templates are never changed in place.
 */
const templateHashes = new WeakMap<object, string>();

/** A controller revision hash (StatefulSet, DaemonSet `controller-revision-hash`): same scheme. */
export const revisionHash = podTemplateHash;
