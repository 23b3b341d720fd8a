/**
 * Shopping-festival buying (大促): the local days inside a shopping festival's window (618,
 * Double 11 双十一 and Double 12 双十二, as dated by the holiday calendar) and how strongly a
 * customer's orders concentrate there.
 *
 * A plain "share of orders on festival days" confuses a festival hunter with a customer who
 * started buying in late October (most of whose days so far were Double 11 days), so the
 * share is compared with the customer's exposure: the share of days since their first order
 * that were festival days.
 */
import { FIRST_FESTIVAL_YEAR, holidayCalendar, SHOPPING_FESTIVALS } from '../forecast/holidays';
import { parseDay } from '../calendar';

// No festival days before FIRST_FESTIVAL_YEAR: on older data (CDNOW's 1997–98 orders) the
// festival lift is 0 for everyone and the clustering leaves it out.

/**
 * Every day inside a shopping festival window in the years fromYear..toYear (none before
 * FIRST_FESTIVAL_YEAR), as epoch days (days since 1970-01-01), ascending.
 */
export function shoppingFestivalDays(fromYear: number, toYear: number): number[] {
  const days = new Set<number>();
  const from = Math.max(fromYear, FIRST_FESTIVAL_YEAR);
  for (const h of from > toYear ? [] : holidayCalendar(from, toYear, SHOPPING_FESTIVALS)) {
    for (let d = parseDay(h.start); d <= parseDay(h.end); d++) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

/** How many of the ascending `days` fall in [from, to] (binary search). */
export function countDaysBetween(days: readonly number[], from: number, to: number): number {
  const firstAtLeast = (x: number) => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, firstAtLeast(to + 1) - firstAtLeast(from));
}

/**
 * log((festival orders + 1) / (orders × exposure + 1)): about 0 when a customer buys on
 * festival days as often as the festival days they lived through predict, > 0 when their
 * orders concentrate there. The +1 on both sides keeps a customer with one or two orders from
 * looking extreme.
 * @throws RangeError unless 0 ≤ festivalOrders ≤ orders and 0 ≤ exposure ≤ 1.
 * @example festivalLift(3, 4, 0.1) // log(4 / 1.4) ≈ 1.05
 */
export function festivalLift(festivalOrders: number, orders: number, exposure: number): number {
  if (!(festivalOrders >= 0 && festivalOrders <= orders && exposure >= 0 && exposure <= 1)) {
    throw new RangeError(`festivalLift: need 0 ≤ festivalOrders (${festivalOrders}) ≤ orders (${orders}) and 0 ≤ exposure (${exposure}) ≤ 1`);
  }
  return Math.log((festivalOrders + 1) / (orders * exposure + 1));
}
