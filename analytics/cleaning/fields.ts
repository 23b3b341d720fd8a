/**
 * Field readers shared by the per-entity standardizers. Each reader records the rules it
 * applied, or throws a RowRejection naming the column and the reason.
 */
import type { DateFormat } from '../../config/sources';
import { parseAmount } from './amounts';
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
  piiSalt: string;
  asOfYear: number;
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

export function requiredTimestamp(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): Date {
  const text = requiredText(raw, column, rules);
  const parsed = parseTimestamp(text, ctx.dateFormats, ctx.timeZone);
  if (!parsed) throw new RowRejection('invalid_date', column, `${column} "${text}" matches none of ${ctx.dateFormats.join(', ')}`);
  parsed.fixes.forEach((fix) => rules.add(fix));
  return parsed.instant;
}

/** A calendar date (month, birth date): the fields as written, no time zone applied. */
export function requiredCalendarDate(raw: RawRow, column: string, formats: readonly DateFormat[], rules: Set<RuleName>): WallTime {
  const text = requiredText(raw, column, rules);
  const parsed = parseWallTime(text, formats);
  if (!parsed) throw new RowRejection('invalid_date', column, `${column} "${text}" matches none of ${formats.join(', ')}`);
  parsed.fixes.forEach((fix) => rules.add(fix));
  return parsed.wall;
}

export function optionalTimestamp(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): Date | undefined {
  return optionalText(raw, column, rules) === undefined ? undefined : requiredTimestamp(raw, column, ctx, rules);
}

export function requiredAmount(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): number {
  const text = requiredText(raw, column, rules);
  const parsed = parseAmount(text, ctx.amountUnit);
  if (!parsed) throw new RowRejection('invalid_amount', column, `${column} "${text}" is not an amount`);
  parsed.fixes.forEach((fix) => rules.add(fix));
  if (ctx.amountUnit === 'fen') rules.add('fen_to_yuan');
  if (parsed.currency && parsed.currency !== ctx.reportingCurrency) {
    throw new RowRejection('unsupported_currency', column, `${column} "${text}" is in ${parsed.currency}, not ${ctx.reportingCurrency}`);
  }
  return parsed.value;
}

export function optionalNumber(raw: RawRow, column: string, rules: Set<RuleName>, reason: QuarantineReason): number | undefined {
  const text = optionalText(raw, column, rules);
  if (text === undefined) return undefined;
  const parsed = parseAmount(text);
  if (!parsed) throw new RowRejection(reason, column, `${column} "${text}" is not a number`);
  return parsed.value;
}

/** A currency column, when present, must name the reporting currency (RMB/元/¥ count as CNY). */
export function checkCurrency(raw: RawRow, column: string, ctx: CleanContext, rules: Set<RuleName>): void {
  const text = optionalText(raw, column, rules);
  if (text === undefined) return;
  const code = /^(rmb|cny|元|¥|￥|人民币)$/i.test(text) ? 'CNY' : text.toUpperCase();
  if (code !== ctx.reportingCurrency) throw new RowRejection('unsupported_currency', column, `${column} is ${text}, not ${ctx.reportingCurrency}`);
}
