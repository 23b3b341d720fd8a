/**
 * Rows of numbers packed into one Float64Array (row-major) for the distance loops of the
 * clustering code: k-means over 100,000 customers touches every coordinate many times, and
 * a flat typed array is several times faster than number[][].
 */
export interface Points {
  n: number;
  d: number;
  data: Float64Array;
}

/** @throws RangeError for ragged rows or non-finite values (standardize first). */
export function toPoints(rows: readonly (readonly number[])[], caller = 'toPoints'): Points {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  rows.forEach((row, i) => {
    if (row.length !== d) throw new RangeError(`${caller}: row ${i} has ${row.length} columns, expected ${d}`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`${caller}: row ${i} column ${j} is not a finite number`);
      data[i * d + j] = row[j];
    }
  });
  return { n, d, data };
}

/** Squared Euclidean distance between row i of `a` and row j of `b` (same width). */
export function squaredDistance(a: Points, i: number, b: Points, j: number): number {
  let s = 0;
  const ai = i * a.d;
  const bj = j * b.d;
  for (let t = 0; t < a.d; t++) {
    const diff = a.data[ai + t] - b.data[bj + t];
    s += diff * diff;
  }
  return s;
}

/** The rows of `points` at `indices`, as new Points. */
export function subsetPoints(points: Points, indices: ArrayLike<number>): Points {
  const data = new Float64Array(indices.length * points.d);
  for (let r = 0; r < indices.length; r++) {
    data.set(points.data.subarray(indices[r] * points.d, (indices[r] + 1) * points.d), r * points.d);
  }
  return { n: indices.length, d: points.d, data };
}

/** Row i as a plain array. */
export function rowOf(points: Points, i: number): number[] {
  return Array.from(points.data.subarray(i * points.d, (i + 1) * points.d));
}
