/**
 * The event calendar a forecast sees, in two parts (SPEC §6):
 * - built-in: Chinese public holidays and shopping festivals (holidays.ts), dated for the
 *   years the calendar covers (1901–2100; the shopping festivals from their first year,
 *   2009). Periods outside those years get no built-in events, with a note — never an error;
 * - the user's own events (brand days, promotions, 年货节, a store opening) from a
 *   `date,event[,end_date]` file, Prophet's holidays table without the window columns: an
 *   event lasts from `date` to `end_date` inclusive (one day without it), and every row with
 *   the same `event` name is one more occurrence of that event.
 *
 * Each event becomes one regressor: the share of a period's days inside its windows (0–1),
 * for the observed and the future periods. An event that never falls in the observed
 * periods (nothing to learn its effect from) is left out with a note.
 */
import type { RegularSeries } from './gaps';
import { periodAt } from './gaps';
import { FIRST_FESTIVAL_YEAR, holidayCalendar, HOLIDAY_KEYS, SHOPPING_FESTIVALS } from './holidays';
import { civilDate, formatDay, parseDay, periodDays } from '../calendar';

/** Years the built-in calendar dates (Qingming's solar-term rule holds for 1901–2100). */
export const BUILTIN_YEARS = { from: 1901, to: 2100 } as const;

/** One occurrence of an event: days [start, end) as day numbers. */
export interface EventWindow {
  event: string;
  start: number;
  end: number;
}

/** A user event row: first and last day (inclusive), YYYY-MM-DD. */
export interface UserEvent {
  event: string;
  date: string;
  endDate: string;
}

export interface EventOptions {
  /** The built-in Chinese holidays and shopping festivals. */
  builtin: boolean;
  /** The user's own events. */
  user?: readonly UserEvent[];
}

/** One row of a user's events file, as read (header names lower-cased, values trimmed). */
export type EventRow = Record<string, string | undefined>;

/**
 * Validates the rows of a `date,event[,end_date]` table. Errors name the source, the row
 * (1-based, after the header) and the column at fault.
 * @example parseEventRows([{ date: '2025-03-08', event: 'brand day' }], 'events.csv')[0].endDate // '2025-03-08'
 */
export function parseEventRows(rows: readonly EventRow[], source: string): UserEvent[] {
  return rows.map((row, i) => {
    const where = `${source}: row ${i + 1}`;
    const event = row.event?.trim() ?? '';
    if (!event) throw new Error(`${where}, column "event": is empty`);
    const day = (column: 'date' | 'end_date', text: string) => {
      try {
        return parseDay(text.trim());
      } catch {
        throw new Error(`${where}, column "${column}": '${text}' is not a YYYY-MM-DD date`);
      }
    };
    const date = row.date ?? '';
    const start = day('date', date);
    const endText = row.end_date?.trim() ? row.end_date : undefined;
    const end = endText === undefined ? start : day('end_date', endText);
    if (end < start) throw new Error(`${where}, column "end_date": ${endText} is before the date ${date.trim()}`);
    return { event, date: formatDay(start), endDate: formatDay(end) };
  });
}

const yearOf = (day: number) => civilDate(day).year;

/**
 * Every event window that may touch the days [fromDay, toDay), with notes on what the
 * built-in calendar could not cover. Built-in events are named by their holiday key.
 */
export function eventCalendar(options: EventOptions, fromDay: number, toDay: number): { windows: EventWindow[]; notes: string[] } {
  const windows: EventWindow[] = [];
  const notes: string[] = [];
  if (options.builtin) {
    // One year either side catches windows that straddle New Year (年货节 in January).
    const first = yearOf(fromDay) - 1;
    const last = yearOf(toDay - 1) + 1;
    const from = Math.max(first, BUILTIN_YEARS.from);
    const to = Math.min(last, BUILTIN_YEARS.to);
    if (first + 1 < BUILTIN_YEARS.from || last - 1 > BUILTIN_YEARS.to) {
      const outside = [first + 1 < BUILTIN_YEARS.from ? `${first + 1}–${Math.min(last - 1, BUILTIN_YEARS.from - 1)}` : '', last - 1 > BUILTIN_YEARS.to ? `${Math.max(first + 1, BUILTIN_YEARS.to + 1)}–${last - 1}` : '']
        .filter(Boolean)
        .join(' and ');
      notes.push(`events: the built-in holiday calendar covers ${BUILTIN_YEARS.from}–${BUILTIN_YEARS.to}; periods in ${outside} get no built-in events`);
    }
    for (const h of from <= to ? holidayCalendar(from, to) : []) {
      if (SHOPPING_FESTIVALS.includes(h.key) && h.year < FIRST_FESTIVAL_YEAR) continue;
      windows.push({ event: h.key, start: parseDay(h.start), end: parseDay(h.end) + 1 });
    }
  }
  for (const e of options.user ?? []) {
    const builtinName = (HOLIDAY_KEYS as readonly string[]).includes(e.event);
    // A user event named like a built-in one is its own regressor, not merged with it.
    windows.push({ event: options.builtin && builtinName ? `user:${e.event}` : e.event, start: parseDay(e.date), end: parseDay(e.endDate) + 1 });
  }
  return { windows, notes };
}

/**
 * Share of each period's days inside each event's windows (0–1), one column per event name
 * in first-seen order. `periods` are day ranges [start, end).
 */
export function eventShares(periods: readonly { start: number; end: number }[], windows: readonly EventWindow[]): { names: string[]; values: number[][] } {
  const names = [...new Set(windows.map((w) => w.event))];
  const column = new Map(names.map((name, i) => [name, i]));
  const values = periods.map(({ start, end }) => {
    const row = new Array<number>(names.length).fill(0);
    for (const w of windows) {
      const overlap = Math.min(end, w.end) - Math.max(start, w.start);
      if (overlap > 0) row[column.get(w.event) as number] += overlap / (end - start);
    }
    return row;
  });
  return { names, values };
}

/** Event regressors of a series: one row per observation, then one per forecast step (n + h rows). */
export interface EventTable {
  names: string[];
  rows: number[][];
}

/** How a date-labelled weekly series' dates relate to its weeks. */
export type WeekDates = 'ending' | 'starting';

/** The days a series' k-th period covers: weeks given as dates end on (or start at) that date. */
export function seriesPeriodDays(series: Pick<RegularSeries, 'kind' | 'start' | 'step'>, k: number, weekDates: WeekDates = 'ending'): { start: number; end: number } {
  const period = periodAt(series, k);
  if (series.kind === 'day' && series.step > 1 && weekDates === 'ending') {
    return { start: period.ordinal - series.step + 1, end: period.ordinal + 1 };
  }
  return periodDays(period, series.step);
}

/**
 * The event regressors of a regular series for its n observed and h future periods. Events
 * that never touch an observed period are dropped (no history to learn from), with a note.
 * Returns no table when no event is left.
 */
export function eventTable(
  series: Pick<RegularSeries, 'kind' | 'start' | 'step' | 'values'>,
  h: number,
  options: EventOptions,
  weekDates: WeekDates = 'ending',
): { table?: EventTable; notes: string[] } {
  const n = series.values.length;
  const days = Array.from({ length: n + h }, (_, k) => seriesPeriodDays(series, k, weekDates));
  const { windows, notes } = eventCalendar(options, days[0].start, days[days.length - 1].end);
  const { names, values } = eventShares(days, windows);
  const kept = names.map((_, j) => j).filter((j) => values.slice(0, n).some((row) => row[j] > 0));
  const unseen = names.filter((_, j) => !kept.includes(j));
  if (unseen.length > 0) notes.push(`events: ${unseen.join(', ')} not in the observed periods; left out`);
  if (kept.length === 0) return { notes };
  return { table: { names: kept.map((j) => names[j]), rows: values.map((row) => kept.map((j) => row[j])) }, notes };
}
