import type { JsonPath } from '../yaml/nodeAt';
import { minorOf } from '../versions';

/**
 * The API server's field errors (k8s.io/apimachinery/pkg/util/validation/field/errors.go), as
 * `kubectl apply` prints them: `<path>: <type>[: <value>][: <detail>]`.
 */
export interface FieldError {
  /** Where the error is, as a path into the object (for the finding's range). */
  at: JsonPath;
  message: string;
}

/**
 * A field path as upstream renders it (field/path.go): `.child`, `[index]`, and `[key]` for map keys
 * (not quoted). Map keys are written `{ key: 'name' }` in a path.
 */
export type PathSegment = string | number | { key: string } | typeof NIL_PATH;

/** A nil *field.Path (an error at a custom resource's root): it prints as `<nil>`. */
export const NIL_PATH = { nil: true } as const;

export function renderPath(path: PathSegment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'object' && 'nil' in s) out += '<nil>';
    else if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string') out += out === '' ? s : `.${s}`;
    else out += `[${s.key}]`;
  }
  return out;
}

/** The JSON path of a field path: map keys become plain keys; an empty key (upstream's root `[]`) is dropped. */
const jsonPath = (path: PathSegment[]): JsonPath => path.flatMap((s) => (typeof s !== 'object' ? [s] : 'nil' in s || s.key === '' ? [] : [s.key]));


/**
 * How a bad value is printed (field/errors.go): numbers and booleans as `%v`, strings quoted (Go
 * `%q`); other values as JSON from Kubernetes 1.34 ("Nicer value rendering in API errors"), as Go's
 * `%#v` before (a label map: `map[string]string{"a":"b", "c":"d"}`, keys sorted).
 */
export function renderValue(value: unknown, kubernetesVersion: string): string {
  if (value instanceof GoStruct) return minorOf(kubernetesVersion) >= 34 ? value.json() : value.goSyntax();
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (minorOf(kubernetesVersion) >= 34) return JSON.stringify(sorted(value));
  if (isStringMap(value)) return `map[string]string{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`).join(', ')}}`;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  return JSON.stringify(sorted(value));
}

const isStringMap = (v: unknown): v is Record<string, string> => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  return value;
}

/** The constructors of field/errors.go, for one object and target version. */
export class FieldErrors {
  readonly list: FieldError[] = [];

  constructor(readonly kubernetesVersion: string) {}

  /** An error of any form: `<path>: <body>`. */
  add(path: PathSegment[], body: string): void {
    this.list.push({ at: jsonPath(path), message: `${renderPath(path)}: ${body}` });
  }

  private value(v: unknown): string {
    return renderValue(v, this.kubernetesVersion);
  }

  required(path: PathSegment[], detail = ''): void {
    this.add(path, `Required value${detail ? `: ${detail}` : ''}`);
  }

  forbidden(path: PathSegment[], detail: string): void {
    this.add(path, `Forbidden: ${detail}`);
  }

  invalid(path: PathSegment[], value: unknown, detail: string): void {
    this.add(path, `Invalid value: ${this.value(value)}${detail ? `: ${detail}` : ''}`);
  }

  /** field.Invalid with field.OmitValueType{}: no value in the message. */
  invalidOmitted(path: PathSegment[], detail: string): void {
    this.add(path, `Invalid value${detail ? `: ${detail}` : ''}`);
  }

  notSupported(path: PathSegment[], value: unknown, supported: string[]): void {
    this.add(path, `Unsupported value: ${this.value(value)}${supported.length ? `: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : ''}`);
  }

  /**
   * field.TooLong: the value is never printed; "may not be more than N bytes" from apimachinery
   * v0.32 (`byte` for 1 from v0.34), "must have at most N bytes" before.
   */
  tooLong(path: PathSegment[], max: number): void {
    const v = minorOf(this.kubernetesVersion);
    this.add(path, `Too long: ${v >= 32 ? `may not be more than ${max} ${max === 1 && v >= 34 ? 'byte' : 'bytes'}` : `must have at most ${max} bytes`}`);
  }

  /** The target minor version (features and messages that changed between releases). */
  get minor(): number {
    return minorOf(this.kubernetesVersion);
  }

  duplicate(path: PathSegment[], value: unknown): void {
    this.add(path, `Duplicate value: ${this.value(value)}`);
  }

  /** field.Duplicate with field.OmitValueType{}. */
  duplicateOmitted(path: PathSegment[]): void {
    this.add(path, 'Duplicate value');
  }

  notFound(path: PathSegment[], value: unknown): void {
    this.add(path, `Not found: ${this.value(value)}`);
  }

  /**
   * An internal Go struct as a bad value: JSON of its fields (Go field names: internal types have no
   * json tags) from 1.34, Go's `%#v` before. Each field: name, value, and its `%#v` form when that is
   * not the value's own.
   */
  goStruct(type: string, fields: Array<[name: string, value: unknown, goSyntax?: string]>): GoStruct {
    return new GoStruct(type, fields);
  }
}

/** A value that prints as a Go struct (see FieldErrors.goStruct). */
export class GoStruct {
  constructor(
    readonly type: string,
    readonly fields: Array<[name: string, value: unknown, goSyntax?: string]>,
  ) {}

  json(): string {
    return `{${this.fields.map(([n, v]) => `${JSON.stringify(n)}:${JSON.stringify(v)}`).join(',')}}`;
  }

  goSyntax(): string {
    return `${this.type}{${this.fields.map(([n, v, go]) => `${n}:${go ?? (typeof v === 'string' ? JSON.stringify(v) : String(v))}`).join(', ')}}`;
  }
}
