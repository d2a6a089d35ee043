/**
 * Go's float64 formatting (strconv/ftoa.go: the 'e', 'f', 'g' formats, exact rounding half to even,
 * shortest digits), which JavaScript's toFixed/toPrecision do not reproduce (they round halves up
 * and switch to exponents on their own terms).
 */

/** A finite non-negative value as digits × 10^exponent, exactly (the digits have no leading zeros). */
interface Decimal {
  digits: string;
  exponent: number;
}

const F64 = new DataView(new ArrayBuffer(8));

/** The exact decimal value of |x|. */
function exactDecimal(x: number): Decimal {
  F64.setFloat64(0, Math.abs(x));
  const bits = F64.getBigUint64(0);
  const biased = Number(bits >> 52n);
  let mantissa = bits & ((1n << 52n) - 1n);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mantissa |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (mantissa === 0n) return { digits: '0', exponent: 0 };
  if (e2 >= 0) return { digits: (mantissa << BigInt(e2)).toString(), exponent: 0 };
  return { digits: (mantissa * 5n ** BigInt(-e2)).toString(), exponent: e2 };
}

/** digits × 10^exponent rounded half to even to an integer multiple of 10^at. */
function roundAt(d: Decimal, at: number): Decimal {
  const drop = at - d.exponent;
  if (drop <= 0) return d;
  const n = BigInt(d.digits);
  const unit = 10n ** BigInt(drop);
  let q = n / unit;
  const r2 = (n % unit) * 2n;
  if (r2 > unit || (r2 === unit && q % 2n === 1n)) q += 1n;
  return { digits: q.toString(), exponent: at };
}

/** Shortest digits that read back as x (JavaScript's Number::toString digits, as Go's shortest): digits and decimal point position. */
function shortest(x: number): { digits: string; point: number } {
  if (x === 0) return { digits: '', point: 0 };
  const [mant, exp] = Math.abs(x).toExponential().split('e');
  return { digits: mant.replace('.', ''), point: Number(exp) + 1 };
}

const sign = (x: number): string => (x < 0 || Object.is(x, -0) ? '-' : '');

/** Digits and point position rendered as %f with `prec` fraction digits (fmtF). */
function layoutFixed(digits: string, point: number, prec: number): string {
  let int = '';
  if (point > 0) int = digits.slice(0, point).padEnd(point, '0');
  else int = '0';
  let frac = '';
  for (let i = 0; i < prec; i++) {
    const j = point + i;
    frac += j >= 0 && j < digits.length ? digits[j] : '0';
  }
  return prec > 0 ? `${int}.${frac}` : int;
}

/** strconv.FormatFloat(x, 'f', prec, 64) for finite x (prec ≥ 0). */
export function formatFixed(x: number, prec: number): string {
  const d = roundAt(exactDecimal(x), -prec);
  const point = d.digits.length + d.exponent;
  return sign(x) + layoutFixed(d.digits === '0' ? '' : d.digits, d.digits === '0' ? 0 : point, prec);
}

/** |x| rounded half to even to `sig` significant digits: the digits (exactly `sig`) and the decimal exponent of the first. */
export function significantDigits(x: number, sig: number): { digits: string; exponent: number } {
  const d = exactDecimal(x);
  if (d.digits === '0') return { digits: '0'.repeat(sig), exponent: 0 };
  const at = d.digits.length + d.exponent - sig;
  const r = roundAt(d, at);
  let digits = r.digits.padEnd(sig, '0');
  let exponent = r.exponent + r.digits.length - 1;
  if (digits.length > sig) {
    digits = digits.slice(0, sig);
    exponent = r.exponent + r.digits.length - 1;
  }
  return { digits, exponent };
}

const expSuffix = (e: number): string => `e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;

/** fmt's %g (strconv 'g', shortest): Go's "2e-09", "1.234567e+06", "+Inf". */
export function formatG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const { digits, point } = shortest(x);
  const exp = point - 1;
  if (digits !== '' && (exp < -4 || exp >= 6)) {
    return `${sign(x)}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}${expSuffix(exp)}`;
  }
  return sign(x) + layoutFixed(digits, point, Math.max(digits.length - point, 0));
}

/** strconv.FormatFloat(x, 'f', -1, 64): shortest digits, never an exponent. */
export function formatFShortest(x: number): string {
  const { digits, point } = shortest(x);
  return sign(x) + layoutFixed(digits, point, Math.max(digits.length - point, 0));
}
