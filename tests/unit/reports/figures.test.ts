/**
 * The figures both renderings of a chart draw (reports/figures.ts), on hand-counted examples:
 * histogram bins, CAC per channel over all periods, the monthly NPS rows.
 */
import { cacByChannel, histogram, npsByMonth } from '../../../reports/figures';
import type { SurveyScore } from '../../../reports/model/value';

describe('histogram', () => {
  it('counts values into Vega\'s nice bins, the maximum into the last one', () => {
    // Extent [1, 9] in at most 5 bins: steps of 2 from 0 to 10 (as Vega-Lite's bin: { maxbins: 5 }).
    expect(histogram([1, 2, 2, 9], 5)).toEqual([
      { from: 0, to: 2, count: 1 }, { from: 2, to: 4, count: 2 }, { from: 4, to: 6, count: 0 }, { from: 6, to: 8, count: 0 }, { from: 8, to: 10, count: 1 },
    ]);
    expect(histogram([-3, 0.5, 7.25], 4)).toEqual([{ from: -5, to: 0, count: 1 }, { from: 0, to: 5, count: 1 }, { from: 5, to: 10, count: 1 }]);
    expect(histogram([5, 5, 5], 10)).toEqual([{ from: 5, to: 5.5, count: 3 }]);
    expect(histogram([], 10)).toEqual([]);
    expect(() => histogram([1, Number.NaN], 10)).toThrow(RangeError);
  });
});

describe('cacByChannel', () => {
  it('divides each channel\'s total spend by its total new customers, leaving out channels that acquired nobody', () => {
    expect(cacByChannel([
      { channel: 'app', period: '2024-11', spend: 100, newCustomers: 2, cac: 50, flag: null },
      { channel: 'app', period: '2024-12', spend: 50, newCustomers: 0, cac: null, flag: 'no_new_customers' },
      { channel: 'web', period: '2024-12', spend: 90, newCustomers: 0, cac: null, flag: 'no_new_customers' },
      { channel: 'store', period: '2024-12', spend: 0, newCustomers: 4, cac: 0, flag: 'no_spend_recorded' },
    ])).toEqual([{ channel: 'app', spend: 150, newCustomers: 2, cac: 75 }, { channel: 'store', spend: 0, newCustomers: 4, cac: 0 }]);
  });
});

describe('npsByMonth', () => {
  const score = (grouping: string, key: string, nps: number | null): SurveyScore => ({ grouping, key, npsResponses: 10, nps, npsSmallSample: false, csatResponses: 0, csat: null, csatSmallSample: false });

  it('keeps the months with an NPS in month order, and none when fewer than two make a trend', () => {
    const scores = [score('month', '2024-12', 5), score('overall', 'all', 9), score('month', '2024-10', 20), score('month', '2024-11', null)];
    expect(npsByMonth(scores).map((s) => s.key)).toEqual(['2024-10', '2024-12']);
    expect(npsByMonth([score('month', '2024-10', 20), score('month', '2024-11', null)])).toEqual([]);
  });
});
