/**
 * Adjusted Rand index (Hubert & Arabie 1985, "Comparing partitions", J. Classification 2):
 * agreement of two labelings of the same items, corrected for chance — 1 for identical
 * partitions (up to renaming), ≈ 0 for independent ones, negative below chance.
 *   ARI = (Σᵢⱼ C(nᵢⱼ,2) − E) / (½ (Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E),  E = Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2) / C(n,2)
 * with nᵢⱼ the contingency table and aᵢ, bⱼ its row and column sums.
 */

const pairs = (m: number) => (m * (m - 1)) / 2;

function counts(keys: Iterable<string | number>): Map<string | number, number> {
  const map = new Map<string | number, number>();
  for (const key of keys) map.set(key, (map.get(key) ?? 0) + 1);
  return map;
}

/**
 * @throws RangeError when the labelings have different lengths.
 * @example adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) // → 0.2424… (scikit-learn user guide)
 */
export function adjustedRandIndex(a: ArrayLike<string | number>, b: ArrayLike<string | number>): number {
  if (a.length !== b.length) throw new RangeError(`adjustedRandIndex: labelings have ${a.length} and ${b.length} items`);
  const n = a.length;
  const a2 = Array.from(a);
  const b2 = Array.from(b);
  const sum = (m: Map<string | number, number>) => [...m.values()].reduce((s, c) => s + pairs(c), 0);
  const together = sum(counts(a2.map((x, i) => `${x}\u0000${b2[i]}`)));
  const rows = sum(counts(a2));
  const cols = sum(counts(b2));
  const expected = n < 2 ? 0 : (rows * cols) / pairs(n);
  const maximum = (rows + cols) / 2;
  return maximum === expected ? 1 : (together - expected) / (maximum - expected);
}
