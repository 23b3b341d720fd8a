import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeMarketingWorkbook, type MarketingRow } from '../../../scripts/generate/marketing';

const rows: MarketingRow[] = [
  { month: '2024-01', channel: 'app', spendFen: 1_234_567, newCustomers: 12, spendText: null },
  { month: '2024-01', channel: 'store', spendFen: 800_000, newCustomers: 4, spendText: '¥8,000.00' },
];

describe('writeMarketingWorkbook', () => {
  it('writes the same bytes whatever the clock says', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketing-'));
    const stamp = new Date(Date.UTC(2026, 10, 22));
    const write = async (now: string, file: string) => {
      // Only Date is faked: exceljs and JSZip stamp entries with the current time.
      jest.useFakeTimers({ now: new Date(now), doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'] });
      try {
        await writeMarketingWorkbook(path.join(dir, file), rows, stamp);
      } finally {
        jest.useRealTimers();
      }
      return fs.readFileSync(path.join(dir, file));
    };
    const morning = await write('2030-01-01T08:00:00Z', 'a.xlsx');
    const evening = await write('2031-06-30T21:13:37Z', 'b.xlsx');
    expect(evening.equals(morning)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
