/**
 * The CDNOW sample (shared/data/cdnow, see its README) for the customer-value tests. The shared
 * folder sits beside the repository (`../shared` from the checkout, in development and in CI alike),
 * so it is resolved from the repository root, not from this file's depth alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Transaction } from '../../support/clvSummaries';

const REPO_ROOT = path.resolve(__dirname, '../../..');
export const CDNOW_DIR = path.join(REPO_ROOT, '../shared/data/cdnow');
export const CDNOW_CALIBRATION_END = '1997-09-30';

/** All 6,919 transactions (customer_id,date,quantity,amount: ISO dates, amounts with a decimal point). */
export function readCdnowTransactions(): Transaction[] {
  const rows = parse(readFileSync(path.join(CDNOW_DIR, 'cdnow_sample_transactions.csv')), { columns: true }) as Record<string, string>[];
  return rows.map((row) => ({ customerId: row.customer_id, date: row.date, amount: Number(row.amount) }));
}

/** The published per-customer summary (weeks, 2 decimals): ID,frequency,recency,T. */
export function readCdnowSummaryWeeks(): { customerId: string; frequency: number; recency: number; T: number }[] {
  const rows = parse(readFileSync(path.join(CDNOW_DIR, 'cdnow_summary_weeks.csv')), { columns: true }) as Record<string, string>[];
  return rows.map((row) => ({ customerId: row.ID, frequency: Number(row.frequency), recency: Number(row.recency), T: Number(row.T) }));
}
