/**
 * Segment profitability (SPEC §5): net profit = transactions × average profit per transaction
 * − the segment's marketing cost, and marketing ROI = net profit / marketing cost.
 */

export interface SegmentEconomics {
  segment: string;
  transactions: number;
  averageProfitPerTransaction: number;
  marketingCost: number;
}

export interface SegmentProfitability extends SegmentEconomics {
  /** transactions × averageProfitPerTransaction. */
  grossProfit: number;
  /** grossProfit − marketingCost. */
  netProfit: number;
  /** netProfit / marketingCost, as a ratio (1.5 = 150 %); null when nothing was spent. */
  marketingRoi: number | null;
}

/**
 * @throws when transactions or marketing cost is negative or not finite, or the average profit is not finite.
 * @example
 * segmentProfitability([{ segment: 'Champions', transactions: 1000, averageProfitPerTransaction: 25, marketingCost: 5000 }])
 * // [{ …, grossProfit: 25000, netProfit: 20000, marketingRoi: 4 }]
 */
export function segmentProfitability(segments: readonly SegmentEconomics[]): SegmentProfitability[] {
  return segments.map((s, i) => {
    const where = `segmentProfitability: segment ${i} (${s.segment})`;
    if (!(Number.isFinite(s.transactions) && s.transactions >= 0)) throw new RangeError(`${where}: transactions must be ≥ 0, got ${s.transactions}`);
    if (!(Number.isFinite(s.marketingCost) && s.marketingCost >= 0)) throw new RangeError(`${where}: marketingCost must be ≥ 0, got ${s.marketingCost}`);
    if (!Number.isFinite(s.averageProfitPerTransaction)) throw new RangeError(`${where}: averageProfitPerTransaction must be a number, got ${s.averageProfitPerTransaction}`);
    const grossProfit = s.transactions * s.averageProfitPerTransaction;
    const netProfit = grossProfit - s.marketingCost;
    return { ...s, grossProfit, netProfit, marketingRoi: s.marketingCost > 0 ? netProfit / s.marketingCost : null };
  });
}
