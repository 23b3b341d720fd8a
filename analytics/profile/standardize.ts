/**
 * Feature scaling fitted on one set of rows and applied to any other (SPEC §3), so customers
 * scored later are transformed with the same parameters. The fitted scaler is a plain object.
 * - z-score: x' = (x − mean) / sd, sd the population standard deviation (divisor n).
 * - min-max: x' = (x − min) / (max − min), in [0, 1] on the fitting rows.
 * A constant column (sd = 0 or max = min) maps to 0 instead of NaN.
 */

export interface ZScoreScaler {
  kind: 'zscore';
  means: number[];
  sds: number[];
}

export interface MinMaxScaler {
  kind: 'minmax';
  mins: number[];
  maxs: number[];
}

export type Scaler = ZScoreScaler | MinMaxScaler;

function assertRectangular(caller: string, rows: readonly (readonly number[])[]): number {
  if (rows.length === 0) throw new RangeError(`${caller}: needs at least one row`);
  const width = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== width) throw new RangeError(`${caller}: row ${i} has ${row.length} columns, expected ${width}`);
  });
  return width;
}

/**
 * @example fitZScore([[1], [3]]) // → { kind: 'zscore', means: [2], sds: [1] }
 */
export function fitZScore(rows: readonly (readonly number[])[]): ZScoreScaler {
  const width = assertRectangular('fitZScore', rows);
  const means = new Array<number>(width).fill(0);
  const sds = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) means[j] += row[j] / rows.length;
  for (const row of rows) for (let j = 0; j < width; j++) sds[j] += (row[j] - means[j]) ** 2 / rows.length;
  return { kind: 'zscore', means, sds: sds.map(Math.sqrt) };
}

/**
 * @example fitMinMax([[1], [3]]) // → { kind: 'minmax', mins: [1], maxs: [3] }
 */
export function fitMinMax(rows: readonly (readonly number[])[]): MinMaxScaler {
  const width = assertRectangular('fitMinMax', rows);
  const mins = new Array<number>(width).fill(Infinity);
  const maxs = new Array<number>(width).fill(-Infinity);
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      if (row[j] < mins[j]) mins[j] = row[j];
      if (row[j] > maxs[j]) maxs[j] = row[j];
    }
  }
  return { kind: 'minmax', mins, maxs };
}

/** Transforms rows with a fitted scaler. */
export function applyScaler(scaler: Scaler, rows: readonly (readonly number[])[]): number[][] {
  const [offset, spread] = scaler.kind === 'zscore'
    ? [scaler.means, scaler.sds]
    : [scaler.mins, scaler.maxs.map((max, j) => max - scaler.mins[j])];
  return rows.map((row, i) => {
    if (row.length !== offset.length) throw new RangeError(`applyScaler: row ${i} has ${row.length} columns, the scaler ${offset.length}`);
    return row.map((x, j) => (spread[j] > 0 ? (x - offset[j]) / spread[j] : 0));
  });
}
