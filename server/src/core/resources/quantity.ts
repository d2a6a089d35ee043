/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go).
 * The serialization grammar with upstream's error strings, exact values, and the canonical printing.
 */
export const ErrFormatWrong =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ErrSuffix = "unable to parse quantity's suffix";

const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/;
const SUFFIX_CHARS = /^[eEinumkKMGTP]*[-+]?[0-9]*$/;
const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const EXPONENT = /^[eE][+-]?[0-9]+$/;

/** Returns undefined when `text` is a valid quantity, else upstream's error message. */
export function quantityError(text: string): string | undefined {
  const number = NUMBER.exec(text);
  if (!number) return ErrFormatWrong;
  const suffix = text.slice(number[0].length);
  if (SUFFIXES.has(suffix)) return undefined;
  // The exponent must fit an int32 (strconv.ParseInt(…, 10, 32) in quantity.go's suffixer).
  if (EXPONENT.test(suffix)) return Math.abs(Number(suffix.slice(1))) <= 2 ** 31 - 1 ? undefined : ErrSuffix;
  return SUFFIX_CHARS.test(suffix) ? ErrSuffix : ErrFormatWrong;
}

/** How a quantity was written, which decides how Kubernetes prints it (and sums of it). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: the value in units of 10^-9 (Kubernetes rounds finer values up to that). */
export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
/** No quantity exceeds 2^63-1 in magnitude (quantity.go caps it). */
const MAX_NANOS = (2n ** 63n - 1n) * NANO;
const DECIMAL_EXPONENTS: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWERS: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const ceilDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? (a + b - 1n) / b : -((-a) / b));

/**
 * resource.ParseQuantity: a YAML number or a string in quantity syntax. Numbers are read as their
 * decimal text (what the YAML-to-JSON step hands the API server). Undefined when invalid.
 */
export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input !== 'string') return parseQuantityUncached(input);
  // The same few texts ("100m", "128Mi") come back for every pod of a workload.
  let q = parsedTexts.get(input);
  if (q === undefined) {
    if (parsedTexts.size >= 10_000) parsedTexts.clear();
    q = parseQuantityUncached(input) ?? null;
    parsedTexts.set(input, q);
  }
  return q ? { nanos: q.nanos, format: q.format } : undefined;
}

const parsedTexts = new Map<string, Quantity | null>();

function parseQuantityUncached(input: unknown): Quantity | undefined {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return undefined;
    text = Math.abs(input) >= 1e21 || (input !== 0 && Math.abs(input) < 1e-6) ? input.toExponential() : String(input);
    if (text.includes('e')) text = text.replace('e+', 'e');
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return undefined;
  }
  if (quantityError(text) !== undefined) return undefined;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(text)!;
  const negative = m[1] === '-';
  const fraction = m[3] ?? '';
  const mantissa = BigInt((m[2] || '0') + fraction);
  const scale = BigInt(fraction.length);
  const suffix = m[4];
  let nanos: bigint;
  let format: QuantityFormat;
  if (suffix in BINARY_POWERS) {
    format = 'BinarySI';
    nanos = ceilDiv(mantissa * (1n << BigInt(BINARY_POWERS[suffix])) * NANO, 10n ** scale);
  } else {
    let exponent: number;
    if (suffix in DECIMAL_EXPONENTS) {
      format = 'DecimalSI';
      exponent = DECIMAL_EXPONENTS[suffix];
    } else {
      format = 'DecimalExponent';
      exponent = Number(suffix.slice(1));
    }
    // Values beyond what Kubernetes represents are capped (2^63-1, or rounded up to 1n): computing
    // 10^(a billion) would not end.
    const shift = Math.max(-60, Math.min(60, exponent + 9 - Number(scale)));
    nanos = mantissa === 0n ? 0n : shift >= 0 ? mantissa * 10n ** BigInt(shift) : ceilDiv(mantissa, 10n ** BigInt(-shift));
  }
  if (nanos > MAX_NANOS) nanos = MAX_NANOS;
  return { nanos: negative ? -nanos : nanos, format };
}

/** Quantity.String(): the canonical form Kubernetes prints (CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  if (q.format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    if (!small && q.nanos % NANO === 0n) {
      let v = q.nanos / NANO;
      let i = 0;
      while (i < 6 && v % 1024n === 0n) {
        v /= 1024n;
        i++;
      }
      return `${v}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][i]}`;
    }
  }
  // DecimalSI or DecimalExponent (and BinarySI that would lose precision or is below 1024).
  let mantissa = q.nanos;
  let exponent = -9;
  while (exponent < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (q.format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = Object.entries(DECIMAL_EXPONENTS).find(([, e]) => e === exponent)![0];
  return `${mantissa}${suffix}`;
}

/** q1 + q2, in q1's format (Quantity.Add). */
export const addQuantity = (a: Quantity, b: Quantity): Quantity => ({ nanos: a.nanos + b.nanos, format: a.format });
/** q × n, in q's format. */
export const scaleQuantity = (q: Quantity, n: number): Quantity => ({ nanos: q.nanos * BigInt(n), format: q.format });
export const compareQuantity = (a: Quantity, b: Quantity): number => (a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0);
/** MilliValue(): rounded up to whole millis. */
export const milliValue = (q: Quantity): bigint => ceilDiv(q.nanos, 1_000_000n);
/** Value(): rounded up to a whole number. */
export const wholeValue = (q: Quantity): bigint => ceilDiv(q.nanos, NANO);
