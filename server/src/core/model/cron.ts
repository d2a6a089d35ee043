/**
 * Standard cron schedules, as the API server validates them and the CronJob controller runs them:
 * robfig/cron v3's standard parser (vendored by Kubernetes), ported with its error messages; the next
 * run evaluated in UTC.
 */

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}
const named = (list: string[], base: number): Record<string, number> => Object.fromEntries(list.map((n, i) => [n, i + base]));
/** robfig/cron v3 parser.go: minutes, hours, day of month, month, day of week (0-6: 7 is not Sunday). */
const BOUNDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: named(MONTHS, 1) },
  { min: 0, max: 6, names: named(DAYS, 0) },
];

interface Field {
  values: Set<number>;
  /** `*` or `?` (matters for day-of-month vs day-of-week). */
  star: boolean;
}

/** Go's strconv.Atoi, as mustParseInt reports it. */
function mustParseInt(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  const n = Number(expr);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1) return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`;
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

const parseIntOrName = (expr: string, names?: Record<string, number>): number | string => names?.[expr.toLowerCase()] ?? mustParseInt(expr);

/** getRange: one comma-separated item of a field, with robfig/cron's messages. */
function getRange(expr: string, r: Bounds, into: Set<number>): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') [start, end] = [r.min, r.max];
  else {
    const s = parseIntOrName(lowAndHigh[0], r.names);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], r.names);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = mustParseInt(rangeAndStep[1]);
    if (typeof s === 'string') return s;
    step = s;
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = r.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  for (let v = start; v <= end; v += step) into.add(v);
  return undefined;
}

function getField(field: string, r: Bounds): Field | string {
  const values = new Set<number>();
  // strings.FieldsFunc: empty items between commas are dropped, not errors.
  for (const expr of field.split(',').filter((e) => e !== '')) {
    const error = getRange(expr, r, values);
    if (error) return error;
  }
  return { values, star: field === '*' || field === '?' };
}

export interface CronSchedule {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

/**
 * A schedule as the CronJob controller parses it (robfig/cron v3 ParseStandard: five fields, names,
 * ranges, steps, the @ descriptors; `@every <duration>` as its interval in milliseconds), or the
 * parser's error text, which the API server passes through verbatim.
 */
export function parseCron(spec: string): CronSchedule | { every: number } | string {
  if (spec.length === 0) return 'empty spec string';
  let text = spec;
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const i = text.indexOf(' ');
    // spec[eq+1:i] with no space panics; pkg/util/parsers recovers it into this error.
    if (i === -1) return 'invalid schedule format: runtime error: slice bounds out of range [:-1]';
    const zone = text.slice(text.indexOf('=') + 1, i);
    const error = loadLocation(zone);
    if (error) return `provided bad location ${zone}: ${error}`;
    text = text.slice(i).trim();
  }
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const duration = goDuration(text.slice('@every '.length));
      return typeof duration === 'string' ? `failed to parse duration ${text}: ${duration}` : { every: duration };
    }
    const expanded = DESCRIPTORS[text];
    if (!expanded) return `unrecognized descriptor: ${text}`;
    text = expanded;
  }
  const fields = text.split(/[ \t\n\r\v\f]+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const parsed: Field[] = [];
  for (let i = 0; i < 5; i++) {
    const f = getField(fields[i], BOUNDS[i]);
    if (typeof f === 'string') return f;
    parsed.push(f);
  }
  const [minute, hour, dom, month, dow] = parsed;
  return { minute, hour, dom, month, dow };
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Go's time.ParseDuration, in milliseconds, or its error text (`time: invalid duration "x"`,
 * `time: missing unit in duration "1"`, `time: unknown unit "x" in duration "1x"`).
 */
function goDuration(orig: string): number | string {
  const quote = (s: string): string => `"${s}"`;
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return `time: invalid duration ${quote(orig)}`;
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.' || (m[1] === '' && (m[2] ?? '') === '')) return `time: invalid duration ${quote(orig)}`;
    s = s.slice(m[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') return `time: missing unit in duration ${quote(orig)}`;
    if (!(unit in UNITS)) return `time: unknown unit ${quote(unit)} in duration ${quote(orig)}`;
    s = s.slice(unit.length);
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}0`) * UNITS[unit];
  }
  return neg ? -total : total;
}

/**
 * Go's time.LoadLocation as the API server runs it (with its embedded tzdata): the error text, or
 * undefined for a known zone. Zone names are case-sensitive; the IANA aliases are accepted.
 */
export function loadLocation(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return 'time: invalid location name';
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone ${name}`;
  }
  // ICU ignores case; the tz database does not: a case variant of the canonical name is unknown.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return `unknown time zone ${name}`;
  return undefined;
}

/** The first run strictly after `after` (UTC), searching up to 5 years ahead. */
export function nextRun(schedule: CronSchedule | { every: number }, after: Date): Date | undefined {
  // robfig/cron's ConstantDelaySchedule: the interval, at a whole second.
  if ('every' in schedule) return new Date(Math.floor((after.getTime() + Math.max(schedule.every, 1000)) / 1000) * 1000);
  const t = new Date(Math.floor(after.getTime() / 60000) * 60000 + 60000);
  const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!schedule.month.values.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    const domOk = schedule.dom.values.has(t.getUTCDate());
    const dowOk = schedule.dow.values.has(t.getUTCDay());
    // Both restricted: either matches (cron's rule); otherwise the restricted one decides.
    const dayOk = schedule.dom.star || schedule.dow.star ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!schedule.hour.values.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!schedule.minute.values.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t;
  }
  return undefined;
}
