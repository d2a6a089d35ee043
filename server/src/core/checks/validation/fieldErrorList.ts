import type { JsonPath } from '../../yaml/nodeAt';
import { GoStruct, renderPath, renderValue, type PathSegment } from '../../schema/fieldErrors';
import type { CelPrograms } from '../../cel/programs';
import { minorOf } from '../../versions';

/**
 * field.ErrorList as values (k8s.io/apimachinery/pkg/util/validation/field), for validation code that,
 * like upstream's, builds lists, counts them, sorts them and drops them. FieldErrors appends to one
 * object's list instead.
 *
 * A segment may be `{ raw, at }`: a kube-openapi name appended with Child() as upstream does (it may
 * itself hold dots and `[i]`, `default.spec.ports[0]`), with the JSON path it stands for.
 */
export type Seg = PathSegment | { raw: string; at: JsonPath };

export interface FieldErr {
  path: Seg[];
  /** `Required value`, `Invalid value`…, as upstream's ErrorType.String(). */
  type: string;
  /** The whole rendered error: `<path>: <body>`. */
  message: string;
}

export function renderSegs(path: Seg[]): string {
  // A raw segment prints as a field name would.
  return renderPath(path.map((s) => (typeof s === 'object' && 'raw' in s ? s.raw : s)));
}

/** A value whose rendering is already known: JSON from 1.34, Go `%#v` before. */
export class Rendered extends GoStruct {
  constructor(
    private readonly asJson: string,
    private readonly asGo: string,
  ) {
    super('', []);
  }

  override json(): string {
    return this.asJson;
  }

  override goSyntax(): string {
    return this.asGo;
  }
}


/** The error constructors of field/errors.go for one target Kubernetes version. */
export class Errs {
  /** `celPrograms`: where a CRD's rules are compiled, shared with its custom resources' checks. */
  constructor(
    readonly kubernetesVersion: string,
    readonly celPrograms?: CelPrograms,
  ) {}

  get minor(): number {
    return minorOf(this.kubernetesVersion);
  }

  private make(path: Seg[], type: string, body: string): FieldErr {
    return { path, type, message: `${renderSegs(path)}: ${body}` };
  }

  /** How ErrorBody prints a bad value (field/errors.go): scalars as `%v`/`%q`, others by version. */
  value(v: unknown): string {
    if (typeof v === 'number' && !Number.isInteger(v)) return goFloat(v);
    return renderValue(v, this.kubernetesVersion);
  }

  required(path: Seg[], detail = ''): FieldErr {
    return this.make(path, 'Required value', `Required value${detail ? `: ${detail}` : ''}`);
  }

  forbidden(path: Seg[], detail: string): FieldErr {
    return this.make(path, 'Forbidden', `Forbidden${detail ? `: ${detail}` : ''}`);
  }

  invalid(path: Seg[], value: unknown, detail: string): FieldErr {
    return this.make(path, 'Invalid value', `Invalid value: ${this.value(value)}${detail ? `: ${detail}` : ''}`);
  }

  notSupported(path: Seg[], value: unknown, supported: string[]): FieldErr {
    const detail = supported.length ? `: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
    return this.make(path, 'Unsupported value', `Unsupported value: ${this.value(value)}${detail}`);
  }

  duplicate(path: Seg[], value: unknown): FieldErr {
    return this.make(path, 'Duplicate value', `Duplicate value: ${this.value(value)}`);
  }

  /** field.TooMany: the count and `must have at most N item(s)`. */
  tooMany(path: Seg[], actual: number, max: number): FieldErr {
    const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
    return this.make(path, 'Too many', actual >= 0 ? `Too many: ${actual}: ${detail}` : `Too many: ${detail}`);
  }

  /** field.TooLong (the value is never printed); its wording changed in 1.32 and 1.34. */
  tooLong(path: Seg[], max: number): FieldErr {
    const unit = this.minor >= 34 && max === 1 ? 'byte' : 'bytes';
    const detail = max < 0 ? 'value is too long' : this.minor <= 31 ? `may not be longer than ${max}` : `may not be more than ${max} ${unit}`;
    return this.make(path, 'Too long', `Too long: ${detail}`);
  }
}

/**
 * Go's `%v` of a float64 (strconv.FormatFloat 'g' with the shortest precision): exponent form when the
 * exponent is below -4 or at least 6 (`1e+06`, `1e-05`), plain decimals otherwise.
 */
export function goFloat(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(x);
}
