/**
 * Shuffle sharding, as k8s.io/apiserver v0.35.7 pkg/util/shufflesharding/shufflesharding.go: a hash
 * value deals a hand of `handSize` distinct cards (queues) from a deck of `deckSize`.
 */

/** Bits of the hash a deal may use: with all 64 the last card would be dealt unevenly (2:3 at most). */
export const MAX_HASH_BITS = 60;

export function requiredEntropyBits(deckSize: number, handSize: number): number {
  return Math.ceil(Math.log2(deckSize) * handSize);
}

/** NewDealer's checks: the error it returns, or undefined when the sizes are valid. */
export function dealerError(deckSize: number, handSize: number): string | undefined {
  if (deckSize <= 0 || handSize <= 0) return `deckSize ${deckSize} or handSize ${handSize} is not positive`;
  if (handSize > deckSize) return `handSize ${handSize} is greater than deckSize ${deckSize}`;
  if (deckSize > 1 << 26) return `deckSize ${deckSize} is impractically large`;
  if (requiredEntropyBits(deckSize, handSize) > MAX_HASH_BITS) return `required entropy bits of deckSize ${deckSize} and handSize ${handSize} is greater than ${MAX_HASH_BITS}`;
  return undefined;
}

/**
 * Deal: the remainders of dividing the hash by deckSize, deckSize-1, … pick among the cards not yet
 * dealt (each remainder is shifted past the cards dealt before it). Cards in the order dealt.
 */
export function deal(deckSize: number, handSize: number, hashValue: bigint): number[] {
  const error = dealerError(deckSize, handSize);
  if (error) throw new Error(error);
  const remainders: number[] = [];
  let hash = BigInt.asUintN(64, hashValue);
  for (let i = 0; i < handSize; i++) {
    const size = BigInt(deckSize - i);
    remainders.push(Number(hash % size));
    hash /= size;
  }
  return remainders.map((remainder, i) => {
    let card = remainder;
    for (let j = i; j > 0; j--) if (card >= remainders[j - 1]) card++;
    return card;
  });
}
