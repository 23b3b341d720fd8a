/**
 * Money parsing: currency symbols and words (¥ ￥ RMB CNY 元 人民币), thousands separators,
 * full-width digits, accounting negatives "(12.50)", sources that count in 分 (fen) and sources
 * that write a decimal comma. One definition for the clean stage and the offline commands.
 */
import { foldFullWidth, hasFullWidth } from './text';

export type AmountFix = 'fullwidth_digits' | 'currency_symbol' | 'thousands_separator';

export interface ParsedAmount {
  value: number;
  /** ISO code when the text named one (¥/元/RMB → CNY, $ → USD …). */
  currency?: string;
  fixes: AmountFix[];
}

/** Tried in order: HK$ before $. */
const CURRENCY_MARKERS: Array<[RegExp, string]> = [
  [/人民币|RMB|CNY|元|[¥￥]/gi, 'CNY'],
  [/HKD|HK\$/gi, 'HKD'],
  [/USD|US\$|\$/gi, 'USD'],
  [/EUR|€/gi, 'EUR'],
];

/** The common case, a plain decimal, skips every rule below. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Largest amount taken, in yuan (the clean tables hold 12 integer digits; orders sum lines). */
export const MAX_AMOUNT = 1e10;

/** Digits with a decimal point and optional comma-grouped thousands (`1234.5`, `1,234.50`, `.5`). */
const DECIMAL_POINT = /^(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?$/;
/** The same for sources that declare a decimal comma (`1234,5`, `1.234,50`, `,5`). */
const DECIMAL_COMMA = /^(\d{1,3}(?:\.\d{3})+|\d*)(,\d+)?$/;

export interface AmountOptions {
  /** `fen` sources count in 1/100 yuan: whole numbers, converted to yuan. */
  unit?: 'yuan' | 'fen';
  /** The source writes `1.234,50`: a comma before the decimals, points between thousands. */
  decimalComma?: boolean;
}

function toUnit(value: number, unit: 'yuan' | 'fen'): number {
  return Math.round((unit === 'fen' ? value / 100 : value) * 100) / 100;
}

function checked(value: number, unit: 'yuan' | 'fen', currency: string | undefined, fixes: AmountFix[]): ParsedAmount | undefined {
  if (unit === 'fen' && !Number.isInteger(value)) return undefined;
  const yuan = toUnit(value, unit);
  return Math.abs(yuan) > MAX_AMOUNT ? undefined : { value: yuan, currency, fixes };
}

/**
 * Parses an amount, or returns undefined when the text is not one. Taken: `1234.5`, `1,234.50`,
 * `¥1,234.50`, `RMB 1,234.50`, `1234.50元`, full-width digits, accounting negatives `(12.50)` and
 * trailing minus `12.50-`; with `decimalComma`, `1.234,50` and `12,5`. Refused as ambiguous or not
 * money: `12,5` and `1.234,50` in a decimal-point source, digits split by spaces, exponents, hex,
 * `Infinity`, fractions of a fen, more than MAX_AMOUNT yuan. Kept to the fen.
 */
export function parseAmount(text: string, options: AmountOptions = {}): ParsedAmount | undefined {
  const unit = options.unit ?? 'yuan';
  if (!options.decimalComma && PLAIN_NUMBER.test(text)) return checked(Number(text), unit, undefined, []);
  const parsed = readNumber(text, options.decimalComma ?? false);
  return parsed && checked(parsed.value, unit, parsed.currency, parsed.fixes);
}

/** A number in the same notation without a currency (a quantity, a series value), not rounded. */
export function parseDecimal(text: string, options: Pick<AmountOptions, 'decimalComma'> = {}): number | undefined {
  if (!options.decimalComma && PLAIN_NUMBER.test(text)) return Number(text);
  const parsed = readNumber(text, options.decimalComma ?? false);
  return parsed && !parsed.currency ? parsed.value : undefined;
}

/** The notation rules shared by amounts and plain numbers: the value as written, its currency marker and the fixes applied. */
function readNumber(text: string, decimalComma: boolean): ParsedAmount | undefined {
  const fixes: AmountFix[] = [];
  let s = text;
  if (hasFullWidth(s)) {
    s = foldFullWidth(s);
    fixes.push('fullwidth_digits');
  }
  s = s.trim();
  let currency: string | undefined;
  for (const [pattern, code] of CURRENCY_MARKERS) {
    if (pattern.test(s)) {
      currency ??= code;
      s = s.replace(pattern, ' ');
      pattern.lastIndex = 0;
    }
  }
  if (currency) fixes.push('currency_symbol');
  s = s.trim();
  let negative = false;
  const accounting = /^\((.*)\)$/.exec(s);
  if (accounting) {
    negative = true;
    s = accounting[1].trim();
  }
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  const sign = /^[-+]\s*/.exec(s);
  if (sign) {
    if (sign[0][0] === '-') negative = !negative;
    s = s.slice(sign[0].length);
  }
  const m = (decimalComma ? DECIMAL_COMMA : DECIMAL_POINT).exec(s);
  if (!m || (m[1] === '' && m[2] === undefined)) return undefined;
  const group = decimalComma ? /\./g : /,/g;
  if (group.test(m[1])) fixes.push('thousands_separator');
  const value = Number(m[1].replace(group, '') + (m[2] ? `.${m[2].slice(1)}` : ''));
  return { value: negative ? -value : value, currency, fixes };
}
