import { ErrFormatWrong, ErrSuffix } from '../../resources/quantity';
import { celError } from './values';

/**
 * resource.Quantity as the CEL quantity library holds it (k8s.io/apimachinery/pkg/api/resource:
 * quantity.go, amount.go, math.go, suffix.go), representation included: a quantity is either an
 * int64Amount (value × 10^scale) or an inf.Dec (unscaled × 10^-scale), and that decides
 * isInteger()/asInteger() (an inf.Dec, or a negative scale as in "1000m", is never an integer) and
 * asApproximateFloat(). Go's pointer sharing is kept too: `copy := *q` shares the inf.Dec, and
 * Cmp converts its receiver to an inf.Dec, so compareTo() and add() behave as in the API server.
 */
export const ErrNumeric = 'unable to parse numeric part of quantity';

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
/** Exact arithmetic on values with exponents this far apart is refused (upstream would not finish). */
const MAX_ALIGNMENT = 100_000;

interface Int64Amount {
  value: bigint;
  scale: number;
}
/** inf.Dec: mutable, shared between copies of a Quantity as Go shares the pointer. */
export interface InfDec {
  unscaled: bigint;
  scale: number;
}

const fitsInt64 = (v: bigint): boolean => v >= MIN_INT64 && v <= MAX_INT64;
/** Go's int64 negation (the most negative value stays itself). */
const negateInt64 = (v: bigint): bigint => (v === MIN_INT64 ? v : -v);
const int32 = (n: number): number => n | 0;

function pow10(n: number): bigint {
  if (n > MAX_ALIGNMENT) throw celError('quantity too large to compute exactly');
  return 10n ** BigInt(n);
}

/** positiveScaleInt64: base × 10^scale when it fits an int64. */
function positiveScaleInt64(base: bigint, scale: number): bigint | undefined {
  if (base === 0n || scale === 0) return base;
  if (scale > 19) return undefined;
  const v = base * 10n ** BigInt(scale);
  return fitsInt64(v) ? v : undefined;
}

/** int64Amount.Add: undefined when the sum does not fit (the receiver is then left as it was). */
function addInt64Amount(a: Int64Amount, b: Int64Amount): Int64Amount | undefined {
  if (b.value === 0n) return a;
  if (a.value === 0n) return b;
  if (a.scale === b.scale) {
    const c = a.value + b.value;
    return fitsInt64(c) ? { value: c, scale: a.scale } : undefined;
  }
  const [high, low] = a.scale > b.scale ? [a, b] : [b, a];
  const scaled = positiveScaleInt64(high.value, high.scale - low.scale);
  if (scaled === undefined) return undefined;
  const c = scaled + low.value;
  return fitsInt64(c) ? { value: c, scale: low.scale } : undefined;
}

/** Compares u1 × 10^e1 with u2 × 10^e2 exactly, without building huge powers of ten. */
function compareScaled(u1: bigint, e1: number, u2: bigint, e2: number): number {
  const s1 = u1 > 0n ? 1 : u1 < 0n ? -1 : 0;
  const s2 = u2 > 0n ? 1 : u2 < 0n ? -1 : 0;
  if (s1 !== s2) return s1 < s2 ? -1 : 1;
  if (s1 === 0) return 0;
  const a1 = s1 < 0 ? -u1 : u1;
  const a2 = s2 < 0 ? -u2 : u2;
  const m1 = a1.toString().length + e1;
  const m2 = a2.toString().length + e2;
  if (m1 !== m2) return (m1 < m2 ? -1 : 1) * s1;
  const e = Math.min(e1, e2);
  const x1 = a1 * 10n ** BigInt(e1 - e);
  const x2 = a2 * 10n ** BigInt(e2 - e);
  return (x1 < x2 ? -1 : x1 > x2 ? 1 : 0) * s1;
}

const decOf = (a: Int64Amount): InfDec => ({ unscaled: a.value, scale: int32(-a.scale) });

/** inf.Dec Add/Sub: the result takes the larger scale. */
function decAddValues(x: InfDec, y: InfDec, negateY: boolean): InfDec {
  const scale = Math.max(x.scale, y.scale);
  const xu = x.unscaled * pow10(scale - x.scale);
  const yu = y.unscaled * pow10(scale - y.scale);
  return { unscaled: negateY ? xu - yu : xu + yu, scale };
}

/** math.Pow10, with its tables' arithmetic (not the correctly rounded 10^n). */
function goPow10(n: number): number {
  if (n >= 0 && n <= 308) return Number(`1e${32 * Math.floor(n / 32)}`) * Number(`1e${n % 32}`);
  if (n < 0 && n >= -323) return Number(`1e-${32 * Math.floor(-n / 32)}`) / Number(`1e${-n % 32}`);
  return n > 0 ? Infinity : 0;
}

export class KubernetesQuantity {
  static readonly celTypeName = 'kubernetes.Quantity';
  constructor(
    public i: Int64Amount,
    public d: InfDec | null,
  ) {}

  /** `copy := *q`: the int64Amount is copied, the inf.Dec shared. */
  copy(): KubernetesQuantity {
    return new KubernetesQuantity({ ...this.i }, this.d);
  }

  /** Quantity.AsDec/ToDec: turns the receiver into its inf.Dec form. */
  toDec(): InfDec {
    if (!this.d) {
      this.d = decOf(this.i);
      this.i = { value: 0n, scale: 0 };
    }
    return this.d;
  }

  /** The inf.Dec of a copy (Go's `y.AsDec()` on a by-value argument): no change to this. */
  private decOfCopy(): InfDec {
    return this.d ?? decOf(this.i);
  }

  /** Quantity.Cmp (pointer receiver: an inf.Dec on either side converts the receiver). */
  cmp(y: KubernetesQuantity): number {
    if (!this.d && !y.d) return compareScaled(this.i.value, this.i.scale, y.i.value, y.i.scale);
    const a = this.toDec();
    const b = y.decOfCopy();
    return compareScaled(a.unscaled, -a.scale, b.unscaled, -b.scale);
  }

  /** Quantity.Equal (by value: nothing converted). */
  equals(y: KubernetesQuantity): boolean {
    const a = this.decOfCopy();
    const b = y.decOfCopy();
    return compareScaled(a.unscaled, -a.scale, b.unscaled, -b.scale) === 0;
  }

  sign(): number {
    const v = this.d ? this.d.unscaled : this.i.value;
    return v > 0n ? 1 : v < 0n ? -1 : 0;
  }

  /** Quantity.Add on this (a copy): the int64 fast path, else in place on the (shared) inf.Dec. */
  add(y: KubernetesQuantity): void {
    if (!this.d && !y.d) {
      const sum = addInt64Amount(this.i, y.i);
      if (sum) {
        this.i = { ...sum };
        return;
      }
    }
    Object.assign(this.toDec(), decAddValues(this.decOfCopy(), y.decOfCopy(), false));
  }

  /** Quantity.Sub: int64Amount.Sub adds the negated value (Go's wrapping negation). */
  sub(y: KubernetesQuantity): void {
    if (!this.d && !y.d) {
      const diff = addInt64Amount(this.i, { value: negateInt64(y.i.value), scale: y.i.scale });
      if (diff) {
        this.i = { ...diff };
        return;
      }
    }
    Object.assign(this.toDec(), decAddValues(this.decOfCopy(), y.decOfCopy(), true));
  }

  /** Quantity.AsInt64: never for an inf.Dec or a negative scale. */
  asInt64(): bigint | undefined {
    if (this.d) return undefined;
    if (this.i.scale === 0) return this.i.value;
    if (this.i.scale < 0) return undefined;
    return positiveScaleInt64(this.i.value, this.i.scale);
  }

  /** Quantity.AsApproximateFloat64. */
  asApproximateFloat64(): number {
    const [base, exponent] = this.d ? [Number(this.d.unscaled), -this.d.scale] : [Number(this.i.value), this.i.scale];
    return exponent === 0 ? base : base * goPow10(exponent);
  }
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

interface QuantityString {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString (quantity.go), which accepts more than its error message's regular expression. */
function parseQuantityString(str: string): QuantityString | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  return pos >= end ? { positive, value, num, denom, suffix: str.slice(suffixStart) } : undefined;
}

/** suffixHandler.interpret: [base, exponent, binary], undefined for an unknown suffix. */
function interpretSuffix(suffix: string): [number, number, boolean] | undefined {
  if (suffix in DECIMAL_SUFFIXES) return [10, DECIMAL_SUFFIXES[suffix], false];
  if (suffix in BINARY_SUFFIXES) return [2, BINARY_SUFFIXES[suffix], true];
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(suffix[1:], 10, 64), then int32(parsed).
    if (!/^[+-]?[0-9]+$/.test(suffix.slice(1))) return undefined;
    const parsed = BigInt(suffix.slice(1));
    if (!fitsInt64(parsed)) return undefined;
    return [10, Number(BigInt.asIntN(32, parsed)), false];
  }
  return undefined;
}

/** inf.Dec.SetString: an optional sign, digits with at most one point, at least one digit. */
function decFromString(value: string): InfDec | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2] + (m[3] ?? '')).length === 0) return undefined;
  const digits = BigInt(m[2] + (m[3] ?? ''));
  return { unscaled: m[1] === '-' ? -digits : digits, scale: (m[3] ?? '').length };
}

/** resource.ParseQuantity: the quantity, or upstream's error message. */
export function parseKubernetesQuantity(str: string): KubernetesQuantity | string {
  if (str.length === 0) return ErrFormatWrong;
  if (str === '0') return new KubernetesQuantity({ value: 0n, scale: 0 }, null);
  const parsed = parseQuantityString(str);
  if (!parsed) return ErrFormatWrong;
  const { positive, value, num, denom } = parsed;
  const interpreted = interpretSuffix(parsed.suffix);
  if (!interpreted) return ErrSuffix;
  const [base, exponent, binary] = interpreted;

  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (!binary) {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else if (exponent >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc(Math.fround(exponent) * 3 / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const result = BigInt(num + denom) * mantissa;
      if (fitsInt64(result)) return new KubernetesQuantity({ value: positive ? result : -result, scale }, null);
    }
  }

  const amount = decFromString(value);
  if (!amount) return ErrNumeric;
  if (base === 10) amount.scale = int32(amount.scale - exponent);
  else amount.unscaled *= 1n << BigInt(exponent);
  if (amount.unscaled < 0n) amount.unscaled = -amount.unscaled;
  // Round non-zero values up to nanos (inf.RoundUp), then cap binary quantities at 2^63-1.
  if (amount.unscaled !== 0n) {
    if (amount.scale <= 9) amount.unscaled *= pow10(9 - amount.scale);
    else {
      const divisor = pow10(amount.scale - 9);
      const q = amount.unscaled / divisor;
      amount.unscaled = amount.unscaled % divisor === 0n ? q : q + 1n;
    }
    amount.scale = 9;
  }
  if (binary && compareScaled(amount.unscaled, -amount.scale, MAX_INT64, 0) > 0) {
    amount.unscaled = MAX_INT64;
    amount.scale = 0;
  }
  if (!positive) amount.unscaled = -amount.unscaled;
  return new KubernetesQuantity({ value: 0n, scale: 0 }, amount);
}
