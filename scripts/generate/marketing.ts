/**
 * Marketing spend per channel and month (营销投放), consistent with acquisition: the new
 * customers of a month and channel are exactly the customers whose first order fell there,
 * and spend is those customers times the channel's true CAC (with noise) plus a brand
 * budget. Written as an XLSX workbook and as the `source.marketing_spend` payload.
 */
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { CHANNELS, type Channel } from '../../config/canonical';
import { civilDate, SECONDS_PER_DAY } from '../../analytics/calendar';
import { windowFirstSecond, type Calendar } from './calendar';
import { formatAmount, formatYuan } from './formats';
import { columnNames, MARKETING_EXPORT } from './layouts';
import { Tally } from './mess';
import { Random } from '../../analytics/random';
import type { Schedule } from './schedule';
import { fixZipTimestamps } from './zipTimestamps';

/** True acquisition cost per new customer, in yuan. */
export const CAC_YUAN: Readonly<Record<Channel, number>> = { app: 85, web: 65, store: 120, mini_program: 45 };
/** Monthly brand budget per channel that buys no attributable customers, in yuan. */
const BRAND_YUAN: Readonly<Record<Channel, number>> = { app: 8_000, web: 5_000, store: 3_000, mini_program: 4_000 };
/** The workbook's only sheet. */
const MARKETING_SHEET = '营销投放';

export interface MarketingRow {
  month: string;
  channel: Channel;
  spendFen: number;
  newCustomers: number;
  /** The spend cell as exported: a number, or text with currency marks. */
  spendText: string | null;
}

function monthKey(epochDay: number): string {
  const { year, month } = civilDate(epochDay);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** One row per month of the window and channel; customers acquired before the window are not new. */
export function marketingRows(seed: number, schedule: Schedule, calendar: Calendar): { rows: MarketingRow[]; mess: Tally } {
  const rng = Random.stream(seed, 'marketing');
  const mess = new Tally();
  const months: string[] = [];
  for (let d = calendar.firstDay + calendar.windowStart; d < calendar.firstDay + calendar.days; d++) if (months.at(-1) !== monthKey(d)) months.push(monthKey(d));
  const acquired = new Map<string, number>();
  const windowStart = windowFirstSecond(calendar);
  for (let i = 0; i < schedule.firstAt.length; i++) {
    if (schedule.firstAt[i] < windowStart) continue;
    const key = `${monthKey(Math.floor(schedule.firstAt[i] / SECONDS_PER_DAY))}|${CHANNELS[schedule.firstChannel[i]]}`;
    acquired.set(key, (acquired.get(key) ?? 0) + 1);
  }
  const rows = months.flatMap((month) =>
    CHANNELS.map((channel) => {
      const newCustomers = acquired.get(`${month}|${channel}`) ?? 0;
      const yuan = newCustomers * CAC_YUAN[channel] * Math.exp(rng.normal(0, 0.15)) + BRAND_YUAN[channel] * Math.exp(rng.normal(0, 0.1));
      const spendFen = Math.round(yuan * 100);
      const styled = rng.chance(0.06);
      if (styled) mess.add('currency_format');
      return { month, channel, spendFen, newCustomers, spendText: styled ? formatAmount(rng.pick(['yen', 'yuan_suffix', 'rmb'] as const), spendFen) : null };
    }),
  );
  return { rows, mess };
}

/** The cells of a row, as the database payload holds them. */
export function marketingCells(row: MarketingRow): string[] {
  return [row.month, row.channel, row.spendText ?? formatYuan(row.spendFen), String(row.newCustomers), 'CNY'];
}

/** Writes the workbook with fixed document and entry timestamps, so its bytes are reproducible. */
export async function writeMarketingWorkbook(path: string, rows: readonly MarketingRow[], stamp: Date): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sample data generator';
  workbook.created = stamp;
  workbook.modified = stamp;
  const sheet = workbook.addWorksheet(MARKETING_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(columnNames(MARKETING_EXPORT));
  for (const row of rows) {
    sheet.addRow([row.month, row.channel, row.spendText ?? row.spendFen / 100, row.newCustomers, 'CNY']);
  }
  sheet.getColumn(3).numFmt = '#,##0.00';
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await fs.writeFile(path, fixZipTimestamps(buffer, stamp));
}
