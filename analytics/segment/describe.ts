/**
 * Descriptive statistics per segment and cross-tabulations (SPEC §4): segment × any
 * categorical column — age band, generation, region, city tier, channel, another segmentation.
 * Segments and categories are plain strings; missing categories should be passed as 'unknown'.
 * Median: the middle value, or the mean of the two middle values for an even count.
 */

export interface MeasureSummary {
  mean: number;
  median: number;
  sum: number;
}

export interface SegmentSummary {
  segment: string;
  count: number;
  /** count / all customers. */
  share: number;
  /** Per measure; a measure's share of its total over all segments is `sum / Σ sum`. */
  measures: Record<string, MeasureSummary>;
}

export interface CrossTab {
  rowKeys: string[];
  columnKeys: string[];
  /** counts[r][c]: customers with row value rowKeys[r] and column value columnKeys[c]. */
  counts: number[][];
  /** counts / row total (each row sums to 1), e.g. the age mix inside each segment. */
  rowShares: number[][];
  /** counts / column total, e.g. how each age band spreads over the segments. */
  columnShares: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/** Keys by descending frequency, ties alphabetical; a value, or a [value, how many times] pair. */
function keysByCount(values: readonly (string | readonly [string, number])[]): { keys: string[]; count: Map<string, number> } {
  const count = new Map<string, number>();
  for (const v of values) {
    const [key, times] = typeof v === 'string' ? [v, 1] : v;
    count.set(key, (count.get(key) ?? 0) + times);
  }
  const keys = [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  return { keys, count };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Count, share and mean/median/sum of each measure per segment, largest segment first.
 * @throws RangeError when a measure's length differs from the number of customers.
 * @example describeSegments(['a', 'b', 'a'], { spend: [1, 5, 3] })
 * // → [{ segment: 'a', count: 2, share: 2/3, measures: { spend: { mean: 2, median: 2, sum: 4 } } }, { segment: 'b', … }]
 */
export function describeSegments(segments: readonly string[], measures: Record<string, readonly number[]>): SegmentSummary[] {
  for (const [name, values] of Object.entries(measures)) {
    if (values.length !== segments.length) throw new RangeError(`describeSegments: measure "${name}" has ${values.length} values for ${segments.length} customers`);
  }
  const { keys, count } = keysByCount(segments);
  const members = new Map<string, number[]>(keys.map((k) => [k, []]));
  segments.forEach((s, i) => members.get(s)!.push(i));
  return keys.map((segment) => {
    const rows = members.get(segment)!;
    const summaries: Record<string, MeasureSummary> = {};
    for (const [name, values] of Object.entries(measures)) {
      const v = rows.map((i) => values[i]);
      const sum = v.reduce((s, x) => s + x, 0);
      summaries[name] = { mean: sum / v.length, median: median(v), sum };
    }
    return { segment, count: count.get(segment)!, share: count.get(segment)! / segments.length, measures: summaries };
  });
}

/** One cell of a contingency table given as counts: `count` customers with these row and column values. */
export interface CrossTabCell {
  row: string;
  column: string;
  count: number;
}

/**
 * Contingency table of two categorical columns over the same customers.
 * @throws RangeError when the columns differ in length.
 */
export function crossTab(rowValues: readonly string[], columnValues: readonly string[]): CrossTab {
  if (rowValues.length !== columnValues.length) throw new RangeError(`crossTab: ${rowValues.length} row values but ${columnValues.length} column values`);
  const pairs = new Map<string, Map<string, number>>();
  rowValues.forEach((row, i) => {
    const columns = pairs.get(row) ?? pairs.set(row, new Map()).get(row)!;
    columns.set(columnValues[i], (columns.get(columnValues[i]) ?? 0) + 1);
  });
  return crossTabOfCounts([...pairs].flatMap(([row, columns]) => [...columns].map(([column, count]) => ({ row, column, count }))));
}

/**
 * The same table from counts already made (e.g. by a GROUP BY): cells of one row and column
 * value add up, so `crossTabOfCounts(values.map(… count: 1))` is `crossTab` of the values.
 * @throws RangeError on a negative or fractional count.
 */
export function crossTabOfCounts(cells: readonly CrossTabCell[]): CrossTab {
  const bad = cells.find((cell) => !(Number.isInteger(cell.count) && cell.count >= 0));
  if (bad) throw new RangeError(`crossTabOfCounts: the count of ${bad.row} × ${bad.column} is ${bad.count}, not a whole number ≥ 0`);
  const rowKeys = keysByCount(cells.map((cell) => [cell.row, cell.count])).keys;
  const columnKeys = keysByCount(cells.map((cell) => [cell.column, cell.count])).keys;
  const r = new Map(rowKeys.map((k, i) => [k, i]));
  const c = new Map(columnKeys.map((k, i) => [k, i]));
  const counts = rowKeys.map(() => new Array<number>(columnKeys.length).fill(0));
  for (const cell of cells) counts[r.get(cell.row)!][c.get(cell.column)!] += cell.count;
  const rowTotals = counts.map((row) => row.reduce((s, x) => s + x, 0));
  const columnTotals = columnKeys.map((_, j) => counts.reduce((s, row) => s + row[j], 0));
  return {
    rowKeys,
    columnKeys,
    counts,
    rowShares: counts.map((row, i) => row.map((x) => x / rowTotals[i])),
    columnShares: counts.map((row) => row.map((x, j) => x / columnTotals[j])),
    rowTotals,
    columnTotals,
    total: rowTotals.reduce((s, x) => s + x, 0),
  };
}
