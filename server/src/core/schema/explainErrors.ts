import type { ErrorObject } from 'ajv';
import { isScalar, Scalar } from 'yaml';
import { RULES } from '../rules';
import { docFinding, type DocFinding } from '../model/docFinding';
import { formatPath, parseInstancePath, valueAt } from '../model/paths';
import { closest } from '../model/suggest';
import type { JsonPath } from '../yaml/nodeAt';
import type { DocSpans, Span } from '../yaml/spans';
import { FORMATS } from './formats';
import type { K8sSchema } from './catalog';
import { propertyNames } from './schemaAtPath';

/** Everything needed to turn ajv errors for one object into findings a user understands. */
export interface ExplainContext {
  spans: DocSpans;
  /** The value ajv validated (nulls removed). */
  data: unknown;
  /** Where that object sits in the document (non-empty for the items of a `List`). */
  prefix: JsonPath;
  /** The (converted) schema at a path inside the object, refs resolved. */
  schemaAt(local: JsonPath): K8sSchema | undefined;
}


const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const YAML11_NUMBER = /^[-+]?(?:0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?)$/;
/** `key:value` typed without the space, read by YAML as one plain string. */
const GLUED_PAIR = /^([A-Za-z_][\w.\-/]*):(\S.*)$/;

export function explainErrors(errors: ErrorObject[], ctx: ExplainContext): DocFinding[] {
  const findings: DocFinding[] = [];
  const seen = new Set<string>();
  for (const e of pickBranches(errors)) {
    for (const f of explainOne(e, ctx)) {
      const key = `${f.code}|${f.start}|${f.end}|${f.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        findings.push(f);
      }
    }
  }
  return findings;
}

function explainOne(e: ErrorObject, ctx: ExplainContext): DocFinding[] {
  const local = parseInstancePath(e.instancePath, ctx.data);
  const path = [...ctx.prefix, ...local];
  const where = formatPath(local);
  const data = valueAt(ctx.data, local);
  switch (e.keyword) {
    case 'additionalProperties':
      return [unknownField(ctx, path, local, String(e.params.additionalProperty))];
    case 'required':
      return [requiredField(ctx, path, local, where, String(e.params.missingProperty))];
    case 'type':
      return [wrongType(ctx, path, where, e.params.type as string | string[], data)];
    case 'enum':
      return [unsupported(ctx, path, where, data, e.params.allowedValues as unknown[])];
    case 'format':
      return invalidFormat(ctx, path, where, e, data);
    case 'propertyNames':
    case 'anyOf':
    case 'oneOf':
    case 'if':
      return []; // reported by the inner errors (pickBranches keeps the meant branch)
    default: {
      const shown = typeof data === 'string' ? JSON.stringify(data) : typeof data === 'object' ? JSON.stringify(data)?.slice(0, 60) : String(data);
      const detail = `${where || 'object'} in body ${constraintText(e)}`;
      return [docFinding(RULES.schemaConstraint, `${where || 'object'}: Invalid value: ${shown}: ${detail}`, ctx.spans.value(path))];
    }
  }
}

/**
 * CRD value validations, worded as the API server words them (k8s.io/kube-openapi/pkg/validation/errors:
 * "spec.size in body should be greater than or equal to 1").
 */
function constraintText(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'minimum':
      return `should be greater than or equal to ${p.limit}`;
    case 'maximum':
      return `should be less than or equal to ${p.limit}`;
    case 'exclusiveMinimum':
      return `should be greater than ${p.limit}`;
    case 'exclusiveMaximum':
      return `should be less than ${p.limit}`;
    case 'minLength':
      return `should be at least ${p.limit} chars long`;
    case 'maxLength':
      return `should be at most ${p.limit} chars long`;
    case 'pattern':
      return `should match '${p.pattern}'`;
    case 'minItems':
      return `should have at least ${p.limit} items`;
    case 'maxItems':
      return `should have at most ${p.limit} items`;
    case 'uniqueItems':
      return "shouldn't contain duplicates";
    case 'multipleOf':
      return `should be a multiple of ${p.multipleOf}`;
    case 'minProperties':
      return `should have at least ${p.limit} properties`;
    case 'maxProperties':
      return `should have at most ${p.limit} properties`;
    case 'not':
      return 'must not validate the schema (not)';
    default:
      return e.message ?? 'is invalid';
  }
}

function unknownField(ctx: ExplainContext, path: JsonPath, local: JsonPath, field: string): DocFinding {
  const span = ctx.spans.key([...path, field]);
  const known = propertyNames(ctx.schemaAt(local));
  if (field.startsWith('-') && field.length > 1) {
    return docFinding(
      RULES.missingSpace,
      `missing space after '-': "${field}" is read as a key named "${field}", not as a list item; write "- ${field.slice(1)}"`,
      span,
      [{ title: `Insert a space after '-'`, edits: [{ start: span[0] + 1, end: span[0] + 1, newText: ' ' }] }],
    );
  }
  const suggestion = closest(field, known);
  const full = formatPath([...local, field]);
  const message = `unknown field "${full}"` + (suggestion ? ` (did you mean "${suggestion}"?)` : '');
  const fixes = suggestion
    ? [{ title: `Change to "${suggestion}"`, edits: [{ start: span[0], end: span[1], newText: suggestion }] }]
    : undefined;
  return docFinding(RULES.unknownField, message, span, fixes);
}

function requiredField(ctx: ExplainContext, path: JsonPath, local: JsonPath, where: string, field: string): DocFinding {
  const message = `missing required field "${field}"` + (where ? ` in ${where}` : '');
  // At the top of an object the user looks at its kind, not at its first key.
  const span = path.length === ctx.prefix.length ? ctx.spans.value([...ctx.prefix, 'kind']) : ctx.spans.key(path);
  const placeholder = placeholderFor(ctx.schemaAt([...local, field]));
  const edit = ctx.spans.insertEntry(path, `${field}: ${placeholder}`);
  const fixes = edit ? [{ title: `Add "${field}"`, edits: [edit] }] : undefined;
  return docFinding(RULES.requiredField, message, span, fixes);
}

/** A value of the right type for a new field, for the user to replace. */
function placeholderFor(schema: K8sSchema | undefined): string {
  const type = Array.isArray(schema?.type) ? (schema!.type as string[])[0] : (schema?.type as string | undefined);
  switch (type) {
    case 'integer':
    case 'number':
      return '0';
    case 'boolean':
      return 'false';
    case 'array':
      return '[]';
    case 'object':
      return '{}';
    default:
      return '""';
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'a map',
  array: 'a list',
  null: 'null',
};
const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);
const expectedText = (t: string | string[]): string => (Array.isArray(t) ? t : [t]).map((x) => TYPE_NAMES[x] ?? x).join(' or ');

function wrongType(ctx: ExplainContext, path: JsonPath, where: string, expected: string | string[], data: unknown): DocFinding {
  const wants = Array.isArray(expected) ? expected : [expected];
  const scalar = ctx.spans.scalar(path);
  const plain = scalar && isScalar(scalar) && scalar.type === Scalar.PLAIN ? scalar.source : undefined;
  const name = where || 'document';

  if (wants.includes('string') && plain !== undefined && (typeof data === 'boolean' || typeof data === 'number')) {
    const span = ctx.spans.value(path);
    const quote = [{ title: `Quote ${plain}`, edits: [{ start: span[0], end: span[1], newText: JSON.stringify(plain) }] }];
    if (YAML11_BOOL.test(plain) || YAML11_NUMBER.test(plain)) {
      const kindWord = typeof data === 'boolean' ? 'boolean' : 'number';
      return docFinding(
        RULES.yaml11Scalar,
        `unquoted ${plain} is a YAML 1.1 ${kindWord}: Kubernetes reads it as ${String(data)}, but ${name} must be a string; quote it: "${plain}"`,
        span,
        quote,
      );
    }
    return docFinding(RULES.wrongType, `${name} must be a string, not ${TYPE_NAMES[typeOf(data)]} (${plain}); quote it: "${plain}"`, span, quote);
  }
  if (wants.includes('object') && typeof data === 'string' && plain !== undefined) {
    const glued = GLUED_PAIR.exec(plain);
    if (glued) {
      const span = ctx.spans.value(path);
      const colon = span[0] + glued[1].length + 1;
      return docFinding(
        RULES.missingSpace,
        `missing space after ':' in "${plain}": YAML reads it as one string, not as the key "${glued[1]}" with a value`,
        span,
        [{ title: `Insert a space after ':'`, edits: [{ start: colon, end: colon, newText: ' ' }] }],
      );
    }
  }
  if (wants.includes('array') && data && typeof data === 'object' && !Array.isArray(data)) {
    const dashed = Object.keys(data).find((k) => k.startsWith('-') && k.length > 1);
    if (dashed) {
      const span = ctx.spans.key([...path, dashed]);
      return docFinding(
        RULES.missingSpace,
        `missing space after '-': "${dashed}" is read as a key, so ${name} is a map instead of a list; write "- ${dashed.slice(1)}"`,
        span,
        [{ title: `Insert a space after '-'`, edits: [{ start: span[0] + 1, end: span[0] + 1, newText: ' ' }] }],
      );
    }
  }
  const span = ctx.spans.value(path);
  const shown = typeof data === 'string' ? ` (${JSON.stringify(data)})` : typeof data === 'number' || typeof data === 'boolean' ? ` (${String(data)})` : '';
  const quoted = ctx.spans.scalar(path) as Scalar | undefined;
  const unquote =
    typeof data === 'string' && quoted && quoted.type !== Scalar.PLAIN && ((wants.includes('integer') && /^-?\d+$/.test(data)) || (wants.includes('boolean') && /^(true|false)$/.test(data)))
      ? [{ title: 'Remove the quotes', edits: [{ start: span[0], end: span[1], newText: data }] }]
      : undefined;
  return docFinding(RULES.wrongType, `${name} must be ${expectedText(expected)}, not ${TYPE_NAMES[typeOf(data)]}${shown}`, span, unquote);
}

function unsupported(ctx: ExplainContext, path: JsonPath, where: string, data: unknown, allowed: unknown[]): DocFinding {
  const span = ctx.spans.value(path);
  const list = allowed.map((v) => JSON.stringify(v)).join(', ');
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  const sameCase =
    typeof data === 'string' ? (strings.find((v) => v.toLowerCase() === data.toLowerCase()) ?? closest(data, strings)) : undefined;
  const message = `${where}: Unsupported value: ${JSON.stringify(data)}: supported values: ${list}` + (sameCase !== undefined ? ` (did you mean ${JSON.stringify(sameCase)}?)` : '');
  const fixes = sameCase !== undefined ? [{ title: `Change to ${String(sameCase)}`, edits: [{ start: span[0], end: span[1], newText: String(sameCase) }] }] : undefined;
  return docFinding(RULES.enumValue, message, span, fixes);
}

function invalidFormat(ctx: ExplainContext, path: JsonPath, where: string, e: ErrorObject, data: unknown): DocFinding[] {
  const format = FORMATS[String(e.params.format)];
  if (!format) return [];
  // For propertyNames the failing value is a key of the map at `path`.
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  const value = propertyName ?? (data as string | number);
  const span: Span = propertyName !== undefined ? ctx.spans.key([...path, propertyName]) : ctx.spans.value(path);
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return format.problems(value).map((msg) => docFinding(format.rule, `${where}: Invalid value: ${shown}: ${msg}`, span));
}

/**
 * For anyOf/oneOf, ajv reports every branch's errors. Keep only the branch the user evidently meant:
 * the one with the fewest errors (ties: the first branch).
 */
function pickBranches(errors: ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (combinators.length === 0) return errors;
  const dropped = new Set<ErrorObject>();
  for (const c of combinators) {
    const base = `${c.schemaPath.replace(/\/(anyOf|oneOf)$/, '')}/${c.keyword}/`;
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!e.schemaPath.startsWith(base)) continue;
      const branch = e.schemaPath.slice(base.length).split('/')[0];
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const branches = [...byBranch.entries()].sort((a, b) => a[1].length - b[1].length || Number(a[0]) - Number(b[0]));
    for (const [, errs] of branches.slice(1)) for (const e of errs) dropped.add(e);
  }
  return errors.filter((e) => !dropped.has(e));
}
