import { type OrderRow, customerFeatures } from '../../../analytics/profile/features';

const at = (iso: string) => new Date(iso);
const asOf = at('2024-07-01T00:00:00Z');

// Customer a: three orders (one of two lines), b: one order; one row after asOf is ignored.
const orders: OrderRow[] = [
  { customerId: 'a', orderId: 'o1', orderedAt: at('2024-01-02T10:00:00Z'), amount: 100, channel: 'app', category: 'food' },
  { customerId: 'a', orderId: 'o1', orderedAt: at('2024-01-02T10:00:00Z'), amount: 50, channel: 'app', category: 'toys' },
  { customerId: 'b', orderId: 'o2', orderedAt: at('2024-06-21T15:30:00Z'), amount: 80, channel: 'store', category: 'food' },
  { customerId: 'a', orderId: 'o3', orderedAt: at('2024-05-02T10:00:00Z'), amount: 200, channel: 'store', category: 'food' },
  { customerId: 'a', orderId: 'o4', orderedAt: at('2024-06-11T20:00:00Z'), amount: 150, channel: 'app', category: 'food' },
  { customerId: 'a', orderId: 'o5', orderedAt: at('2024-07-05T10:00:00Z'), amount: 999, channel: 'app', category: 'food' },
];

describe('customerFeatures', () => {
  const [a, b] = customerFeatures(orders, { asOf });

  it('computes RFM, tenure and order value by hand', () => {
    // a: last order 2024-06-11 20:00 → 19 days 4 hours before asOf; first 2024-01-02 10:00 → 180 days 14 h.
    expect(a.customerId).toBe('a');
    expect(a.recencyDays).toBeCloseTo(19 + 4 / 24, 10);
    expect(a.frequency).toBe(3);
    expect(a.monetary).toBe(500);
    expect(a.tenureDays).toBeCloseTo(180 + 14 / 24, 10);
    expect(a.averageOrderValue).toBeCloseTo(500 / 3, 10);
    // (last − first) / (3 − 1) and the gap 2024-05-02 10:00 → 2024-06-11 20:00.
    expect(a.meanInterPurchaseDays).toBeCloseTo((161 + 10 / 24) / 2, 10);
    expect(a.lastGapDays).toBeCloseTo(40 + 10 / 24, 10);
  });

  it('gives one-order customers no inter-purchase time', () => {
    expect(b.frequency).toBe(1);
    expect(b.meanInterPurchaseDays).toBeNull();
    expect(b.lastGapDays).toBeNull();
    expect(b.tenureDays).toBe(b.recencyDays);
  });

  it('computes spend shares by category and channel', () => {
    expect(a.categoryShares).toEqual({ food: 450 / 500, toys: 50 / 500 });
    expect(a.channelShares).toEqual({ app: 300 / 500, store: 200 / 500 });
    expect(a.topCategory).toBe('food');
    expect(a.topChannel).toBe('app');
  });

  it('finds the most active weekday and hour (UTC, or shifted by utcOffsetMinutes)', () => {
    // 2024-01-02 and 2024-05-02 were a Tuesday and a Thursday, 2024-06-11 a Tuesday.
    expect(a.mostActiveWeekday).toBe(2);
    expect(a.mostActiveHour).toBe(10);
    const [shifted] = customerFeatures(orders, { asOf, utcOffsetMinutes: 480 });
    expect(shifted.mostActiveHour).toBe(18); // Beijing time
    expect(shifted.mostActiveWeekday).toBe(2); // one order each Tue, Thu, Wed (06-12 04:00): ties → earliest
  });

  it('fits the spend trend over the periods since the first order', () => {
    // 30-day periods ending at asOf, oldest first: a spent [0, 0, 0, 0, 200, 150]
    // (2024-05-02 is 59.6 days before asOf, 2024-06-11 19.2 days; 2024-01-02 is 180.6 days, outside).
    // OLS over x = 0…5: Σ(x − 2.5)·y = 1.5·200 + 2.5·150 = 675, Σ(x − 2.5)² = 17.5 → slope 38.571…;
    // mean per period 350 / 6 → relative trend 675 / 17.5 / (350 / 6) = 0.66122…
    expect(a.spendTrend).toBeCloseTo(675 / 17.5, 10);
    expect(a.spendTrendRelative).toBeCloseTo(675 / 17.5 / (350 / 6), 10);
    expect(b.spendTrend).toBe(0); // one period old: no trend yet
  });

  it('counts orders on shopping-festival days and the festival share of the days since the first order', () => {
    // a: 2024-06-11 is inside the 618 window (06-01…06-18); the 181 days 2024-01-02…06-30 (the day
    // before the exclusive asOf) hold its 18 days. b: first order 06-21, after the window.
    expect([a.festivalOrders, a.festivalExposure]).toEqual([1, 18 / 181]);
    expect([b.festivalOrders, b.festivalExposure]).toEqual([0, 0]);
    // In Beijing time asOf's day is 07-01 (182 days); 06-18 17:00 UTC is already 06-19 there.
    const late: OrderRow = { customerId: 'c', orderId: 'o9', orderedAt: at('2024-06-18T17:00:00Z'), amount: 10 };
    const [shiftedA, , c] = customerFeatures([...orders, late], { asOf, utcOffsetMinutes: 480 });
    expect(shiftedA.festivalExposure).toBe(18 / 182);
    expect(c.festivalOrders).toBe(0);
    expect(customerFeatures([late], { asOf })[0].festivalOrders).toBe(1);
  });

  it('counts every row as an order when there is no orderId, and rejects bad rows', () => {
    const rows = orders.map(({ orderId: _orderId, ...row }) => row);
    expect(customerFeatures(rows, { asOf })[0].frequency).toBe(4);
    expect(() => customerFeatures([{ customerId: 'x', orderedAt: at('bad'), amount: 1 }], { asOf })).toThrow(/row 0/);
  });
});
