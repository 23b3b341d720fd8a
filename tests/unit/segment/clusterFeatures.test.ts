import type { CustomerFeatures } from '../../../analytics/profile/features';
import { clusterFeatureRows } from '../../../analytics/segment/clusterFeatures';

const customer = (id: string, over: Partial<CustomerFeatures>): CustomerFeatures => ({
  customerId: id, recencyDays: 10, frequency: 2, monetary: 100, tenureDays: 50, averageOrderValue: 50,
  meanInterPurchaseDays: 40, lastGapDays: 40, spendTrend: 0, spendTrendRelative: 0,
  categoryShares: {}, channelShares: {}, topCategory: null, topChannel: null, mostActiveWeekday: 0, mostActiveHour: 0, ...over,
});

describe('clusterFeatureRows', () => {
  it('clusters only the features the data carry: no channel shares or ages → RFM, tenure and order value', () => {
    const { features } = clusterFeatureRows([customer('a', { frequency: 1 }), customer('b', { recencyDays: 3 })]);
    expect(features.map((f) => f.key)).toEqual(['recency_days', 'frequency']);
  });

  it('uses store and mobile shares and age when present, imputing an unknown age with the mean', () => {
    const rows = [
      customer('a', { channelShares: { store: 1 }, age: 60, monetary: 300 }),
      customer('b', { channelShares: { app: 0.5, mini_program: 0.25, web: 0.25 }, age: 20, monetary: 100 }),
      customer('c', { channelShares: { web: 1 }, age: null, monetary: 200 }),
    ];
    const { features, raw, scaled } = clusterFeatureRows(rows);
    const keys = features.map((f) => f.key);
    expect(keys).toEqual(['monetary', 'store_share', 'mobile_share', 'age']);
    expect(raw.map((r) => r[keys.indexOf('store_share')])).toEqual([1, 0, 0]);
    expect(raw.map((r) => r[keys.indexOf('mobile_share')])).toEqual([0, 0.75, 0]);
    expect(raw.map((r) => r[keys.indexOf('age')])).toEqual([60, 20, 40]);
    // Money is clustered on a log scale, shares and age as they are.
    expect(scaled[0][0]).toBeCloseTo(Math.log1p(300), 12);
    expect(scaled[0][keys.indexOf('age')]).toBe(60);
  });
});
