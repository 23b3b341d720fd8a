/**
 * Period notation of forecast series (SPEC §9): `YYYY-MM` (month), `YYYY-Www` (ISO 8601
 * week, Monday to Sunday) and `YYYY-MM-DD` (a day, or the first day of a longer period
 * when a series steps by several days, e.g. weeks anchored on a fixed weekday).
 *
 * A period is an integer ordinal per notation, so consecutive periods differ by one step
 * (months and ISO weeks) or by the series' step in days (dates). Days are counted from
 * 1970-01-01 in UTC: no time zone can shift a date.
 */
export type PeriodKind = 'month' | 'week' | 'day';

export interface Period {
  kind: PeriodKind;
  ordinal: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar date (month 1–12); throws on impossible dates. */
export function dayNumber(year: number, month: number, day: number): number {
  const n = Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
  const back = new Date(n * MS_PER_DAY);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new Error(`no such date ${year}-${pad(month)}-${pad(day)}`);
  }
  return n;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO weekday of a day number, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

function pad(v: number, width = 2): string {
  return String(v).padStart(width, '0');
}

/** Monday of ISO week 1 of an ISO year: the week holding 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}

/**
 * Parses one period label; the error message says what is wrong (callers add file/row).
 * @example parsePeriod('2024-W01') // { kind: 'week', ordinal: … } (Monday 2024-01-01)
 */
export function parsePeriod(text: string): Period {
  const s = text.trim();
  let match = /^(\d{4})-(\d{2})$/.exec(s);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) throw new Error(`month ${match[2]} is not 01–12 in '${s}'`);
    return { kind: 'month', ordinal: Number(match[1]) * 12 + month - 1 };
  }
  match = /^(\d{4})-W(\d{2})$/.exec(s);
  if (match) {
    const year = Number(match[1]);
    const week = Number(match[2]);
    const weeks = (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
    if (week < 1 || week > weeks) throw new Error(`week ${match[2]} is not 01–${weeks} in ISO year ${year} ('${s}')`);
    return { kind: 'week', ordinal: (isoWeekOneMonday(year) + 7 * (week - 1) + 3) / 7 };
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) return { kind: 'day', ordinal: dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) };
  throw new Error(`'${s}' is not a period (expected YYYY-MM, YYYY-Www or YYYY-MM-DD)`);
}

/** The label of a period in its own notation (inverse of parsePeriod). */
export function formatPeriod(period: Period): string {
  const { kind, ordinal } = period;
  if (kind === 'month') return `${Math.floor(ordinal / 12)}-${pad((ordinal % 12) + 1)}`;
  if (kind === 'day') return formatDay(ordinal);
  const monday = ordinal * 7 - 3;
  const year = new Date((monday + 3) * MS_PER_DAY).getUTCFullYear(); // the Thursday's year
  return `${year}-W${pad((monday - isoWeekOneMonday(year)) / 7 + 1)}`;
}

/**
 * The days a period covers, [start, end) as day numbers. `stepDays` is the spacing of a
 * date-labelled series (1 for daily, 7 for weeks labelled by their first day).
 */
export function periodDays(period: Period, stepDays = 1): { start: number; end: number } {
  const { kind, ordinal } = period;
  if (kind === 'week') return { start: ordinal * 7 - 3, end: ordinal * 7 + 4 };
  if (kind === 'day') return { start: ordinal, end: ordinal + stepDays };
  const year = Math.floor(ordinal / 12);
  const month = (ordinal % 12) + 1;
  const start = dayNumber(year, month, 1);
  const end = month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1);
  return { start, end };
}

/** Usual season length of a notation: 12 months, 52 weeks, 7 days (52 for weekly dates). */
export function defaultSeason(kind: PeriodKind, stepDays = 1): number {
  if (kind === 'month') return 12;
  if (kind === 'week') return 52;
  return stepDays === 7 ? 52 : stepDays === 1 ? 7 : 1;
}
