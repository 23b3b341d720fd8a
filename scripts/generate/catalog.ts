/**
 * What the sample shop sells: six categories (品类) with a few dozen products each. Prices
 * are log-normal around a category median and end in 9 like real shelf prices; products
 * are sorted by price so a behaviour's price tilt can lean cheap or premium.
 */
import { Random } from '../../analytics/random';

export interface Category {
  code: string;
  /** The label exports carry (Chinese). */
  zh: string;
  /** Product-id prefix. */
  prefix: string;
  medianFen: number;
  sigma: number;
  /** Mean number of extra units beyond the first per line (food and baby goods come in packs). */
  extraUnits: number;
}

export const CATEGORIES: readonly Category[] = [
  { code: 'apparel', zh: '服饰', prefix: 'FS', medianFen: 19_900, sigma: 0.6, extraUnits: 0.2 },
  { code: 'beauty', zh: '美妆', prefix: 'MZ', medianFen: 25_900, sigma: 0.5, extraUnits: 0.3 },
  { code: 'electronics', zh: '数码', prefix: 'SM', medianFen: 129_900, sigma: 0.8, extraUnits: 0.02 },
  { code: 'food', zh: '食品', prefix: 'SP', medianFen: 5_900, sigma: 0.5, extraUnits: 1.5 },
  { code: 'home', zh: '家居', prefix: 'JJ', medianFen: 15_900, sigma: 0.7, extraUnits: 0.3 },
  { code: 'baby', zh: '母婴', prefix: 'MY', medianFen: 18_900, sigma: 0.6, extraUnits: 0.8 },
];

export const PRODUCTS_PER_CATEGORY = 40;

/** Products of one category, cheapest first. */
export interface Shelf {
  ids: string[];
  priceFen: Int32Array;
}

/** A shelf price: ¥X9.00 from ¥20 up, ¥X.90 below. */
function shelfPrice(fen: number): number {
  if (fen >= 2_000) return Math.max(1_900, Math.round(fen / 1_000) * 1_000 - 100);
  return Math.max(190, Math.round(fen / 100) * 100 - 10);
}

/** The catalogue for a seed: one shelf per entry of CATEGORIES. */
export function buildCatalog(seed: number): Shelf[] {
  const rng = Random.stream(seed, 'catalog');
  return CATEGORIES.map((category) => {
    const prices = Array.from({ length: PRODUCTS_PER_CATEGORY }, () => shelfPrice(category.medianFen * Math.exp(rng.normal(0, category.sigma))));
    prices.sort((a, b) => a - b);
    return {
      ids: prices.map((_, i) => `${category.prefix}${String(i + 1).padStart(4, '0')}`),
      priceFen: Int32Array.from(prices),
    };
  });
}

/**
 * A product index on a shelf of `size`, leaning cheap when `tilt` > 1 and premium when < 1
 * (index = ⌊size · u^tilt⌋ with u uniform).
 */
export function pickProduct(rng: Random, size: number, tilt: number): number {
  return Math.min(size - 1, Math.floor(size * Math.pow(rng.next(), tilt)));
}
