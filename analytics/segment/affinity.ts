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
 * (the most frequent ones), so a basket contributes at most C(cap, 2) pairs. The baskets
 * themselves are held as integer codes (BasketCoder): a run's two million orders are tens of
 * megabytes so, not the hundreds an array of string arrays per basket takes.
 */
import { GrowingArray } from '../growingArray';

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
 * Baskets with their items coded as integers: basket i holds the distinct codes
 * `codes[starts[i]] … codes[starts[i + 1] − 1]`, each an index into `items`, and belongs to the
 * group `groups[groupOf[i]]` (none: −1).
 */
export interface CodedBaskets {
  items: readonly string[];
  groups: readonly string[];
  starts: Uint32Array;
  codes: Uint32Array;
  groupOf: Int32Array;
}

/** Codes baskets one at a time (e.g. as a query streams them), each item and group string held once. */
export class BasketCoder {
  private readonly itemCode = new Map<string, number>();
  private readonly groupCode = new Map<string, number>();
  private readonly starts = new GrowingArray(new Uint32Array(1024));
  private readonly codes = new GrowingArray(new Uint32Array(1024));
  private readonly groupOf = new GrowingArray(new Int32Array(1024));
  private readonly seen = new Set<number>();

  constructor() {
    this.starts.push(0);
  }

  /** Adds one basket: its items (repeats counted once) and its group, if any. */
  add(items: Iterable<string>, group?: string): void {
    this.seen.clear();
    for (const item of items) {
      let code = this.itemCode.get(item);
      if (code === undefined) this.itemCode.set(item, (code = this.itemCode.size));
      if (this.seen.has(code)) continue;
      this.seen.add(code);
      this.codes.push(code);
    }
    this.starts.push(this.codes.length);
    let groupIndex = -1;
    if (group !== undefined) {
      groupIndex = this.groupCode.get(group) ?? this.groupCode.size;
      this.groupCode.set(group, groupIndex);
    }
    this.groupOf.push(groupIndex);
  }

  done(): CodedBaskets {
    return { items: [...this.itemCode.keys()], groups: [...this.groupCode.keys()], starts: this.starts.values(), codes: this.codes.values(), groupOf: this.groupOf.values() };
  }
}

/** Codes an array of baskets (no groups). */
export function codeBaskets(baskets: readonly (readonly string[])[]): CodedBaskets {
  const coder = new BasketCoder();
  for (const basket of baskets) coder.add(basket);
  return coder.done();
}

/**
 * Frequent pairs with support, confidence and lift, over all the baskets or the ones listed in
 * `members` (indices).
 * @example frequentPairs([['milk', 'bread'], ['milk'], ['bread', 'milk'], ['eggs']], { minSupport: 0.25 }).pairs[0]
 * // → { a: 'bread', b: 'milk', count: 2, support: 0.5, confidenceAB: 1, confidenceBA: 2/3, lift: 4/3 }
 */
export function frequentPairs(baskets: readonly (readonly string[])[] | CodedBaskets, options: AffinityOptions = {}, members?: Uint32Array): AffinityResult {
  const { minSupport = 0.01, maxItemsPerBasket = 20 } = options;
  if (!(minSupport > 0 && minSupport <= 1)) throw new RangeError(`frequentPairs: minSupport must be in (0, 1], got ${minSupport}`);
  const coded = Array.isArray(baskets) ? codeBaskets(baskets) : (baskets as CodedBaskets);
  const { items, starts, codes } = coded;
  const n = members ? members.length : starts.length - 1;
  const basketAt = members ? (i: number) => members[i] : (i: number) => i;
  const itemCount = new Uint32Array(items.length);
  for (let i = 0; i < n; i++) {
    const b = basketAt(i);
    for (let k = starts[b]; k < starts[b + 1]; k++) itemCount[codes[k]]++;
  }
  const minCount = minSupport * n;
  // Frequent items' codes, most frequent first (ties by name): their rank is their index.
  const frequent = [...itemCount.keys()]
    .filter((code) => itemCount[code] > 0 && itemCount[code] >= minCount)
    .sort((x, y) => itemCount[y] - itemCount[x] || (items[x] < items[y] ? -1 : 1));
  const rank = new Int32Array(items.length).fill(-1);
  frequent.forEach((code, r) => { rank[code] = r; });
  const m = frequent.length;
  const pairCount = new Map<number, number>();
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = basketAt(i);
    kept.length = 0;
    for (let k = starts[b]; k < starts[b + 1]; k++) if (rank[codes[k]] >= 0) kept.push(rank[codes[k]]);
    kept.sort((x, y) => x - y);
    const size = Math.min(kept.length, maxItemsPerBasket);
    for (let x = 0; x < size; x++) {
      for (let y = x + 1; y < size; y++) {
        const key = kept[x] * m + kept[y];
        pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
      }
    }
  }
  const pairs: ItemPair[] = [];
  for (const [key, count] of pairCount) {
    if (count < minCount) continue;
    const [x, y] = [frequent[Math.floor(key / m)], frequent[key % m]];
    const [a, b] = items[x] < items[y] ? [x, y] : [y, x];
    const [na, nb] = [itemCount[a], itemCount[b]];
    pairs.push({ a: items[a], b: items[b], count, support: count / n, confidenceAB: count / na, confidenceBA: count / nb, lift: (count * n) / (na * nb) });
  }
  pairs.sort((p, q) => q.lift - p.lift || q.count - p.count || (p.a + p.b < q.a + q.b ? -1 : 1));
  return { baskets: n, frequentItems: m, pairs };
}

/** frequentPairs within each group's baskets (baskets without a group are skipped), groups in name order. */
export function frequentPairsBySegment(baskets: CodedBaskets, options: AffinityOptions = {}): Map<string, AffinityResult> {
  const sizes = new Uint32Array(baskets.groups.length);
  for (const g of baskets.groupOf) if (g >= 0) sizes[g]++;
  const members = [...sizes].map((size) => new Uint32Array(size));
  const filled = new Uint32Array(baskets.groups.length);
  baskets.groupOf.forEach((g, i) => { if (g >= 0) members[g][filled[g]++] = i; });
  const order = baskets.groups.map((name, g) => ({ name, g })).sort((a, b) => (a.name < b.name ? -1 : 1));
  return new Map(order.map(({ name, g }) => [name, frequentPairs(baskets, options, members[g])]));
}
