/**
 * What goes into an order: 1–4 lines drawn from the behaviour's category mix, products
 * leaning cheap or premium by its price tilt, pack sizes by category, and the festival
 * discount (大促价) on the big shopping days. Amounts in fen.
 */
import type { Behaviour } from './behaviours';
import { CATEGORIES, PRODUCTS_PER_CATEGORY, pickProduct, type Shelf } from './catalog';
import type { Random } from '../../analytics/random';

export interface BasketLine {
  productId: string;
  /** Category label as exported (Chinese). */
  category: string;
  quantity: number;
  unitFen: number;
  amountFen: number;
}

/** Festival multiplier from which prices are discounted, and the price paid then. */
const SALE_FESTIVAL = 2;
const SALE_PRICE = 0.8;
/** Redraws of a product already in the basket before accepting a repeat. */
const DISTINCT_ATTEMPTS = 3;

/** The lines of one order on a day with the given festival multiplier. */
export function drawBasket(rng: Random, behaviour: Behaviour, catalog: readonly Shelf[], festival: number): BasketLine[] {
  const size = 1 + rng.categorical(behaviour.basket);
  const basket: BasketLine[] = [];
  const chosen = new Set<string>();
  for (let j = 0; j < size; j++) {
    let c = 0;
    let p = 0;
    for (let attempt = 0; attempt === 0 || (attempt < DISTINCT_ATTEMPTS && chosen.has(catalog[c].ids[p])); attempt++) {
      c = rng.categorical(behaviour.categories);
      p = pickProduct(rng, PRODUCTS_PER_CATEGORY, behaviour.priceTilt);
    }
    const productId = catalog[c].ids[p];
    chosen.add(productId);
    const list = catalog[c].priceFen[p];
    const unitFen = festival >= SALE_FESTIVAL ? Math.round((list * SALE_PRICE) / 10) * 10 : list;
    const quantity = 1 + rng.poisson(CATEGORIES[c].extraUnits * behaviour.bulk);
    basket.push({ productId, category: CATEGORIES[c].zh, quantity, unitFen, amountFen: quantity * unitFen });
  }
  return basket;
}
