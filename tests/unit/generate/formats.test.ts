import { fixZipTimestamps } from '../../../scripts/generate/zipTimestamps';
import { formatAmount, formatDate, formatTimestamp, toFullWidthDigits } from '../../../scripts/generate/formats';
import { parseDay, SECONDS_PER_DAY } from '../../../analytics/calendar';
import { csvField } from '../../../scripts/generate/csvWriter';

const at = parseDay('2024-03-05') * SECONDS_PER_DAY + 10 * 3_600 + 20 * 60 + 7;

describe('formats', () => {
  it.each([
    ['iso', '2024-03-05 10:20:07'],
    ['iso_offset', '2024-03-05T10:20:07+08:00'],
    ['slash', '2024/3/5 10:20'],
    ['chinese', '2024年3月5日 10:20'],
    ['day_first', '05/03/2024 10:20'],
  ] as const)('writes a %s timestamp', (style, expected) => {
    expect(formatTimestamp(style, at)).toBe(expected);
  });

  it.each([
    ['iso', '1985-03-12'], ['slash', '1985/3/12'], ['compact', '19850312'], ['chinese', '1985年3月12日'],
  ] as const)('writes a %s date', (style, expected) => {
    expect(formatDate(style, parseDay('1985-03-12'))).toBe(expected);
  });

  it.each([
    ['plain', 129_900, '1299.00'], ['plain', -5_990, '-59.90'], ['yen', 129_900, '¥1,299.00'], ['full_width_yen', 12_345_678, '￥123,456.78'],
    ['rmb', 129_900, 'RMB 1,299.00'], ['yuan_suffix', 129_900, '1,299.00元'], ['full_width_digits', 129_900, '１２９９.００'],
  ] as const)('writes a %s amount of %d fen as %s', (style, fen, expected) => {
    expect(formatAmount(style, fen)).toBe(expected);
  });

  it('converts digits to full width', () => {
    expect(toFullWidthDigits('138-0013')).toBe('１３８-００１３');
  });

  it('quotes CSV fields only when needed, keeping NULL and empty apart', () => {
    expect([null, '', 'a', 'a,b', 'say "hi"', ' x', 'two\nlines'].map(csvField)).toEqual(['', '""', 'a', '"a,b"', '"say ""hi"""', '" x"', '"two\nlines"']);
  });

  it('rejects a buffer that is not a ZIP archive', () => {
    expect(() => fixZipTimestamps(Buffer.alloc(30), new Date(0))).toThrow(/end-of-central-directory/);
  });
});
