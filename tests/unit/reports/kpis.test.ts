/** KPIs against the previous run, the warnings read off them, and how numbers print. */
import { buildKpis, buildWarnings, KPI_DEFINITIONS, type KpiValues } from '../../../reports/kpis';
import { formatChange, formatValue } from '../../../reports/format';

function values(overrides: Partial<KpiValues>): KpiValues {
  const zero = Object.fromEntries(Object.keys(KPI_DEFINITIONS).map((k) => [k, 0])) as KpiValues;
  return { ...zero, ...overrides };
}

describe('buildKpis', () => {
  it('pairs each KPI with the previous run, or null without one', () => {
    const kpis = buildKpis(values({ orders: 6 }), values({ orders: 5 }));
    expect(kpis.find((k) => k.key === 'orders')).toMatchObject({ value: 6, previous: 5, format: 'integer' });
    expect(buildKpis(values({ orders: 6 }), null).every((k) => k.previous === null)).toBe(true);
  });
});

describe('buildWarnings', () => {
  it('warns on quarantine rate, churn-risk growth and revenue fall past their thresholds', () => {
    // 3% > 2% quarantined; churn risk 100 → 115 is +15% > 10%; 28-day revenue 1000 → 700 is −30% < −20%.
    const kpis = buildKpis(values({ quarantine_rate: 0.03, churn_risk_customers: 115, revenue_28d: 700 }), values({ churn_risk_customers: 100, revenue_28d: 1000 }));
    expect(buildWarnings(kpis, []).map((w) => w.message.en)).toEqual([
      '3.0% of rows quarantined, above 2.0%: see the data-quality sheet',
      'Churn-risk customers up 15.0% on the previous run',
      'Last-28-days net revenue down 30.0% on the previous run',
    ]);
  });

  it('stays quiet inside the thresholds and without a previous run', () => {
    // 2% is not above 2%; +10% is not above 10%; −10% is not a fall past 20%.
    const kpis = buildKpis(values({ quarantine_rate: 0.02, churn_risk_customers: 110, revenue_28d: 900 }), values({ churn_risk_customers: 100, revenue_28d: 1000 }));
    expect(buildWarnings(kpis, [])).toEqual([]);
    expect(buildWarnings(buildKpis(values({ churn_risk_customers: 500 }), null), [])).toEqual([]);
  });

  it('lists stages with no results as information, in both languages', () => {
    const [info] = buildWarnings(buildKpis(values({}), null), ['forecast']);
    expect(info).toEqual({ level: 'info', message: { zh: '销售预测：本次运行未计算', en: 'Sales forecast: not computed in this run' } });
  });
});

describe('format', () => {
  it('prints currency, integers, percents and changes', () => {
    expect(formatValue(2100, 'currency')).toBe('¥2,100.00');
    expect(formatValue(19867.4, 'integer')).toBe('19,867');
    expect(formatValue(0.0133, 'percent')).toBe('1.3%');
    expect(formatValue(null, 'currency')).toBe('—');
    expect(formatChange(2350, 2100)).toBe('+11.9%');
    expect(formatChange(90, 100)).toBe('−10.0%');
    expect(formatChange(5, 0)).toBe('—');
  });
});
