import { forecastRiskWarnings, type PeriodOutcome } from '../../../analytics/forecast/riskWarnings';

const web: PeriodOutcome = { seriesId: 'week:channel:web', dimension: 'channel', member: 'web', period: '2026-W47', actual: 60_000 };

describe('forecast risk warnings', () => {
  it('warns when the last period falls below an earlier run’s 95 % interval, and informs when above', () => {
    const below = forecastRiskWarnings([{ ...web, earlier: { runId: 'run-2026-11-15', forecast: 100_000, inside95: false } }], { fallShare: 0.2 });
    expect(below.map((w) => [w.kind, w.severity])).toEqual([
      ['outside_interval', 'warning'],
      ['revenue_fall', 'warning'],
    ]);
    expect(below[0].message.en).toBe("channel web (week:channel:web) 2026-W47: actual ¥60,000 below the 95% interval of run-2026-11-15's forecast (¥100,000)");
    // The fall names the run whose forecast it compares with.
    expect(below[1].message.zh).toBe('渠道 web（week:channel:web） 2026-W47 收入 ¥60,000，比 run-2026-11-15 的预测（¥100,000）下降 40.0%');
    expect(below[1].message.en).toBe("channel web (week:channel:web) 2026-W47: revenue ¥60,000, 40.0% below run-2026-11-15's forecast (¥100,000)");
    const above = forecastRiskWarnings([{ ...web, actual: 150_000, earlier: { runId: 'r', forecast: 100_000, inside95: false } }], { fallShare: 0.2 });
    expect(above.map((w) => [w.kind, w.severity])).toEqual([['outside_interval', 'info']]);
  });

  it('compares with the same period last year when no earlier forecast exists; a fall within the share is no warning', () => {
    const warnings = forecastRiskWarnings(
      [
        { ...web, lastYear: 80_000 }, // −25 %
        { ...web, seriesId: 'week:total', dimension: 'total', member: '', actual: 90_000, lastYear: 100_000 }, // −10 %
      ],
      { fallShare: 0.2 },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'revenue_fall', seriesId: 'week:channel:web', value: 60_000, reference: 80_000 });
    expect(warnings[0].message.en).toMatch(/25\.0% below the same period last year \(¥80,000\)/);
    expect(() => forecastRiskWarnings([], { fallShare: 1.5 })).toThrow(/fallShare must be in \(0, 1\)/);
  });

  it('compares customer groups with earlier forecasts only, never with last year over today\'s members', () => {
    const churnRisk: PeriodOutcome = { seriesId: 'week:customer_group:churn_risk', dimension: 'customer_group', member: 'churn_risk', period: '2026-W47', actual: 6_000, lastYear: 100_000 };
    // −94 % on last year: the group's members were buying then, which is why they are in it now. No warning.
    expect(forecastRiskWarnings([churnRisk], { fallShare: 0.2 })).toEqual([]);
    // 25 % below the earlier run's forecast (8,000): a warning, against that forecast.
    const warnings = forecastRiskWarnings([{ ...churnRisk, earlier: { runId: 'run-2026-11-15', forecast: 8_000, inside95: true } }], { fallShare: 0.2 });
    expect(warnings).toMatchObject([{ kind: 'revenue_fall', value: 6_000, reference: 8_000 }]);
    expect(warnings[0].message.en).toMatch(/25\.0% below run-2026-11-15's forecast \(¥8,000\)$/);
  });
});
