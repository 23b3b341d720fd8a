import { parseAmount } from '../../../analytics/cleaning/amounts';
import { ageBand, generation, lineKind, normalizeChannel, normalizeGender, normalizePhone } from '../../../analytics/cleaning/codes';
import { parseTimestamp } from '../../../analytics/cleaning/dates';
import { standardizeCustomer } from '../../../analytics/cleaning/customers';
import { cleanContext, type CleanContext } from '../../../analytics/cleaning/fields';
import { standardizeMarketingSpend } from '../../../analytics/cleaning/marketingSpend';
import { standardizeOrderLine } from '../../../analytics/cleaning/orderLines';
import { maskPiiInText, pseudonymize, pseudonymizePii } from '../../../analytics/cleaning/pii';
import { standardizeSurveyResponse } from '../../../analytics/cleaning/surveyResponses';
import { cleanText, foldFullWidth } from '../../../analytics/cleaning/text';

const ctx: CleanContext = cleanContext({
  source: { dateFormats: ['iso', 'yyyy/M/d', 'cn', 'd/M/yyyy'], timezone: undefined, amountUnit: 'yuan', decimalSeparator: '.' },
  config: { timezone: 'Asia/Shanghai', currency: 'CNY', dateFloor: '1900-01-01' },
  asOf: { day: '2026-12-31', cutoff: '2026-12-31T16:00:00.000Z' }, // midnight in Shanghai
  piiSalt: 'test-salt-123',
});

describe('text and amounts', () => {
  it('folds full-width digits and punctuation', () => {
    expect(foldFullWidth('１２３，４５６．７８')).toBe('123,456.78');
  });
  it('reads the null markers, folded and trimmed, as empty and keeps longer text that starts like one', () => {
    expect(['', '  ', 'NULL', ' n/a ', 'ＮｕＬＬ', 'None', '-', '—', '无', '空', 'NaN', '\u3000'].map(cleanText)).toEqual(Array(12).fill(undefined));
    expect(['nulls', 'none yet', '--', 'Ｎｏｎｅ1', ' ａｂ '].map(cleanText)).toEqual(['nulls', 'none yet', '--', 'None1', 'ab']);
  });
  it.each([
    ['¥1,299.00', 1299, ['currency_symbol', 'thousands_separator']],
    ['RMB 1,299', 1299, ['currency_symbol', 'thousands_separator']],
    ['1,299元', 1299, ['currency_symbol', 'thousands_separator']],
    ['￥１２９９', 1299, ['fullwidth_digits', 'currency_symbol']],
    ['(12.50)', -12.5, []],
    ['-88', -88, []],
    ['1,2', undefined, undefined],
    ['abc', undefined, undefined],
  ])('parseAmount(%s)', (text, value, fixes) => {
    const parsed = parseAmount(text);
    expect(parsed?.value).toBe(value);
    if (fixes) expect(parsed?.fixes).toEqual(fixes);
  });
  it('converts fen to yuan', () => {
    expect(parseAmount('129900', { unit: 'fen' })?.value).toBe(1299);
  });
  it.each([
    // The documented formats.
    ['1234.5', {}, 1234.5],
    ['1,234.50', {}, 1234.5],
    ['¥1,234.50', {}, 1234.5],
    ['1234.50元', {}, 1234.5],
    ['１２３４．５０', {}, 1234.5],
    ['HK$100', {}, 100],
    ['12.50-', {}, -12.5],
    ['.5', {}, 0.5],
    ['123450', { unit: 'fen' as const }, 1234.5],
    // A decimal comma only where the source declares one.
    ['1.234,50', { decimalComma: true }, 1234.5],
    ['12,5', { decimalComma: true }, 12.5],
    // Ambiguous or not money: refused, never guessed.
    ['12,5', {}, undefined],
    ['1.234,50', {}, undefined],
    ['1,234.50', { decimalComma: true }, undefined],
    ['0x10', {}, undefined],
    ['Infinity', {}, undefined],
    ['1e5', {}, undefined],
    ['1 234.50', {}, undefined],
    ['12元34', {}, undefined],
    ['1299.5', { unit: 'fen' as const }, undefined],
    ['20000000000', {}, undefined],
  ])('parseAmount(%s, %o) = %s', (text, options, value) => {
    expect(parseAmount(text, options)?.value).toBe(value);
  });
  it('names the currency a marker gives, HK$ before $', () => {
    expect(parseAmount('HK$100')?.currency).toBe('HKD');
    expect(parseAmount('$100')?.currency).toBe('USD');
  });
});

describe('dates', () => {
  const shanghai = (iso: string) => new Date(iso).toISOString();
  it.each([
    ['2024-03-05 10:20:00', '2024-03-05T02:20:00.000Z'],
    ['2024/3/5 10:20', '2024-03-05T02:20:00.000Z'],
    ['2024年3月5日 10:20', '2024-03-05T02:20:00.000Z'],
    ['２０２４年３月５日', '2024-03-04T16:00:00.000Z'],
    ['05/03/2024 10:20', '2024-03-05T02:20:00.000Z'],
    ['2024-03-05T10:20:00+00:00', '2024-03-05T10:20:00.000Z'],
  ])('reads %s in Asia/Shanghai', (text, expected) => {
    expect(parseTimestamp(text, ctx.dateFormats, ctx.timeZone)?.instant.toISOString()).toBe(shanghai(expected));
  });
  it('rejects impossible dates rather than rolling them over', () => {
    expect(parseTimestamp('2023-02-29', ['iso'], 'UTC')).toBeUndefined();
    expect(parseTimestamp('31/02/2024', ['d/M/yyyy'], 'UTC')).toBeUndefined();
  });
  it('applies daylight saving in zones that have it', () => {
    expect(parseTimestamp('2024-07-01 12:00', ['iso'], 'Europe/Berlin')?.instant.toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(parseTimestamp('2024-01-01 12:00', ['iso'], 'Europe/Berlin')?.instant.toISOString()).toBe('2024-01-01T11:00:00.000Z');
  });
  it('reads years before 100 as written (Date.UTC would take 0001 for 1901)', () => {
    expect(parseTimestamp('0001-01-01', ['iso'], 'UTC')?.instant.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(parseTimestamp('0004-02-29', ['iso'], 'UTC')?.instant.toISOString()).toBe('0004-02-29T00:00:00.000Z');
    expect(parseTimestamp('0005-02-29', ['iso'], 'UTC')).toBeUndefined();
  });
});

describe('codes', () => {
  it.each([['男', 'M'], ['女', 'F'], ['M', 'M'], ['f', 'F'], ['1', 'M'], ['0', 'F'], ['', 'unknown'], ['x', 'unknown']])('gender %s', (t, g) => {
    expect(normalizeGender(t)).toBe(g);
  });
  it('channels', () => {
    expect(normalizeChannel('小程序')).toBe('mini_program');
    expect(normalizeChannel('APP')).toBe('app');
    expect(normalizeChannel('门店')).toBe('store');
    expect(normalizeChannel('fax')).toBeUndefined();
  });
  it('phones', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('13800138000')).toBe('13800138000');
    expect(normalizePhone('12345')).toBeUndefined();
  });
  it('line kinds', () => {
    expect(lineKind('退货', 10)).toBe('return');
    expect(lineKind(undefined, -5)).toBe('return');
    expect(lineKind('cancelled', 5)).toBe('cancelled');
    expect(lineKind('paid', 5)).toBe('sale');
  });
  it('age bands and generations', () => {
    expect(ageBand(1990, 2026)).toBe('35-44');
    expect(ageBand(2015, 2026)).toBe('unknown');
    expect(generation(1995)).toBe('90s');
    expect(generation(2003)).toBe('00s');
  });
  it('pseudonymizes stably with the salt, differently without it', () => {
    expect(pseudonymize('13800138000', 'salt-a-123')).toBe(pseudonymize(' 13800138000 ', 'salt-a-123'));
    expect(pseudonymize('13800138000', 'salt-a-123')).not.toBe(pseudonymize('13800138000', 'salt-b-123'));
  });
});

describe('order lines', () => {
  const base = { order_id: 'O1', line_no: '1', customer_id: 'C1', ordered_at: '2024/3/5 10:20', amount: '¥1,299.00', channel: '小程序', quantity: '１' };
  it('standardizes a messy sale and records every fix', () => {
    const result = standardizeOrderLine(base, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({ orderId: 'O1', customerId: 'C1', amount: 1299, quantity: 1, channel: 'mini_program', kind: 'sale' });
    expect(result.row.orderedAt.toISOString()).toBe('2024-03-05T02:20:00.000Z');
    expect(result.rules.sort()).toEqual(['channel_alias', 'currency_symbol', 'date_format', 'fullwidth_digits', 'thousands_separator']);
  });
  it('takes the first and the last instant of the window (floor 1900-01-01 and as-of 2026-12-31, Asia/Shanghai)', () => {
    expect(standardizeOrderLine({ ...base, ordered_at: '1900-01-01 00:00' }, ctx).ok).toBe(true);
    expect(standardizeOrderLine({ ...base, ordered_at: '2026-12-31 23:59:59' }, ctx).ok).toBe(true);
  });
  it('reads a decimal comma where the source declares one', () => {
    const commaCtx = cleanContext({ source: { dateFormats: ['iso'], timezone: undefined, amountUnit: 'yuan', decimalSeparator: ',' }, config: { timezone: 'UTC', currency: 'CNY', dateFloor: '1900-01-01' }, asOf: { day: '2026-12-31', cutoff: '2027-01-01T00:00:00.000Z' }, piiSalt: 'x' });
    expect(standardizeOrderLine({ ...base, ordered_at: '2024-03-05', amount: '1.299,50', quantity: '1,5' }, commaCtx)).toMatchObject({ ok: true, row: { amount: 1299.5, quantity: 1.5 } });
  });
  it('makes each line of a source without order ids an order of its own, named by source and row', () => {
    const columns = { customer_id: 'customer_id', date: 'ordered_at', amount: 'amount' } as const;
    const perLine = cleanContext({ source: { name: 'cdnow', columns, dateFormats: ['yyyy/M/d'], timezone: undefined, amountUnit: 'yuan', decimalSeparator: '.' }, config: { timezone: 'UTC', currency: 'CNY', dateFloor: '1900-01-01' }, asOf: { day: '2026-12-31', cutoff: '2027-01-01T00:00:00.000Z' }, piiSalt: 'x' });
    const { order_id: _orderId, ...line } = base;
    const result = standardizeOrderLine(line, perLine, 7);
    expect(result.ok && result.row.orderId).toBe('cdnow#7');
    expect(result.ok && result.rules).toContain('order_per_line');
    expect(() => standardizeOrderLine(line, perLine)).toThrow(/source cdnow has no order ids/);
    // A source that maps order_id keeps its ids, and a line without one is set aside.
    const mapped = cleanContext({ source: { name: 'shop', columns: { ...columns, order_id: 'order_id' }, dateFormats: ['yyyy/M/d'], timezone: undefined, amountUnit: 'yuan', decimalSeparator: '.' }, config: { timezone: 'UTC', currency: 'CNY', dateFloor: '1900-01-01' }, asOf: { day: '2026-12-31', cutoff: '2027-01-01T00:00:00.000Z' }, piiSalt: 'x' });
    expect(standardizeOrderLine(line, mapped, 7)).toMatchObject({ ok: false, column: 'order_id' });
  });
  it('stores returns negative whatever sign the export used', () => {
    const result = standardizeOrderLine({ ...base, amount: '1299', status: 'returned' }, ctx);
    expect(result.ok && result.row).toMatchObject({ amount: -1299, quantity: -1, kind: 'return' });
  });
  it.each([
    [{ customer_id: ' ' }, 'missing_customer_id', 'customer_id'],
    [{ ordered_at: '2024-13-45' }, 'invalid_date', 'ordered_at'],
    [{ amount: 'twelve' }, 'invalid_amount', 'amount'],
    [{ amount: 'USD 12' }, 'unsupported_currency', 'amount'],
    [{ channel: 'telegraph' }, 'unknown_channel', 'channel'],
    [{ ordered_at: '0001-01-01' }, 'date_before_floor', 'ordered_at'],
    [{ ordered_at: '1899-12-31 23:59' }, 'date_before_floor', 'ordered_at'],
    [{ ordered_at: '2027-01-01 00:00' }, 'date_after_as_of', 'ordered_at'],
    [{ amount: '1,234.5,0' }, 'invalid_amount', 'amount'],
    [{ quantity: '1e12' }, 'invalid_quantity', 'quantity'],
    [{ quantity: '２' + '0'.repeat(10) }, 'invalid_quantity', 'quantity'],
    [{ line_no: '1.5' }, 'missing_required', 'line_no'],
    [{ line_no: '9999999999' }, 'missing_required', 'line_no'],
  ])('quarantines %o as %s naming column %s', (patch, reason, column) => {
    const result = standardizeOrderLine({ ...base, ...patch }, ctx);
    expect(result).toMatchObject({ ok: false, reason, column });
  });
});

describe('customers, marketing spend, surveys', () => {
  it('normalises demographics and keeps the PII pseudonyms staging gave it', () => {
    const staged = pseudonymizePii('customers', { customer_id: 'C1', name: ' 张三 ', phone: '+86 138-0013-8000', email: 'Zhang.San@Example.com', gender: '男', city: 'Beijing', birth_date: '1990-05-01' }, ctx.piiSalt);
    const result = standardizeCustomer(staged, ctx);
    expect(result.ok && result.row).toMatchObject({ gender: 'M', city: '北京', region: 'north', cityTier: '1', ageBand: '35-44', generation: '90s' });
    expect(result.ok && result.row).toMatchObject({
      nameHash: pseudonymize('张三', ctx.piiSalt),
      phoneHash: pseudonymize('13800138000', ctx.piiSalt),
      emailHash: pseudonymize('zhang.san@example.com', ctx.piiSalt),
    });
    expect(result.rules).toContain('pii_pseudonymized');
    expect(JSON.stringify([staged, result])).not.toMatch(/张三|13800138000|zhang/i);
  });
  it('refuses raw PII: customers are staged through pseudonymizePii', () => {
    expect(() => standardizeCustomer({ customer_id: 'C1', name: '张三' }, ctx)).toThrow('standardizeCustomer: column name holds raw text');
  });
  it('a phone that is not a mainland mobile number gets no pseudonym, as clean would drop it', () => {
    expect(pseudonymizePii('customers', { customer_id: 'C1', phone: '12345' }, 'salt-123').phone).toBeUndefined();
    expect(pseudonymizePii('order_lines', { order_id: 'O1', customer_id: 'C1' }, 'salt-123')).toEqual({ order_id: 'O1', customer_id: 'C1' });
  });
  it('masks the PII of a malformed row where a shift can have moved it, and phones and e-mails anywhere', () => {
    const salt = 'salt-123';
    const tag = (value: string) => `pii:${pseudonymize(value, salt)?.slice(0, 8)}`;
    // Header customer_id,name,phone,gender: the name "Zhang, San" adds a field, so name and phone may sit one place right.
    const text = 'C1,Zhang, San,13800138000,男';
    expect(maskPiiInText(text, { delimiter: ',', headerLength: 4, piiPositions: [1, 2], salt })).toBe(`C1,${tag('Zhang')},${tag(' San')},${tag('13800138000')},男`);
    expect(maskPiiInText('O1,call 139-1234-5678 or x@y.cn', { delimiter: ',', headerLength: 3, piiPositions: [], salt })).toBe(`O1,call ${tag('139-1234-5678')} or ${tag('x@y.cn')}`);
  });
  it('imputes unknown demographics instead of rejecting', () => {
    const result = standardizeCustomer({ customer_id: 'C2' }, ctx);
    expect(result.ok && result.row).toMatchObject({ gender: 'unknown', city: 'unknown', ageBand: 'unknown' });
    expect(result.rules).toContain('demographics_unknown');
  });
  it('refuses months before the floor or after the as-of month', () => {
    expect(standardizeMarketingSpend({ month: '1899-12', channel: 'app', spend: '1' }, ctx)).toMatchObject({ ok: false, reason: 'date_before_floor', column: 'month' });
    expect(standardizeMarketingSpend({ month: '2027-01', channel: 'app', spend: '1' }, ctx)).toMatchObject({ ok: false, reason: 'date_after_as_of', column: 'month' });
    expect(standardizeMarketingSpend({ month: '2026-12', channel: 'app', spend: '1', new_customers: '2.5' }, ctx)).toMatchObject({ ok: false, reason: 'invalid_quantity', column: 'new_customers' });
  });
  it('reads months as calendar months', () => {
    const result = standardizeMarketingSpend({ month: '2024-03', channel: 'App', spend: '¥12,000' }, ctx);
    expect(result.ok && result.row).toEqual({ month: '2024-03-01', channel: 'app', spend: 12000, newCustomers: null });
  });
  it('rejects out-of-range scores', () => {
    expect(standardizeSurveyResponse({ response_id: 'R1', customer_id: 'C1', answered_at: '2024-01-01', nps: '11' }, ctx)).toMatchObject({ ok: false, reason: 'invalid_score', column: 'nps' });
    expect(standardizeSurveyResponse({ response_id: 'R1', customer_id: 'C1', answered_at: '2024-01-01', nps: '9', csat: '4' }, ctx)).toMatchObject({ ok: true, row: { nps: 9, csat: 4 } });
  });
});
