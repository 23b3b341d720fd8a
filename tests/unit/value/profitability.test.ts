import { segmentProfitability } from '../../../analytics/value/profitability';

describe('segmentProfitability (SPEC §5)', () => {
  it('works out by hand', () => {
    const [champions, hibernating, organic] = segmentProfitability([
      // 1000 × 25 = 25000 gross; − 5000 = 20000 net; ROI 20000 / 5000 = 4
      { segment: 'Champions', transactions: 1000, averageProfitPerTransaction: 25, marketingCost: 5000 },
      // 200 × 10 = 2000 gross; − 3000 = −1000 net; ROI −1000 / 3000 = −1/3
      { segment: 'Hibernating', transactions: 200, averageProfitPerTransaction: 10, marketingCost: 3000 },
      { segment: 'Organic', transactions: 50, averageProfitPerTransaction: 8, marketingCost: 0 },
    ]);
    expect(champions).toMatchObject({ grossProfit: 25000, netProfit: 20000, marketingRoi: 4 });
    expect(hibernating).toMatchObject({ grossProfit: 2000, netProfit: -1000 });
    expect(hibernating.marketingRoi).toBeCloseTo(-1 / 3, 12);
    expect(organic).toMatchObject({ grossProfit: 400, netProfit: 400, marketingRoi: null });
  });

  it('rejects negative counts and costs, naming the segment', () => {
    expect(() => segmentProfitability([{ segment: 'Lost', transactions: -1, averageProfitPerTransaction: 1, marketingCost: 0 }])).toThrow(
      'segmentProfitability: segment 0 (Lost): transactions must be ≥ 0, got -1',
    );
  });
});
