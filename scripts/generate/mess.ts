/**
 * The faults injected into order exports, and their bookkeeping. Each order gets at most
 * one fault role, picked by exact quota per source (so even a small sample holds every
 * kind at least once); the manifest counts the affected rows of each kind.
 */
import type { Random } from '../../analytics/random';

/** Order-level fault roles and the share of a source's orders that get each. */
export const ORDER_FAULT_RATES = {
  /** One line of the order appears twice, byte for byte. */
  exact_duplicate: 0.006,
  /** The whole order is submitted again under a new order id 1–5 minutes later. */
  near_duplicate: 0.004,
  missing_customer_id: 0.003,
  /** A customer id that is not in the customer master. */
  unknown_customer_id: 0.003,
  /** The customer id padded with spaces. */
  padded_customer_id: 0.005,
  /** An unparsable order time. */
  garbage_date: 0.001,
  /** One line with an unparsable amount. */
  garbage_amount: 0.001,
  /** One line with an absurd amount (×1000). */
  outlier_amount: 0.0005,
} as const;
export type OrderFault = keyof typeof ORDER_FAULT_RATES;
export const ORDER_FAULTS = Object.keys(ORDER_FAULT_RATES) as OrderFault[];

/**
 * Fault roles for the orders of one source, given as order indices, written into `roles`
 * (0 = no fault, k = ORDER_FAULTS[k − 1]): a random disjoint pick of max(1, round(rate · n))
 * orders per kind, while orders last.
 */
export function assignFaults(rng: Random, orders: Uint32Array, roles: Uint8Array): void {
  const pool = orders.slice();
  let next = 0;
  ORDER_FAULTS.forEach((fault, k) => {
    const quota = Math.max(1, Math.round(ORDER_FAULT_RATES[fault] * orders.length));
    for (let q = 0; q < quota && next < pool.length; q++, next++) {
      const j = next + rng.int(pool.length - next);
      [pool[next], pool[j]] = [pool[j], pool[next]];
      roles[pool[next]] = k + 1;
    }
  });
}

/** Counters by name, serialised with sorted keys so the manifest is byte-stable. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
