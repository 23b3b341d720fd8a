import { parseSourceConfig } from '../../../config/sources';
import { parseValuation } from '../../../config/valuation';

describe('valuation parameters', () => {
  it('fills every documented default when the section is missing', () => {
    expect(parseValuation(undefined)).toEqual({
      timeUnit: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1, expectedLifetimeYears: 3, profitMargin: 0.2, cacPeriod: 'month',
      penalty: 0, minRepeatCustomersToFit: 50, minSurveyResponses: 30,
      churnThresholds: { highBelowPAlive: 0.3, mediumBelowPAlive: 0.7, highFromGapRatio: 3, mediumFromGapRatio: 1.5 },
    });
  });

  it('is the optional `valuation` section of the source config', () => {
    const sources = [{ name: 'orders', kind: 'csv', entity: 'order_lines', path: 'o.csv', columns: { id: 'order_id', c: 'customer_id', t: 'ordered_at', a: 'amount' } }];
    expect(parseSourceConfig({ sources }).valuation).toEqual(parseValuation({}));
    const config = parseSourceConfig({ sources, valuation: { margin: 0.4, churnThresholds: { highFromGapRatio: 4 } } });
    expect(config.valuation).toMatchObject({ margin: 0.4, horizon: 52, churnThresholds: { highFromGapRatio: 4, mediumFromGapRatio: 1.5 } });
  });

  it('names each invalid field', () => {
    const both = () => parseValuation({ margin: 1.5, horizon: 0 });
    expect(both).toThrow(/\n {2}valuation\.margin: /);
    expect(both).toThrow(/\n {2}valuation\.horizon: /);
    expect(() => parseValuation({ churnThresholds: { highBelowPAlive: 0.8 } })).toThrow('the high-risk thresholds must be at least as strict as the medium ones');
    expect(() => parseValuation({ margn: 0.5 })).toThrow('valuation.');
  });
});
