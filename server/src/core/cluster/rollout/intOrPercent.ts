/**
 * An int-or-string value scaled against a total, as the workload controllers resolve maxSurge,
 * maxUnavailable and partition-like fields.
 */

/** An IntOrString as it appears in a manifest: a number (Int) or a string (String). */
export type IntOrString = number | string;

/** Go's int range on a 64-bit platform (strconv.Atoi's bitSize 0). */
const GO_INT_MAX = 2n ** 63n - 1n;
const GO_INT_MIN = -(2n ** 63n);

/**
 * strconv.Atoi: an optional sign then decimal digits, nothing else (no spaces, no underscores, no
 * "0x"); the error text is Go's NumError ("strconv.Atoi: parsing %q: invalid syntax" or
 * "... value out of range").
 */
export function goAtoi(s: string): number {
  const quoted = JSON.stringify(s);
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${quoted}: invalid syntax`);
  const big = BigInt(s);
  if (big > GO_INT_MAX || big < GO_INT_MIN) throw new Error(`strconv.Atoi: parsing ${quoted}: value out of range`);
  return Number(big);
}

/**
 * getIntOrPercentValueSafely: an Int is itself; a String must end in "%" and parse with Atoi.
 * (staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go)
 */
function intOrPercentValueSafely(value: IntOrString): { value: number; isPercent: boolean } {
  if (typeof value === 'number') return { value, isPercent: false };
  if (!value.endsWith('%')) throw new Error('invalid type: string is not a percentage');
  try {
    return { value: goAtoi(value.slice(0, -1)), isPercent: true };
  } catch (e) {
    throw new Error(`invalid value ${JSON.stringify(value)}: ${(e as Error).message}`);
  }
}

/**
 * GetScaledValueFromIntOrPercent (staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go): an Int
 * is returned as is; "N%" is N*total/100 in float64, rounded up (roundUp) or down. A String without a
 * trailing "%" ("5"), or whose number does not parse ("abc%"), is an error, as is a missing value.
 * Errors are thrown with upstream's text, e.g. "invalid value for IntOrString: invalid type: string
 * is not a percentage".
 */
export function getScaledValueFromIntOrPercent(value: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) throw new Error('nil value for IntOrString');
  let parsed: { value: number; isPercent: boolean };
  try {
    parsed = intOrPercentValueSafely(value);
  } catch (e) {
    throw new Error(`invalid value for IntOrString: ${(e as Error).message}`);
  }
  if (!parsed.isPercent) return parsed.value;
  const scaled = (parsed.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
