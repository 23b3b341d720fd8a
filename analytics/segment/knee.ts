/**
 * The "knee" / "elbow" of a monotone curve: the point farthest from the straight line joining
 * its first and last points, after scaling both axes to [0, 1] (the geometric core of Kneedle,
 * Satopää et al. 2011, "Finding a 'kneedle' in a haystack"). Used for the elbow of k-means
 * inertia over k and for the DBSCAN radius from sorted k-nearest-neighbour distances.
 */

/**
 * Index of the knee of (xs[i], ys[i]); 0 for fewer than three points.
 * @example kneeIndex([1, 2, 3, 4, 5], [100, 40, 20, 15, 12]) // → 1
 */
export function kneeIndex(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (ys.length !== n) throw new RangeError('kneeIndex: xs and ys must have the same length');
  if (n < 3) return 0;
  const scale = (v: number, lo: number, hi: number) => (hi > lo ? (v - lo) / (hi - lo) : 0);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = xs.map((x) => scale(x, x0, x1));
  const py = ys.map((y) => scale(y, y0, y1));
  // Distance of each point from the chord through the first and last point (unnormalized: same argmax).
  const [ax, ay, bx, by] = [px[0], py[0], px[n - 1], py[n - 1]];
  let best = 0;
  let bestDistance = -1;
  for (let i = 0; i < n; i++) {
    const distance = Math.abs((by - ay) * px[i] - (bx - ax) * py[i] + bx * ay - by * ax);
    if (distance > bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}
