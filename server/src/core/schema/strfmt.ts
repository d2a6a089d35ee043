/**
 * kube-openapi's string formats (k8s.io/kube-openapi/pkg/validation/strfmt: default.go, date.go,
 * time.go, and the govalidator patterns it carries) as `strfmt.Default.Validates` checks them.
 */
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
/** DateTimePattern; Go's `.` is any character but \n. */
const DATE_TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})([^\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;

/** IsUUID. */
export const isUUID = (s: string): boolean => UUID.test(s);

/** govalidator.IsBase64. */
export const isBase64 = (s: string): boolean => BASE64.test(s);

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** IsDate: time.Parse("2006-01-02", s). */
export function isDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeap(year) ? 29 : DAYS[month - 1]);
}

/** strings.ToLower: Go maps U+0130 to a lone 'i' (simple case mapping). */
const goToLower = (s: string): string => s.replace(/\u0130/g, 'i').toLowerCase();

/** IsDateTime: the date before the first 't' (case-insensitively), a time of day after it. */
export function isDateTime(s: string): boolean {
  if (Buffer.byteLength(s, 'utf8') < 4) return false;
  const parts = goToLower(s).split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = DATE_TIME.exec(parts[1]);
  return !!m && m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}
