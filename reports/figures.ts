/**
 * The figures the charts show, computed once from the report model for both renderings: the
 * PDF's pictures (Vega-Lite specs) and the workbook's native charts (tables the charts
 * reference). Pure.
 */
import * as vega from 'vega';
import type { AcquisitionCost } from '../analytics/value/cac';
import type { SurveyScore } from './model/value';

interface BinBoundaries {
  start: number;
  stop: number;
  step: number;
}
/** Vega's bin chooser (vega-statistics' `bin`): exported by vega at run time, missing from its typings. */
const { bin } = vega as unknown as { bin: (options: { maxbins: number; extent: [number, number] }) => BinBoundaries };

/** The total revenue series of the forecast stage the revenue charts draw. */
export const TOTAL_REVENUE_SERIES = { month: 'month:total', week: 'week:total' } as const;

/** Most bins of the CLV histogram; the bins themselves are Vega's "nice" ones (steps of 1, 2 or 5 × 10ⁿ). */
const CLV_MAX_BINS = 30;

export interface HistogramBin {
  /** Lower bound (inclusive). */
  from: number;
  /** Upper bound (exclusive, except for the last bin). */
  to: number;
  count: number;
}

/**
 * Counts per bin over [start, stop) in equal nice steps chosen by Vega's `bin` (as the
 * Vega-Lite `bin: { maxbins }` encoding chooses them); the maximum falls in the last bin.
 * @example histogram([1, 2, 2, 9], 5) → [{ from: 0, to: 2, count: 1 }, { from: 2, to: 4, count: 2 }, …, { from: 8, to: 10, count: 1 }]
 */
export function histogram(values: readonly number[], maxBins: number): HistogramBin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`histogram: ${v} is not a finite number`);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const { start, stop, step } = bin({ maxbins: maxBins, extent: [min, max] });
  const bins = Math.max(1, Math.round((stop - start) / step));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - start) / step + 1e-14))]++;
  return counts.map((count, i) => ({ from: start + i * step, to: start + (i + 1) * step, count }));
}

export function clvHistogram(clv: readonly number[]): HistogramBin[] {
  return histogram(clv, CLV_MAX_BINS);
}

export interface ChannelCac {
  channel: string;
  spend: number;
  newCustomers: number;
  /** spend ÷ new customers over all periods. */
  cac: number;
}

/** CAC per channel over all periods: total spend ÷ total new customers; channels that acquired nobody are left out. */
export function cacByChannel(costs: readonly AcquisitionCost[]): ChannelCac[] {
  const byChannel = new Map<string, { spend: number; newCustomers: number }>();
  for (const c of costs) {
    const entry = byChannel.get(c.channel) ?? { spend: 0, newCustomers: 0 };
    entry.spend += c.spend;
    entry.newCustomers += c.newCustomers;
    byChannel.set(c.channel, entry);
  }
  return [...byChannel.entries()].filter(([, e]) => e.newCustomers > 0).map(([channel, e]) => ({ channel, ...e, cac: e.spend / e.newCustomers }));
}

/** The monthly NPS rows (grouping `month`, with an NPS), in month order; a trend needs at least two. */
export function npsByMonth(scores: readonly SurveyScore[]): SurveyScore[] {
  const months = scores.filter((s) => s.grouping === 'month' && s.nps !== null).sort((a, b) => a.key.localeCompare(b.key));
  return months.length >= 2 ? months : [];
}
