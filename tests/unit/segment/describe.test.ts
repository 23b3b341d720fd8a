import { crossTab, describeSegments } from '../../../analytics/segment/describe';

describe('describeSegments', () => {
  it('counts, shares and mean/median/sum per segment, largest first', () => {
    const result = describeSegments(['a', 'b', 'a', 'a'], { spend: [1, 5, 3, 8] });
    expect(result).toEqual([
      { segment: 'a', count: 3, share: 0.75, measures: { spend: { mean: 4, median: 3, sum: 12 } } },
      { segment: 'b', count: 1, share: 0.25, measures: { spend: { mean: 5, median: 5, sum: 5 } } },
    ]);
  });

  it('rejects a measure of the wrong length', () => {
    expect(() => describeSegments(['a'], { spend: [1, 2] })).toThrow(/"spend" has 2 values for 1 customers/);
  });
});

describe('crossTab', () => {
  it('tabulates segment × age band with row and column shares', () => {
    const segment = ['loyal', 'loyal', 'new', 'new', 'new', 'lost'];
    const ageBand = ['25-34', '35-44', '25-34', '25-34', '18-24', '35-44'];
    const t = crossTab(segment, ageBand);
    expect(t.rowKeys).toEqual(['new', 'loyal', 'lost']);
    expect(t.columnKeys).toEqual(['25-34', '35-44', '18-24']);
    expect(t.counts).toEqual([[2, 0, 1], [1, 1, 0], [0, 1, 0]]);
    expect(t.rowShares[0]).toEqual([2 / 3, 0, 1 / 3]);
    expect(t.columnShares.map((row) => row[0])).toEqual([2 / 3, 1 / 3, 0]);
    expect(t.total).toBe(6);
  });
});
