import { BoundedCache } from '../boundedCache';

const parsedTimes = new BoundedCache<string, number>(8192);

/**
 * An RFC 3339 timestamp (metadata.creationTimestamp, a condition's lastTransitionTime) in ms, 0 when
 * absent or unreadable. Kept per text: controllers sort and rank by them on every sync, and most
 * objects share the simulation's clock.
 */
export function timeOf(value: unknown): number {
  const text = String(value ?? '');
  let ms = parsedTimes.get(text);
  if (ms === undefined) parsedTimes.set(text, (ms = Date.parse(text) || 0));
  return ms;
}
