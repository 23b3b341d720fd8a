/** Numbers as the PDF and the mail body print them (the workbook keeps numbers with Excel formats). */
import { relativeChange } from './kpis';
import type { KpiFormat } from './model';

// Built once: `toLocaleString` with options builds a formatter on every call.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const CURRENCY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatValue(value: number | null, format: KpiFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'integer':
      return INTEGER.format(Math.round(value));
    case 'currency':
      return `¥${CURRENCY.format(value)}`;
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'decimal':
      return DECIMAL.format(value);
  }
}

/** Relative change as "+12.3%" / "−4.0%", or "—" without a previous value. */
export function formatChange(value: number | null, previous: number | null): string {
  const change = relativeChange(value, previous);
  if (change === null) return '—';
  return `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)}%`;
}
