import { parseSourceConfig } from '../../../config/sources';

/** The source config with only a `valuation` section beside one order source. */
const withValuation = (valuation?: unknown) => {
  const sources = [{ name: 'orders', kind: 'csv', entity: 'order_lines', path: 'o.csv', columns: { id: 'order_id', c: 'customer_id', t: 'ordered_at', a: 'amount' } }];
  return parseSourceConfig(valuation === undefined ? { sources } : { sources, valuation });
};

describe('valuation parameters: the `valuation` section of the source config', () => {
  it('fills every documented default when the section is missing', () => {
    expect(withValuation().valuation).toEqual({
      timeUnit: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1, expectedLifetimeYears: 3, profitMargin: 0.2, cacPeriod: 'month',
      penalty: 0, minRepeatCustomersToFit: 50, minSurveyResponses: 30,
      churnThresholds: { highBelowPAlive: 0.3, mediumBelowPAlive: 0.7, highFromGapRatio: 3, mediumFromGapRatio: 1.5 },
    });
  });

  it('takes what is given and defaults the rest', () => {
    expect(withValuation({}).valuation).toEqual(withValuation().valuation);
    const config = withValuation({ margin: 0.4, churnThresholds: { highFromGapRatio: 4 } });
    expect(config.valuation).toMatchObject({ margin: 0.4, horizon: 52, churnThresholds: { highFromGapRatio: 4, mediumFromGapRatio: 1.5 } });
  });

  it('names each invalid field', () => {
    const both = () => withValuation({ margin: 1.5, horizon: 0 });
    expect(both).toThrow(/\n {2}valuation\.margin: /);
    expect(both).toThrow(/\n {2}valuation\.horizon: /);
    expect(() => withValuation({ churnThresholds: { highBelowPAlive: 0.8 } })).toThrow('the high-risk thresholds must be at least as strict as the medium ones');
    expect(() => withValuation({ margn: 0.5 })).toThrow(/\n {2}valuation: Unrecognized key: "margn"/);
  });
});
