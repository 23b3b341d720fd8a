/**
 * Money parsing: currency symbols and words (¥ ￥ RMB CNY 元 人民币), thousands separators,
 * full-width digits, accounting negatives "(12.50)", and sources that count in 分 (fen).
 */
import { foldFullWidth, hasFullWidth } from './text';

export type AmountFix = 'fullwidth_digits' | 'currency_symbol' | 'thousands_separator';

export interface ParsedAmount {
  value: number;
  /** ISO code when the text named one (¥/元/RMB → CNY, $ → USD …). */
  currency?: string;
  fixes: AmountFix[];
}

const CURRENCY_MARKERS: Array<[RegExp, string]> = [
  [/人民币|RMB|CNY|元|[¥￥]/gi, 'CNY'],
  [/USD|US\$|\$/gi, 'USD'],
  [/EUR|€/gi, 'EUR'],
  [/HKD|HK\$/gi, 'HKD'],
];

/** The common case, a plain decimal, skips every rule below. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function toUnit(value: number, unit: 'yuan' | 'fen'): number {
  return Math.round((unit === 'fen' ? value / 100 : value) * 100) / 100;
}

/** Parses an amount, or returns undefined when the text is not a number. */
export function parseAmount(text: string, unit: 'yuan' | 'fen' = 'yuan'): ParsedAmount | undefined {
  if (PLAIN_NUMBER.test(text)) return { value: toUnit(Number(text), unit), fixes: [] };
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
      s = s.replace(pattern, '');
      pattern.lastIndex = 0;
    }
  }
  if (currency) fixes.push('currency_symbol');
  s = s.replace(/\s+/g, '');
  let negative = false;
  const accounting = /^\((.*)\)$/.exec(s);
  if (accounting) {
    negative = true;
    s = accounting[1];
  }
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    s = s.replace(/,/g, '');
    fixes.push('thousands_separator');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const value = Number(s);
  return { value: toUnit(negative ? -value : value, unit), currency, fixes };
}
