import type { CustomerFeatures } from '../../../analytics/profile/features';
import { PRIOR_ORDERS, clusterFeatureRows } from '../../../analytics/segment/clusterFeatures';
import { rowOf, type Points } from '../../../analytics/segment/points';

const rowsOf = (points: Points) => Array.from({ length: points.n }, (_, i) => rowOf(points, i));
/** clusterFeatureRows with its points as plain rows. */
const featureRows = (customers: CustomerFeatures[]) => {
  const { features, raw, scaled } = clusterFeatureRows(customers);
  return { features, raw: rowsOf(raw), scaled: rowsOf(scaled) };
};

const customer = (id: string, over: Partial<CustomerFeatures>): CustomerFeatures => ({
  customerId: id, recencyDays: 10, frequency: 2, monetary: 100, tenureDays: 50, averageOrderValue: 50,
  meanInterPurchaseDays: 40, lastGapDays: 40, spendTrend: 0, spendTrendRelative: 0,
  categoryShares: {}, channelShares: {}, topCategory: null, topChannel: null, mostActiveWeekday: 0, mostActiveHour: 0, festivalOrders: 0, festivalExposure: 0,
  priceIndex: null, unitsPerLine: null, firstOrderAt: 0, lastOrderAt: 0, ...over,
});

describe('clusterFeatureRows', () => {
  it('clusters only the features the data carry: no channel shares or ages → RFM, tenure and order value', () => {
    const { features } = clusterFeatureRows([customer('a', { frequency: 1 }), customer('b', { recencyDays: 3 })]);
    expect(features.map((f) => f.key)).toEqual(['recency_days', 'frequency']);
  });

  it('uses store and mobile shares and age when present, imputing an unknown age with the mean', () => {
    const rows = [
      customer('a', { channelShares: { store: 1 }, age: 60, averageOrderValue: 300 }),
      customer('b', { channelShares: { app: 0.5, mini_program: 0.25, web: 0.25 }, age: 20, averageOrderValue: 100 }),
      customer('c', { channelShares: { web: 1 }, age: null, averageOrderValue: 200 }),
    ];
    const { features, raw, scaled } = featureRows(rows);
    const keys = features.map((f) => f.key);
    expect(keys).toEqual(['average_order_value', 'store_share', 'mobile_share', 'age']);
    expect(raw.map((r) => r[keys.indexOf('store_share')])).toEqual([1, 0, 0]);
    expect(raw.map((r) => r[keys.indexOf('mobile_share')])).toEqual([0, 0.75, 0]);
    expect(raw.map((r) => r[keys.indexOf('age')])).toEqual([60, 20, 40]);
    // Money is clustered on a log scale, age as it is.
    expect(scaled[0][0]).toBeCloseTo(Math.log1p(300), 12);
    expect(scaled[0][keys.indexOf('age')]).toBe(60);
  });

  it('leaves out monetary, which log frequency and log order value already carry', () => {
    const { features } = clusterFeatureRows([customer('a', { monetary: 100 }), customer('b', { monetary: 900 })]);
    expect(features).toHaveLength(0);
  });

  it('shrinks per-order shares toward the mean by PRIOR_ORDERS pseudo-orders', () => {
    // Store shares 1 (one order) and 0 (two orders): mean 0.5; a → (1·1 + 4·0.5)/5, b → (2·0 + 4·0.5)/6.
    const rows = [customer('a', { frequency: 1, channelShares: { store: 1 } }), customer('b', { frequency: 2, channelShares: { web: 1 } })];
    expect(PRIOR_ORDERS).toBe(4);
    const { features, raw, scaled } = featureRows(rows);
    const store = features.findIndex((f) => f.key === 'store_share');
    expect(raw.map((r) => r[store])).toEqual([1, 0]);
    expect(scaled[0][store]).toBeCloseTo(0.6, 12);
    expect(scaled[1][store]).toBeCloseTo(1 / 3, 12);
  });

  it('clusters the festival lift, price position and units per line when the profiles carry them', () => {
    const rows = [
      customer('a', { frequency: 4, festivalOrders: 3, festivalExposure: 0.1, priceIndex: -0.5, unitsPerLine: 2 }),
      customer('b', { frequency: 4, festivalOrders: 0, festivalExposure: 0.1, priceIndex: 0.5, unitsPerLine: 1 }),
    ];
    const { features, raw } = featureRows(rows);
    const keys = features.map((f) => f.key);
    expect(keys).toEqual(['festival_lift', 'price_index', 'units_per_line']);
    expect(raw.map((r) => r[0])).toEqual([Math.log(4 / 1.4), Math.log(1 / 1.4)]);
  });
});
