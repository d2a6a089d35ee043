/**
 * Standard cron schedules (5 fields, names, ranges, steps, the @ macros), evaluated in UTC: when a
 * CronJob runs next (the parser the CronJob controller uses is robfig/cron, standard mode).
 */

const MACROS: Record<string, string> = {
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

interface Field {
  values: Set<number>;
  /** `*` or `?` (matters for day-of-month vs day-of-week). */
  star: boolean;
}

function parseField(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Field | string {
  const values = new Set<number>();
  const value = (s: string): number => {
    const i = names.indexOf(s.toLowerCase());
    return i >= 0 ? i + nameBase : Number(s);
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return `invalid step in "${part}"`;
    let lo: number, hi: number;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else if (range.includes('-')) [lo, hi] = range.split('-').map(value) as [number, number];
    else [lo, hi] = [value(range), stepText === undefined ? value(range) : max];
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi) return `value out of range in "${part}"`;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, star: text === '*' || text === '?' };
}

export interface CronSchedule {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

/** A parsed schedule, or an error text. */
export function parseCron(text: string): CronSchedule | string {
  const expanded = MACROS[text.trim()] ?? text.trim();
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: ${text}`;
  const fields = [parseField(parts[0], 0, 59), parseField(parts[1], 0, 23), parseField(parts[2], 1, 31), parseField(parts[3], 1, 12, MONTHS, 1), parseField(parts[4], 0, 7, DAYS)];
  const bad = fields.find((f): f is string => typeof f === 'string');
  if (bad) return bad;
  const [minute, hour, dom, month, dow] = fields as Field[];
  if (dow.values.has(7)) dow.values.add(0);
  return { minute, hour, dom, month, dow };
}

/** The first run strictly after `after` (UTC), searching up to 5 years ahead. */
export function nextRun(schedule: CronSchedule, after: Date): Date | undefined {
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
