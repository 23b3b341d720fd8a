import { crossTab, crossTabOfCounts, describeSegments } from '../../../analytics/segment/describe';

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

describe('crossTabOfCounts', () => {
  it('gives the table of the values from their counts, cells of one row and column adding up', () => {
    const t = crossTabOfCounts([
      { row: 'lost', column: '35-44', count: 1 },
      { row: 'new', column: '25-34', count: 1 },
      { row: 'loyal', column: '25-34', count: 1 },
      { row: 'new', column: '18-24', count: 1 },
      { row: 'loyal', column: '35-44', count: 1 },
      { row: 'new', column: '25-34', count: 1 },
    ]);
    expect(t).toEqual(crossTab(['loyal', 'loyal', 'new', 'new', 'new', 'lost'], ['25-34', '35-44', '25-34', '25-34', '18-24', '35-44']));
    expect(t.counts).toEqual([[2, 0, 1], [1, 1, 0], [0, 1, 0]]);
  });

  it('orders keys by their total count, ties by name', () => {
    const t = crossTabOfCounts([{ row: 'b', column: 'x', count: 3 }, { row: 'a', column: 'y', count: 3 }, { row: 'c', column: 'x', count: 4 }]);
    expect(t.rowKeys).toEqual(['c', 'a', 'b']);
    expect(t.columnKeys).toEqual(['x', 'y']);
    expect(t.total).toBe(10);
  });

  it('rejects a count that is not a whole number ≥ 0', () => {
    expect(() => crossTabOfCounts([{ row: 'a', column: 'x', count: -1 }])).toThrow(/a × x is -1/);
    expect(() => crossTabOfCounts([{ row: 'a', column: 'x', count: 1.5 }])).toThrow(RangeError);
  });
});
