/**
 * Field readers shared by the per-entity standardizers. Each reader records the rules it
 * applied, or throws a RowRejection naming the column and the reason.
 */
import type { DateFormat, SourceConfig, SourceSpec } from '../../config/sources';
import { parseAmount, parseDecimal } from './amounts';
import { parseDay, startOfLocalDay } from '../calendar';
import { parseTimestamp, parseWallTime, type WallTime } from './dates';
import type { QuarantineReason, RuleName } from './rules';
import { cleanText, hasFullWidth } from './text';

export type RawRow = Record<string, string | undefined>;

export interface CleanContext {
  dateFormats: readonly DateFormat[];
  timeZone: string;
  /** ISO code every amount must be in (others are quarantined, never converted blindly). */
  reportingCurrency: string;
  amountUnit: 'yuan' | 'fen';
  /** The source writes `1.234,50`. */
  decimalComma: boolean;
  piiSalt: string;
  asOfYear: number;
  /** The as-of day, YYYY-MM-DD; rows dated after it are rejected (undefined: no limit). */
  asOf?: string;
  /** The first instant after the as-of day in `timeZone`. */
  cutoff?: Date;
  /** Earliest date taken, YYYY-MM-DD, and its first instant in `timeZone`. */
  dateFloor: string;
  floor: Date;
}

/**
 * The context one source's rows are cleaned in: the source's formats and zone, the config's
 * currency and date floor, and the run's as-of day with the source's cutoff (the run context's
 * `sourceCutoff`: the end of the as-of day in the source's zone).
 */
export function cleanContext(input: {
  source: Pick<SourceSpec, 'dateFormats' | 'timezone' | 'amountUnit' | 'decimalSeparator'>;
  config: Pick<SourceConfig, 'timezone' | 'currency' | 'dateFloor'>;
  asOf?: { day: string; cutoff: string };
  piiSalt: string;
}): CleanContext {
  const { source, config } = input;
  const timeZone = source.timezone ?? config.timezone;
  const asOf = input.asOf?.day;
  return {
    dateFormats: source.dateFormats,
    timeZone,
    reportingCurrency: config.currency,
    amountUnit: source.amountUnit,
    decimalComma: source.decimalSeparator === ',',
    piiSalt: input.piiSalt,
    asOfYear: asOf ? Number(asOf.slice(0, 4)) : new Date().getUTCFullYear(),
    asOf,
    cutoff: input.asOf && new Date(input.asOf.cutoff),
    dateFloor: config.dateFloor,
    floor: startOfLocalDay(parseDay(config.dateFloor), timeZone),
  };
}

export class RowRejection extends Error {
  constructor(readonly reason: QuarantineReason, readonly column: string | undefined, detail: string) {
    super(detail);
  }
}

export type Standardized<T> =
  | { ok: true; row: T; rules: RuleName[] }
  | { ok: false; reason: QuarantineReason; column?: string; detail: string; rules: RuleName[] };

/** Runs a standardizer, turning a RowRejection into a quarantine result. */
export function standardizeWith<T>(build: (rules: Set<RuleName>) => T): Standardized<T> {
  const rules = new Set<RuleName>();
  try {
    const row = build(rules);
    return { ok: true, row, rules: [...rules] };
  } catch (error) {
    if (error instanceof RowRejection) return { ok: false, reason: error.reason, column: error.column, detail: error.message, rules: [...rules] };
    throw error;
  }
}

export function optionalText(raw: RawRow, column: string, rules: Set<RuleName>): string | undefined {
  const value = raw[column];
  if (value !== undefined && hasFullWidth(value)) rules.add('fullwidth_digits');
  return cleanText(value);
}

export function requiredText(raw: RawRow, column: string, rules: Set<RuleName>, reason: QuarantineReason = 'missing_required'): string {
  const value = optionalText(raw, column, rules);
  if (value === undefined) throw new RowRejection(reason, column, `${column} is empty`);
  return value;
}

/** A timestamp in the source's formats and zone, on or after the date floor and before the end of the as-of day. */
export function requiredTimestamp(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): Date {
  const text = requiredText(raw, column, rules);
  const parsed = parseTimestamp(text, ctx.dateFormats, ctx.timeZone);
  if (!parsed) throw new RowRejection('invalid_date', column, `${column} "${text}" matches none of ${ctx.dateFormats.join(', ')}`);
  if (parsed.instant < ctx.floor) throw new RowRejection('date_before_floor', column, `${column} "${text}" is before the date floor ${ctx.dateFloor}`);
  if (ctx.cutoff && parsed.instant >= ctx.cutoff) throw new RowRejection('date_after_as_of', column, `${column} "${text}" is after the as-of date ${ctx.asOf}`);
  parsed.fixes.forEach((fix) => rules.add(fix));
  return parsed.instant;
}

/** A calendar month (marketing spend): the fields as written, no time zone applied; not before the date floor, not after the as-of month. */
export function requiredCalendarDate(raw: RawRow, column: string, formats: readonly DateFormat[], ctx: CleanContext, rules: Set<RuleName>): WallTime {
  const text = requiredText(raw, column, rules);
  const parsed = parseWallTime(text, formats);
  if (!parsed) throw new RowRejection('invalid_date', column, `${column} "${text}" matches none of ${formats.join(', ')}`);
  const { year, month, day } = parsed.wall;
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (date < ctx.dateFloor) throw new RowRejection('date_before_floor', column, `${column} "${text}" is before the date floor ${ctx.dateFloor}`);
  if (ctx.asOf && date.slice(0, 7) > ctx.asOf.slice(0, 7)) throw new RowRejection('date_after_as_of', column, `${column} "${text}" is after the as-of date ${ctx.asOf}`);
  parsed.fixes.forEach((fix) => rules.add(fix));
  return parsed.wall;
}

export function optionalTimestamp(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): Date | undefined {
  return optionalText(raw, column, rules) === undefined ? undefined : requiredTimestamp(raw, column, ctx, rules);
}

export function requiredAmount(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): number {
  const text = requiredText(raw, column, rules);
  const parsed = parseAmount(text, { unit: ctx.amountUnit, decimalComma: ctx.decimalComma });
  if (!parsed) throw new RowRejection('invalid_amount', column, `${column} "${text}" is not an amount${ctx.decimalComma ? ' with a decimal comma' : ''}${ctx.amountUnit === 'fen' ? ' in whole fen' : ''}`);
  parsed.fixes.forEach((fix) => rules.add(fix));
  if (ctx.amountUnit === 'fen') rules.add('fen_to_yuan');
  if (parsed.currency && parsed.currency !== ctx.reportingCurrency) {
    throw new RowRejection('unsupported_currency', column, `${column} "${text}" is in ${parsed.currency}, not ${ctx.reportingCurrency}`);
  }
  return parsed.value;
}

/** Bounds of a number column: whole numbers (counts, line numbers) and the range the clean tables hold. */
export interface NumberBounds {
  integer?: boolean;
  min: number;
  max: number;
}

/** Counts and line numbers: whole, fit a PostgreSQL integer. */
export const COUNT_BOUNDS: NumberBounds = { integer: true, min: 0, max: 2 ** 31 - 1 };
/** Quantities: signed (returns), three decimals kept. */
export const QUANTITY_BOUNDS: NumberBounds = { min: -1e9, max: 1e9 };

/** A number in the source's notation (thousands separators, decimal comma, full-width digits), within `bounds`. */
export function optionalNumber(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>, reason: QuarantineReason, bounds: NumberBounds): number | undefined {
  const text = optionalText(raw, column, rules);
  if (text === undefined) return undefined;
  const value = parseDecimal(text, { decimalComma: ctx.decimalComma });
  if (value === undefined) throw new RowRejection(reason, column, `${column} "${text}" is not a number`);
  if ((bounds.integer && !Number.isInteger(value)) || value < bounds.min || value > bounds.max) {
    throw new RowRejection(reason, column, `${column} "${text}" is not ${bounds.integer ? 'a whole number' : 'a number'} in ${bounds.min}–${bounds.max}`);
  }
  return value;
}

/** A currency column, when present, must name the reporting currency (RMB/元/¥ count as CNY). */
export function checkCurrency(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): void {
  const text = optionalText(raw, column, rules);
  if (text === undefined) return;
  const code = /^(rmb|cny|元|¥|￥|人民币)$/i.test(text) ? 'CNY' : text.toUpperCase();
  if (code !== ctx.reportingCurrency) throw new RowRejection('unsupported_currency', column, `${column} is ${text}, not ${ctx.reportingCurrency}`);
}
