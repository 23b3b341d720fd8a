import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDate, readTransactions } from '../../../scripts/commands/segment';

const dir = mkdtempSync(join(tmpdir(), 'segment-'));
const csv = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('segment command input', () => {
  it('parses dates and date-times as instants (UTC unless a zone is given)', () => {
    expect(parseDate('2024-03-05')?.toISOString()).toBe('2024-03-05T00:00:00.000Z');
    expect(parseDate('2024-03-05 14:30')?.toISOString()).toBe('2024-03-05T14:30:00.000Z');
    expect(parseDate('2024-03-05T14:30:00+0800')?.toISOString()).toBe('2024-03-05T06:30:00.000Z');
    expect(parseDate('2024-02-30')).toBeUndefined();
    expect(parseDate('05/03/2024')).toBeUndefined();
  });

  it('reads transactions with optional columns', async () => {
    const rows = await readTransactions(csv('ok.csv', 'customer_id,date,amount,channel\nc1,2024-01-02,"1,200.50",app\nc2,2024-01-03,30,\n'));
    expect(rows).toEqual([
      { customerId: 'c1', orderedAt: new Date('2024-01-02T00:00:00Z'), amount: 1200.5, orderId: null, channel: 'app', category: null },
      { customerId: 'c2', orderedAt: new Date('2024-01-03T00:00:00Z'), amount: 30, orderId: null, channel: null, category: null },
    ]);
  });

  it('names the file, row, line and column of a bad value', async () => {
    const file = csv('bad.csv', 'customer_id,date,amount\nc1,2024-01-02,10\nc2,2024-13-01,5\n');
    await expect(readTransactions(file)).rejects.toThrow(`${file}: row 2 (line 3), column "date": "2024-13-01" is not a date`);
    const amount = csv('amount.csv', 'customer_id,date,amount\nc1,2024-01-02,ten\n');
    await expect(readTransactions(amount)).rejects.toThrow(/row 1 \(line 2\), column "amount": "ten" is not a number/);
  });

  it('names missing columns', async () => {
    await expect(readTransactions(csv('cols.csv', 'customer,date,amount\nc1,2024-01-02,1\n'))).rejects.toThrow(/missing column\(s\) customer_id/);
  });
});
