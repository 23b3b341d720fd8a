/** What extract stages: PII pseudonymized, rows set aside with their reason and masked text, NUL never reaching PostgreSQL. */
import { pseudonymize } from '../../../analytics/cleaning/pii';
import { stagedValues } from '../../../activities/extract/staging';
import { parseSourceConfig } from '../../../config/sources';

const salt = 'staging-salt';
const customers = parseSourceConfig({
  sources: [{ name: 'crm', kind: 'csv', entity: 'customers', path: 'c.csv', columns: { id: 'customer_id', 姓名: 'name', 手机: 'phone', 邮箱: 'email', 城市: 'city' } }],
}).sources[0];
// customer_id, name, phone, email, gender, birth_date, city, signup_at, signup_channel, then reject_reason, reject_detail, raw_text

describe('staged values', () => {
  it('pseudonymizes name, phone and e-mail; the other columns stay raw text', () => {
    const staged = stagedValues({ rowNo: 1, values: { customer_id: 'C1', name: '张三', phone: '138 0013 8000', email: 'A@B.cn', city: '北京' } }, customers, salt);
    expect(staged).toEqual(['C1', pseudonymize('张三', salt), pseudonymize('13800138000', salt), pseudonymize('a@b.cn', salt), undefined, undefined, '北京', undefined, undefined, null, null, null]);
  });

  it('stages a malformed row with its reason, detail and its text with the PII masked', () => {
    const staged = stagedValues({
      rowNo: 2,
      values: {},
      rejected: { reason: 'malformed_row', detail: 'line 3: 6 fields where the header has 5', text: 'C2,李,四,13912345678,l.si@example.com,上海', delimiter: ',', headerLength: 5, piiPositions: [1, 2, 3] },
    }, customers, salt);
    expect(staged.slice(9, 11)).toEqual(['malformed_row', 'line 3: 6 fields where the header has 5']);
    expect(staged[11]).toMatch(/^C2,pii:[0-9a-f]{8},pii:[0-9a-f]{8},pii:[0-9a-f]{8},pii:[0-9a-f]{8},上海$/);
    expect(JSON.stringify(staged)).not.toMatch(/李|四|13912345678|l\.si/);
  });

  it('sets aside a value holding NUL (a workbook or database source) as bad_encoding, shown as ␀', () => {
    const staged = stagedValues({ rowNo: 7, values: { customer_id: 'C\u00007', city: '北京' } }, customers, salt);
    expect(staged[0]).toBe('C␀7');
    expect(staged.slice(9)).toEqual(['bad_encoding', 'row 7: column customer_id holds a NUL character', null]);
  });
});
