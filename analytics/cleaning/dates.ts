/**
 * Timestamp parsing for mixed-format exports. Each source lists the formats it may use
 * (config/sources.ts DATE_FORMATS), tried in order; naive wall-clock times are read in
 * the source's IANA time zone (analytics/calendar) and returned as UTC instants.
 */
import type { DateFormat } from '../../config/sources';
import { daysInMonth, MS_PER_DAY, utcMillis, zonedToInstant, type CivilTime } from '../calendar';
import { foldFullWidth, hasFullWidth } from './text';

export interface ParsedTimestamp {
  instant: Date;
  format: DateFormat;
  fixes: Array<'fullwidth_digits' | 'date_format'>;
}

export interface WallTime extends CivilTime {
  /** Minutes east of UTC when the text carried an offset. */
  offsetMinutes?: number;
}

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?`;
const PATTERNS: Partial<Record<DateFormat, { re: RegExp; order: ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }>> = {
  iso: { re: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}\s*(Z|[+-]\d{2}:?\d{2})?$`), order: ['y', 'm', 'd'] },
  'yyyy/M/d': { re: new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`), order: ['y', 'm', 'd'] },
  'yyyy.M.d': { re: new RegExp(String.raw`^(\d{4})\.(\d{1,2})\.(\d{1,2})${TIME}$`), order: ['y', 'm', 'd'] },
  yyyyMMdd: { re: new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`), order: ['y', 'm', 'd'] },
  'd/M/yyyy': { re: new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})${TIME}$`), order: ['d', 'm', 'y'] },
  'M/d/yyyy': { re: new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})${TIME}$`), order: ['m', 'd', 'y'] },
};
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[:：时点](\d{1,2})分?(?:[:：](\d{1,2})|(\d{1,2})秒)?)?$/;
const MONTH = /^(\d{4})[-/年](\d{1,2})月?$/;
const EXCEL_SERIAL = /^\d{5}(\.\d+)?$/;

/** A real calendar date and time of day; any year 1–9999 (the date floor, not the parser, refuses the implausible ones). */
function valid(w: WallTime): boolean {
  return (
    w.year >= 1 && w.year <= 9999 && w.month >= 1 && w.month <= 12 && w.day >= 1 &&
    w.day <= daysInMonth(w.year, w.month) && w.hour <= 23 && w.minute <= 59 && w.second <= 59
  );
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function time(h?: string, mi?: string, s?: string): Pick<WallTime, 'hour' | 'minute' | 'second'> {
  return { hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) };
}

function wallTime(text: string, format: DateFormat): WallTime | undefined {
  if (format === 'cn') {
    const m = CHINESE.exec(text);
    return m ? { year: +m[1], month: +m[2], day: +m[3], ...time(m[4], m[5], m[6] ?? m[7]) } : undefined;
  }
  if (format === 'yyyy-MM') {
    const m = MONTH.exec(text);
    return m ? { year: +m[1], month: +m[2], day: 1, hour: 0, minute: 0, second: 0 } : undefined;
  }
  if (format === 'excel-serial') {
    if (!EXCEL_SERIAL.test(text)) return undefined;
    // Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
    const ms = Math.round(Number(text) * MS_PER_DAY) + Date.UTC(1899, 11, 30);
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  const pattern = PATTERNS[format];
  const m = pattern?.re.exec(text);
  if (!pattern || !m) return undefined;
  const parts: Record<'y' | 'm' | 'd', number> = { y: 0, m: 0, d: 0 };
  for (let i = 0; i < 3; i++) parts[pattern.order[i]] = Number(m[i + 1]);
  const w: WallTime = { year: parts.y, month: parts.m, day: parts.d, ...time(m[4], m[5], m[6]) };
  if (format === 'iso' && m[7]) w.offsetMinutes = parseOffset(m[7]);
  return w;
}

/** The calendar fields of `text` read with the first of `formats` that fits (no zone applied). */
export function parseWallTime(text: string, formats: readonly DateFormat[]): { wall: WallTime; format: DateFormat; fixes: ParsedTimestamp['fixes'] } | undefined {
  const fixes: ParsedTimestamp['fixes'] = [];
  let s = text.trim();
  if (hasFullWidth(s)) {
    s = foldFullWidth(s).trim();
    fixes.push('fullwidth_digits');
  }
  for (const format of formats) {
    const wall = wallTime(s, format);
    if (!wall || !valid(wall)) continue;
    if (format !== 'iso' && format !== 'yyyy-MM') fixes.push('date_format');
    return { wall, format, fixes };
  }
  return undefined;
}

/** Parses `text` with the first of `formats` that fits, or returns undefined. */
export function parseTimestamp(text: string, formats: readonly DateFormat[], timeZone: string): ParsedTimestamp | undefined {
  const parsed = parseWallTime(text, formats);
  if (!parsed) return undefined;
  const { wall: w, format, fixes } = parsed;
  const instant = w.offsetMinutes !== undefined
    ? new Date(utcMillis(w.year, w.month, w.day, w.hour, w.minute, w.second) - w.offsetMinutes * 60_000)
    : zonedToInstant(w, timeZone);
  return { instant, format, fixes };
}
