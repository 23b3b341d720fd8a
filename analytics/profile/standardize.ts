/**
 * Feature scaling fitted on one set of rows and applied to any other (SPEC §3), so customers
 * scored later are transformed with the same parameters. The fitted scaler is a plain object.
 * - z-score: x' = (x − mean) / sd, sd the population standard deviation (divisor n).
 * - min-max: x' = (x − min) / (max − min), in [0, 1] on the fitting rows.
 * A constant column (sd = 0 or max = min) maps to 0 instead of NaN.
 */
import { rowOf, toPoints, type Points } from '../segment/points';

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
 * Fitted on points (analytics/segment/points.ts: one flat array, kept out of the JavaScript heap),
 * as the segmentation scales 400,000 customers; `fitZScore` takes plain rows.
 * @example fitZScorePoints(toPoints([[1], [3]])) // → { kind: 'zscore', means: [2], sds: [1] }
 */
export function fitZScorePoints({ n, d, data }: Points): ZScoreScaler {
  if (n === 0) throw new RangeError('fitZScore: needs at least one row');
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j] += data[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sds[j] += (data[i * d + j] - means[j]) ** 2 / n;
  return { kind: 'zscore', means, sds: sds.map(Math.sqrt) };
}

/**
 * @example fitZScore([[1], [3]]) // → { kind: 'zscore', means: [2], sds: [1] }
 */
export function fitZScore(rows: readonly (readonly number[])[]): ZScoreScaler {
  return fitZScorePoints(toPoints(rows, 'fitZScore'));
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

/** Transforms points with a fitted scaler, into new points. */
export function applyScalerToPoints(scaler: Scaler, { n, d, data }: Points): Points {
  const [offset, spread] = scaler.kind === 'zscore'
    ? [scaler.means, scaler.sds]
    : [scaler.mins, scaler.maxs.map((max, j) => max - scaler.mins[j])];
  if (n > 0 && d !== offset.length) throw new RangeError(`applyScaler: rows have ${d} columns, the scaler ${offset.length}`);
  const scaled = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) scaled[i * d + j] = spread[j] > 0 ? (data[i * d + j] - offset[j]) / spread[j] : 0;
  }
  return { n, d, data: scaled };
}

/** Transforms rows with a fitted scaler. */
export function applyScaler(scaler: Scaler, rows: readonly (readonly number[])[]): number[][] {
  const scaled = applyScalerToPoints(scaler, toPoints(rows, 'applyScaler'));
  return rows.map((_, i) => rowOf(scaled, i));
}
