/**
 * Segment migration between two runs (SPEC §4: "who moved from Loyal to At risk"): the
 * transition matrix of customers present in both runs, counts of customers who entered or
 * left, and the list of customers who moved into an at-risk segment from outside the risk set.
 */

export interface SegmentAssignment {
  customerId: string;
  segment: string;
}

export interface Move {
  customerId: string;
  from: string;
  to: string;
}

export interface SegmentMigration {
  /** Row and column order of the matrix. */
  segments: string[];
  /** counts[i][j]: customers in segments[i] last run and segments[j] this run. */
  counts: number[][];
  /** counts / row total: the probability of moving from segment i to j. */
  rowShares: number[][];
  /** Customers only in the current run / only in the previous run. */
  entered: number;
  left: number;
  movedIntoRisk: Move[];
}

export interface MigrationOptions {
  /** Segments that count as at risk (default: RFM at_risk, cant_lose_them and the churn_risk group). */
  riskSegments?: readonly string[];
  /** Matrix order; segments not listed follow alphabetically. */
  order?: readonly string[];
}

function byCustomer(caller: string, assignments: readonly SegmentAssignment[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const { customerId, segment } of assignments) {
    if (map.has(customerId)) throw new RangeError(`${caller}: customer ${customerId} is assigned twice`);
    map.set(customerId, segment);
  }
  return map;
}

/**
 * @throws RangeError when a customer appears twice in one run.
 * @example segmentMigration([{ customerId: 'a', segment: 'loyal' }], [{ customerId: 'a', segment: 'at_risk' }])
 * // → counts [[0, 0], [1, 0]] over segments ['at_risk', 'loyal'], movedIntoRisk [{ customerId: 'a', from: 'loyal', to: 'at_risk' }]
 */
export function segmentMigration(
  previous: readonly SegmentAssignment[],
  current: readonly SegmentAssignment[],
  options: MigrationOptions = {},
): SegmentMigration {
  const risk = new Set(options.riskSegments ?? ['at_risk', 'cant_lose_them', 'churn_risk']);
  const before = byCustomer('segmentMigration (previous run)', previous);
  const after = byCustomer('segmentMigration (current run)', current);
  const listed = options.order ?? [];
  const others = [...new Set([...before.values(), ...after.values()])].filter((s) => !listed.includes(s)).sort();
  const segments = [...listed, ...others];
  const index = new Map(segments.map((s, i) => [s, i]));
  const counts = segments.map(() => new Array<number>(segments.length).fill(0));
  const movedIntoRisk: Move[] = [];
  let left = 0;
  for (const [customerId, from] of before) {
    const to = after.get(customerId);
    if (to === undefined) {
      left += 1;
      continue;
    }
    counts[index.get(from)!][index.get(to)!] += 1;
    if (risk.has(to) && !risk.has(from)) movedIntoRisk.push({ customerId, from, to });
  }
  const entered = [...after.keys()].filter((id) => !before.has(id)).length;
  const rowShares = counts.map((row) => {
    const total = row.reduce((s, x) => s + x, 0);
    return row.map((x) => (total > 0 ? x / total : 0));
  });
  return { segments, counts, rowShares, entered, left, movedIntoRisk };
}
