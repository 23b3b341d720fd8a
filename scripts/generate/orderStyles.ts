/**
 * How each order source writes its timestamps and amounts, with the share of rows in each
 * style: the online database mostly ISO with some slash, Chinese and day-first times; the
 * store's Excel-born export mostly `2024/3/5 10:20`. A few amounts carry currency marks or
 * full-width digits in both.
 */
import type { DateFormat } from '../../config/sources';
import { TIMESTAMP_STYLES, dateFormatsOf, type AmountStyle, type TimestampStyle } from './formats';

export interface SourceStyles {
  timestamps: readonly (readonly [TimestampStyle, number])[];
  amounts: readonly (readonly [AmountStyle, number])[];
}

export const ONLINE_STYLES: SourceStyles = {
  timestamps: [['iso', 0.72], ['iso_offset', 0.08], ['slash', 0.1], ['chinese', 0.05], ['day_first', 0.05]],
  amounts: [['plain', 0.93], ['yen', 0.017], ['rmb', 0.017], ['yuan_suffix', 0.016], ['full_width_digits', 0.02]],
};

/** GBK has no ¥, so the store export writes ￥. */
export const STORE_STYLES: SourceStyles = {
  timestamps: [['slash', 0.8], ['chinese', 0.1], ['iso', 0.1]],
  amounts: [['plain', 0.93], ['full_width_yen', 0.025], ['yuan_suffix', 0.025], ['full_width_digits', 0.02]],
};

/** Formats of the order (and return) times of a source, for sources.json. */
export function orderDateFormats(styles: SourceStyles): DateFormat[] {
  return dateFormatsOf(styles.timestamps.map(([style]) => TIMESTAMP_STYLES[style]));
}

/** The fault kind an amount style counts as, if any. */
export function amountMess(style: AmountStyle): 'full_width_digits' | 'currency_format' | undefined {
  if (style === 'plain') return undefined;
  return style === 'full_width_digits' ? 'full_width_digits' : 'currency_format';
}
