/**
 * Product affinity (关联分析, SPEC §4): frequently-bought-together pairs as cross-sell
 * opportunities, overall and per segment. For items A and B over N baskets
 * (Agrawal, Imieliński & Swami 1993; lift: Brin, Motwani, Ullman & Tsur 1997):
 *   support(A,B) = n(A∧B) / N,  confidence(A→B) = n(A∧B) / n(A),
 *   lift(A,B) = support(A,B) / (support(A) · support(B))   (> 1: bought together more than by chance).
 *
 * Memory is bounded as in Apriori's first two passes: items are counted first, and pairs are
 * counted only among items whose own support reaches `minSupport` (a pair can never be more
 * frequent than either item); a basket keeps at most `maxItemsPerBasket` of its frequent items
 * (the most frequent ones), so a basket contributes at most C(cap, 2) pairs.
 */

export interface Basket {
  customerId: string;
  items: string[];
}

export interface ItemPair {
  a: string;
  b: string;
  count: number;
  support: number;
  /** confidence(a → b) = P(b | a). */
  confidenceAB: number;
  /** confidence(b → a) = P(a | b). */
  confidenceBA: number;
  lift: number;
}

export interface AffinityOptions {
  /** Minimum support of an item and of a pair (default 0.01). */
  minSupport?: number;
  maxItemsPerBasket?: number;
}

export interface AffinityResult {
  baskets: number;
  frequentItems: number;
  /** Pairs with support ≥ minSupport, highest lift first. */
  pairs: ItemPair[];
}

/**
 * Frequent pairs with support, confidence and lift.
 * @example frequentPairs([['milk', 'bread'], ['milk'], ['bread', 'milk'], ['eggs']], { minSupport: 0.25 }).pairs[0]
 * // → { a: 'bread', b: 'milk', count: 2, support: 0.5, confidenceAB: 1, confidenceBA: 2/3, lift: 4/3 }
 */
export function frequentPairs(baskets: readonly (readonly string[])[], options: AffinityOptions = {}): AffinityResult {
  const { minSupport = 0.01, maxItemsPerBasket = 20 } = options;
  if (!(minSupport > 0 && minSupport <= 1)) throw new RangeError(`frequentPairs: minSupport must be in (0, 1], got ${minSupport}`);
  const n = baskets.length;
  const itemCount = new Map<string, number>();
  for (const basket of baskets) for (const item of new Set(basket)) itemCount.set(item, (itemCount.get(item) ?? 0) + 1);
  const minCount = minSupport * n;
  // Frequent items, most frequent first (ties by name): their rank is their index.
  const frequent = [...itemCount.entries()]
    .filter(([, c]) => c >= minCount)
    .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : 1))
    .map(([item]) => item);
  const rank = new Map(frequent.map((item, i) => [item, i]));
  const m = frequent.length;
  const pairCount = new Map<number, number>();
  for (const basket of baskets) {
    const kept = [...new Set(basket)]
      .map((item) => rank.get(item))
      .filter((r): r is number => r !== undefined)
      .sort((x, y) => x - y)
      .slice(0, maxItemsPerBasket);
    for (let i = 0; i < kept.length; i++) {
      for (let j = i + 1; j < kept.length; j++) {
        const key = kept[i] * m + kept[j];
        pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
      }
    }
  }
  const pairs: ItemPair[] = [];
  for (const [key, count] of pairCount) {
    if (count < minCount) continue;
    const [x, y] = [frequent[Math.floor(key / m)], frequent[key % m]];
    const [a, b] = x < y ? [x, y] : [y, x];
    const [na, nb] = [itemCount.get(a)!, itemCount.get(b)!];
    pairs.push({ a, b, count, support: count / n, confidenceAB: count / na, confidenceBA: count / nb, lift: (count * n) / (na * nb) });
  }
  pairs.sort((p, q) => q.lift - p.lift || q.count - p.count || (p.a + p.b < q.a + q.b ? -1 : 1));
  return { baskets: n, frequentItems: m, pairs };
}

/** frequentPairs within each segment's baskets (customers without a segment are skipped). */
export function frequentPairsBySegment(
  baskets: readonly Basket[],
  segmentOf: ReadonlyMap<string, string>,
  options: AffinityOptions = {},
): Map<string, AffinityResult> {
  const grouped = new Map<string, string[][]>();
  for (const basket of baskets) {
    const segment = segmentOf.get(basket.customerId);
    if (segment === undefined) continue;
    if (!grouped.has(segment)) grouped.set(segment, []);
    grouped.get(segment)!.push(basket.items);
  }
  return new Map([...grouped.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, b]) => [s, frequentPairs(b, options)]));
}
