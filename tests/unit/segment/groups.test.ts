import {
  GROUP_RULES, type LifecycleInput, customerGroup, groupName, lifecycleStage, valueTiers,
} from '../../../analytics/segment/groups';

const customer = (overrides: Partial<LifecycleInput>): LifecycleInput => ({
  recencyDays: 10, tenureDays: 400, meanInterPurchaseDays: 30, lastGapDays: 30, spendTrendRelative: 0, ...overrides,
});

describe('valueTiers', () => {
  it('cuts at the cumulative revenue share before each customer', () => {
    // Shares before: 0, 0.7, 0.9, 0.96 → high (< 0.8), high, medium (< 0.95), low.
    expect(valueTiers([70, 20, 6, 4])).toEqual(['high', 'high', 'medium', 'low']);
    expect(valueTiers([4, 70, 6, 20], { highRevenueShare: 0.5 })).toEqual(['low', 'high', 'medium', 'medium']);
  });

  it('gives tied customers one tier and non-positive spenders low', () => {
    expect(valueTiers([40, 40, 20, 0, -5])).toEqual(['high', 'high', 'medium', 'low', 'low']);
    expect(valueTiers([0, 0])).toEqual(['low', 'low']);
  });
});

describe('lifecycleStage', () => {
  it('applies the table top to bottom', () => {
    expect(lifecycleStage(customer({ recencyDays: 400 }))).toBe('churned');
    expect(lifecycleStage(customer({ tenureDays: 30, recencyDays: 30 }))).toBe('new');
    expect(lifecycleStage(customer({ lastGapDays: 500 }))).toBe('reactivated');
    expect(lifecycleStage(customer({ recencyDays: 120 }))).toBe('at_risk');
    expect(lifecycleStage(customer({ recencyDays: 70, meanInterPurchaseDays: 20 }))).toBe('at_risk'); // overdue: 70 > 2 × 20
    expect(lifecycleStage(customer({ spendTrendRelative: 0.2 }))).toBe('growing');
    expect(lifecycleStage(customer({}))).toBe('active');
  });

  it('takes thresholds from the caller', () => {
    expect(lifecycleStage(customer({ recencyDays: 200 }), { churnDays: 180 })).toBe('churned');
  });
});

describe('customerGroup', () => {
  it('maps tier and lifecycle to the five groups', () => {
    expect(customerGroup({ tier: 'high', lifecycle: 'at_risk' })).toBe('churn_risk');
    expect(customerGroup({ tier: 'low', lifecycle: 'at_risk' })).toBe('low_value');
    expect(customerGroup({ tier: 'high', lifecycle: 'active' })).toBe('high_value');
    expect(customerGroup({ tier: 'low', lifecycle: 'new' })).toBe('growth_potential');
    expect(customerGroup({ tier: 'medium', lifecycle: 'active' })).toBe('stable');
    expect(customerGroup({ tier: 'low', lifecycle: 'active' })).toBe('low_value');
  });

  it('names the groups in both languages', () => {
    expect(GROUP_RULES.map((r) => groupName(r.key).zh)).toEqual(['流失风险', '高价值', '增长潜力', '稳定', '低价值']);
  });
});
