import { mutate, rng } from './mutate.mjs';
import { seedDocuments } from './seeds.mjs';

let seeds;

/** The documents of batch `index` of a run with `seed`: the same on every run and machine. */
export function batchDocuments(seed, index, size) {
  seeds ??= seedDocuments();
  const r = rng(seed * 1_000_003 + index);
  return Array.from({ length: size }, () => mutate(r.pick(seeds), r));
}
