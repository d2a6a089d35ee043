import type Ajv from 'ajv';
import { RULES, type Rule } from '../rules';
import { quantityError } from '../resources/quantity';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, isValidPortName } from './apimachineryValidation';

/** A format ajv checks, and how to explain a failure with the API server's own words. */
interface Format {
  type: 'string' | 'number';
  rule: Rule;
  /** Upstream messages for an invalid value (empty = valid). */
  problems(value: string | number): string[];
}

const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;
const INT64 = [-(2 ** 63), 2 ** 63 - 1] as const;
const intRange = (bits: 32 | 64, [lo, hi]: readonly [number, number]) => (v: string | number): string[] =>
  typeof v === 'number' && (!Number.isInteger(v) || v < lo || v > hi) ? [`must be an int${bits} (${lo} to ${hi})`] : [];

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** time.RFC3339 as Go parses it: an upper-case T and Z. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const FORMATS: Record<string, Format> = {
  int32: { type: 'number', rule: RULES.outOfRange, problems: intRange(32, INT32) },
  int64: { type: 'number', rule: RULES.outOfRange, problems: intRange(64, INT64) },
  byte: {
    type: 'string',
    rule: RULES.invalidFormat,
    // Go's base64 decoder skips \r and \n only.
    problems: (v) => (BASE64.test(String(v).replace(/[\r\n]/g, '')) ? [] : ['must be base64-encoded data (illegal base64 data)']),
  },
  'date-time': {
    type: 'string',
    rule: RULES.invalidFormat,
    problems: (v) => (RFC3339.test(String(v)) ? [] : ['must be an RFC 3339 date-time such as 2006-01-02T15:04:05Z']),
  },
  quantity: {
    type: 'string',
    rule: RULES.invalidQuantity,
    problems: (v) => {
      const e = quantityError(String(v));
      return e ? [e] : [];
    },
  },
  'k8s-label-key': { type: 'string', rule: RULES.invalidLabelKey, problems: (v) => isQualifiedName(String(v)) },
  'k8s-label-value': { type: 'string', rule: RULES.invalidLabelValue, problems: (v) => isValidLabelValue(String(v)) },
  // ValidateAnnotations checks the lower-cased key.
  'k8s-annotation-key': { type: 'string', rule: RULES.invalidAnnotationKey, problems: (v) => isQualifiedName(String(v).toLowerCase()) },
  'k8s-namespace': { type: 'string', rule: RULES.invalidName, problems: (v) => isDNS1123Label(String(v)) },
  // Port names are optional: upstream validates them only when non-empty (and a single-port
  // Service may leave its port unnamed).
  'k8s-port-name': { type: 'string', rule: RULES.invalidPortName, problems: (v) => (v === '' ? [] : isValidPortName(String(v))) },
  'k8s-service-port-name': { type: 'string', rule: RULES.invalidPortName, problems: (v) => (v === '' ? [] : isDNS1123Label(String(v))) },
};

type AjvFormat = { type: 'number'; validate: (v: number) => boolean } | { type: 'string'; validate: (v: string) => boolean };

/** The formats as ajv takes them (also what the precompiled validators require at run time). */
export const AJV_FORMATS: Record<string, AjvFormat> = Object.fromEntries(
  Object.entries(FORMATS).map(([name, f]) => [name, { type: f.type, validate: (v: string | number) => f.problems(v).length === 0 } as AjvFormat]),
);

export function addFormats(ajv: Ajv): void {
  for (const [name, f] of Object.entries(AJV_FORMATS)) ajv.addFormat(name, f);
}
