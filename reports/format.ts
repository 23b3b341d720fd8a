/** Numbers as the PDF and the mail body print them (the workbook keeps numbers with Excel formats). */
import { relativeChange } from './kpis';
import type { KpiFormat } from './model';

export function formatValue(value: number | null, format: KpiFormat): string {
  if (value === null) return '—';
  switch (format) {
    case 'integer':
      return Math.round(value).toLocaleString('en-US');
    case 'currency':
      return `¥${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'decimal':
      return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
}

/** Relative change as "+12.3%" / "−4.0%", or "—" without a previous value. */
export function formatChange(value: number | null, previous: number | null): string {
  const change = relativeChange(value, previous);
  if (change === null) return '—';
  return `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)}%`;
}
