/**
 * How values are written in the exports: timestamps and dates in the styles Chinese
 * systems produce, money with and without currency marks, full-width digits, and the
 * garbage that slips through real exports. Every style names the DATE_FORMATS entry
 * (config/sources.ts) that parses it, so sources.json can list what each source uses.
 */
import { DATE_FORMATS, type DateFormat } from '../../config/sources';
import { civilDate, SECONDS_PER_DAY } from '../../analytics/calendar';

export const TIMESTAMP_STYLES = {
  /** 2024-03-05 10:20:00 */
  iso: 'iso',
  /** 2024-03-05T10:20:00+08:00 */
  iso_offset: 'iso',
  /** 2024/3/5 10:20 */
  slash: 'yyyy/M/d',
  /** 2024年3月5日 10:20 */
  chinese: 'cn',
  /** 05/03/2024 10:20 (day first) */
  day_first: 'd/M/yyyy',
} as const satisfies Record<string, DateFormat>;
export type TimestampStyle = keyof typeof TIMESTAMP_STYLES;

export const DATE_STYLES = {
  /** 1985-03-12 */
  iso: 'iso',
  /** 1985/3/12 */
  slash: 'yyyy/M/d',
  /** 19850312 */
  compact: 'yyyyMMdd',
  /** 1985年3月12日 */
  chinese: 'cn',
} as const satisfies Record<string, DateFormat>;
export type DateStyle = keyof typeof DATE_STYLES;

/** The distinct formats among `used`, in DATE_FORMATS order (the order a parser tries them). */
export function dateFormatsOf(used: Iterable<DateFormat>): DateFormat[] {
  const set = new Set(used);
  return DATE_FORMATS.filter((f) => set.has(f));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A local-seconds timestamp written in `style`. */
export function formatTimestamp(style: TimestampStyle, localSeconds: number): string {
  const epochDay = Math.floor(localSeconds / SECONDS_PER_DAY);
  const { year, month, day } = civilDate(epochDay);
  const sod = localSeconds - epochDay * SECONDS_PER_DAY;
  const hour = Math.floor(sod / 3_600);
  const minute = Math.floor((sod % 3_600) / 60);
  const hm = `${pad2(hour)}:${pad2(minute)}`;
  const hms = `${hm}:${pad2(sod % 60)}`;
  switch (style) {
    case 'iso':
      return `${year}-${pad2(month)}-${pad2(day)} ${hms}`;
    case 'iso_offset':
      return `${year}-${pad2(month)}-${pad2(day)}T${hms}+08:00`;
    case 'slash':
      return `${year}/${month}/${day} ${hour}:${pad2(minute)}`;
    case 'chinese':
      return `${year}年${month}月${day}日 ${hm}`;
    case 'day_first':
      return `${pad2(day)}/${pad2(month)}/${year} ${hm}`;
  }
}

/** A calendar date (epoch day) written in `style`. */
export function formatDate(style: DateStyle, epochDay: number): string {
  const { year, month, day } = civilDate(epochDay);
  switch (style) {
    case 'iso':
      return `${year}-${pad2(month)}-${pad2(day)}`;
    case 'slash':
      return `${year}/${month}/${day}`;
    case 'compact':
      return `${year}${pad2(month)}${pad2(day)}`;
    case 'chinese':
      return `${year}年${month}月${day}日`;
  }
}

/** ASCII digits replaced by full-width ones (１２３). */
export function toFullWidthDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + d.charCodeAt(0) - 48));
}

/** Fen as a plain yuan amount: 129900 → "1299.00", −5990 → "-59.90". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${pad2(cents)}`;
}

/** Fen with thousands separators: 129900 → "1,299.00". */
function formatGrouped(fen: number): string {
  const [whole, cents] = formatYuan(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

export const AMOUNT_STYLES = ['plain', 'yen', 'full_width_yen', 'rmb', 'yuan_suffix', 'full_width_digits'] as const;
export type AmountStyle = (typeof AMOUNT_STYLES)[number];

/** An amount in fen written in `style` (¥ is not in GBK; GBK exports use ￥). */
export function formatAmount(style: AmountStyle, fen: number): string {
  switch (style) {
    case 'plain':
      return formatYuan(fen);
    case 'yen':
      return `¥${formatGrouped(fen)}`;
    case 'full_width_yen':
      return `￥${formatGrouped(fen)}`;
    case 'rmb':
      return `RMB ${formatGrouped(fen)}`;
    case 'yuan_suffix':
      return `${formatGrouped(fen)}元`;
    case 'full_width_digits':
      return toFullWidthDigits(formatYuan(fen));
  }
}

/** Timestamps no parser should accept. */
export const GARBAGE_TIMESTAMPS = ['0000-00-00 00:00:00', '2024-13-45 25:61', 'N/A', '#######', '待定', '1900/0/0'];

/** Amounts no parser should accept. */
export const GARBAGE_AMOUNTS = ['#VALUE!', 'abc', '--', '1.2.3', 'NaN', '待定'];
