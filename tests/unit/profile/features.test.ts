import { requireIsoDay } from '../../../analytics/calendar';
import { customerFeatures, type CountedOrder, type FeatureContext, type SaleLine } from '../../../analytics/profile/features';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const line = (channel: string | null, category: string | null, amount: number, quantity = 1, unitPrice: number | null = null): SaleLine => ({ channel, category, amount, quantity, unitPrice });
/** An order on the UTC clock, or on a clock `offsetHours` east of UTC. */
const order = (orderId: string, iso: string, lines: SaleLine[], offsetHours = 0): CountedOrder => ({
  orderId, orderedAt: at(iso), localTime: at(iso) + offsetHours * HOUR, netAmount: lines.reduce((s, l) => s + l.amount, 0), lines,
});

// As of 2024-06-30 (UTC): the cutoff is 2024-07-01T00:00Z. Medians: food 50, toys 50.
const context: FeatureContext = { cutoff: at('2024-07-01T00:00:00Z'), asOfDay: requireIsoDay('2024-06-30', 'test', 'as-of'), categoryMedianPrice: new Map([['food', 50], ['toys', 50]]) };
// Customer a: three orders (the first of two lines); b: one order.
const aOrders = (offsetHours = 0) => [
  order('o4', '2024-06-11T20:00:00Z', [line('app', 'food', 150)], offsetHours),
  order('o1', '2024-01-02T10:00:00Z', [line('app', 'food', 100, 1, 100), line('app', 'toys', 50, 1, 50)], offsetHours),
  order('o3', '2024-05-02T10:00:00Z', [line('store', 'food', 200, 2, 100), line('store', 'food', 0, 1, 5)], offsetHours),
];
const bOrders = [order('o2', '2024-06-21T15:30:00Z', [line('store', 'food', 80)])];

describe('customerFeatures', () => {
  const a = customerFeatures('a', aOrders(), context);
  const b = customerFeatures('b', bOrders, context);

  it('computes RFM, tenure and order value by hand', () => {
    // a: last order 2024-06-11 20:00 → 19 days 4 hours before the cutoff; first 2024-01-02 10:00 → 180 days 14 h.
    expect(a.customerId).toBe('a');
    expect(a.recencyDays).toBeCloseTo(19 + 4 / 24, 10);
    expect(a.frequency).toBe(3);
    expect(a.monetary).toBe(500);
    expect(a.tenureDays).toBeCloseTo(180 + 14 / 24, 10);
    expect(a.averageOrderValue).toBe(166.67); // 500 / 3 to the cent, as stored
    // (tenure − recency) / (3 − 1) and the gap 2024-05-02 10:00 → 2024-06-11 20:00.
    expect(a.meanInterPurchaseDays).toBeCloseTo((161 + 10 / 24) / 2, 10);
    expect(a.lastGapDays).toBeCloseTo(40 + 10 / 24, 10);
    expect([a.firstOrderAt, a.lastOrderAt]).toEqual([at('2024-01-02T10:00:00Z'), at('2024-06-11T20:00:00Z')]);
  });

  it('gives one-order customers no inter-purchase time', () => {
    expect(b.frequency).toBe(1);
    expect(b.meanInterPurchaseDays).toBeNull();
    expect(b.lastGapDays).toBeNull();
    expect(b.tenureDays).toBe(b.recencyDays);
  });

  it('sums net amounts to the cent', () => {
    const cents = customerFeatures('c', [order('x', '2024-06-01T00:00:00Z', [line(null, null, 0.1)]), order('y', '2024-06-02T00:00:00Z', [line(null, null, 0.2)])], context);
    expect(cents.monetary).toBe(0.3);
  });

  it('computes spend shares by category and channel over the lines with a positive amount', () => {
    expect(a.categoryShares).toEqual({ food: 450 / 500, toys: 50 / 500 });
    expect(a.channelShares).toEqual({ app: 300 / 500, store: 200 / 500 });
    expect(a.topCategory).toBe('food');
    expect(a.topChannel).toBe('app');
  });

  it('finds the most active weekday and hour on the local clock', () => {
    // 2024-01-02 and 2024-05-02 were a Tuesday and a Thursday, 2024-06-11 a Tuesday.
    expect(a.mostActiveWeekday).toBe(2);
    expect(a.mostActiveHour).toBe(10);
    const shifted = customerFeatures('a', aOrders(8), { ...context, asOfDay: requireIsoDay('2024-07-01', 'test', 'as-of') });
    expect(shifted.mostActiveHour).toBe(18); // Beijing time
    expect(shifted.mostActiveWeekday).toBe(2); // one order each Tue, Thu, Wed (06-12 04:00): ties → earliest
  });

  it('fits the spend trend over the periods since the first order', () => {
    // 30-day periods ending at the cutoff, oldest first: a spent [0, 0, 0, 0, 200, 150]
    // (2024-05-02 is 59.6 days before it, 2024-06-11 19.2 days; 2024-01-02 is 180.6 days, outside).
    // OLS over x = 0…5: Σ(x − 2.5)·y = 1.5·200 + 2.5·150 = 675, Σ(x − 2.5)² = 17.5 → slope 38.571…;
    // mean per period 350 / 6 → relative trend 675 / 17.5 / (350 / 6) = 0.66122…
    expect(a.spendTrend).toBeCloseTo(675 / 17.5, 10);
    expect(a.spendTrendRelative).toBeCloseTo(675 / 17.5 / (350 / 6), 10);
    expect(b.spendTrend).toBe(0); // one period old: no trend yet
  });

  it('counts orders on shopping-festival days and the festival share of the days since the first order', () => {
    // a: 2024-06-11 is inside the 618 window (06-01…06-18); the 181 days 2024-01-02…06-30 (the
    // as-of day) hold its 18 days. b: first order 06-21, after the window.
    expect([a.festivalOrders, a.festivalExposure]).toEqual([1, 18 / 181]);
    expect([b.festivalOrders, b.festivalExposure]).toEqual([0, 0]);
    // In Beijing time the as-of day is 07-01 (182 days); 06-18 17:00 UTC is already 06-19 there.
    const beijing = { ...context, asOfDay: requireIsoDay('2024-07-01', 'test', 'as-of') };
    expect(customerFeatures('a', aOrders(8), beijing).festivalExposure).toBe(18 / 182);
    expect(customerFeatures('c', [order('o9', '2024-06-18T17:00:00Z', [line(null, null, 10)], 8)], beijing).festivalOrders).toBe(0);
    expect(customerFeatures('c', [order('o9', '2024-06-18T17:00:00Z', [line(null, null, 10)])], context).festivalOrders).toBe(1);
  });

  it('places unit prices within their category and counts units per line', () => {
    // Priced lines: food at 100 and 100 (twice the median 50), toys at 50 (the median): (ln 2 + 0 + ln 2) / 3.
    // The line of 150 has no unit price; the line of amount 0 counts for nothing. Units: (1 + 1 + 2 + 1) / 4.
    expect(a.priceIndex).toBeCloseTo((2 * Math.log(2)) / 3, 12);
    expect(a.unitsPerLine).toBe(5 / 4);
    expect(b.priceIndex).toBeNull();
  });

  it('refuses a customer without orders, an order at the cutoff and an amount that is not a number', () => {
    expect(() => customerFeatures('x', [], context)).toThrow(/customer x has no orders/);
    expect(() => customerFeatures('x', [order('late', '2024-07-01T00:00:00Z', [line(null, null, 1)])], context)).toThrow(/order late of customer x is at or after the cutoff/);
    expect(() => customerFeatures('x', [{ ...order('nan', '2024-06-01T00:00:00Z', []), netAmount: Number.NaN }], context)).toThrow(/order nan of customer x/);
  });
});
