import { ANALYSIS_STEPS, stageOfStep, stepNeeds, type AnalysisStep } from '../../../contract/stages';

describe('what each step after clean needs', () => {
  it('derives from the tables each step reads the steps that write them', () => {
    expect(Object.fromEntries(ANALYSIS_STEPS.map((step) => [step, stepNeeds(step)]))).toEqual({
      // Both read only what clean wrote.
      voice: [],
      profile: [],
      // Profiles and each customer's voice tags; the negative-comment share per segment reads comment_sentiment.
      segment: ['voice', 'profile'],
      // The personas join segments, profiles and voice; product affinity reads the order lines.
      describeSegments: ['voice', 'profile', 'segment'],
      // Profitability and survey scores per segment: nothing of the segments' descriptions.
      value: ['segment'],
      // Series per customer group read the segments; the customer-based backtest refits on clean orders, not on the value stage's models.
      forecastPart: ['segment'],
      // The customer-based forecast reads customer_value and value_models; the track record the run's stored points.
      forecastSummary: ['segment', 'value', 'forecastPart'],
      render: ['voice', 'profile', 'segment', 'describeSegments', 'value', 'forecastPart', 'forecastSummary'],
      send: ['render'],
    });
  });

  it('runs voice beside profile, and the descriptions, values and series beside each other', () => {
    const independent = (a: AnalysisStep, b: AnalysisStep) => !stepNeeds(a).includes(b) && !stepNeeds(b).includes(a);
    expect(independent('voice', 'profile')).toBe(true);
    expect(independent('describeSegments', 'value')).toBe(true);
    expect(independent('forecastPart', 'value')).toBe(true);
    expect(independent('forecastPart', 'describeSegments')).toBe(true);
    expect(independent('forecastSummary', 'value')).toBe(false);
  });

  it('lists every step after the steps it needs, so the old one-after-another order is a valid order of the graph', () => {
    for (const [index, step] of ANALYSIS_STEPS.entries()) {
      for (const need of stepNeeds(step)) expect({ step, need, before: ANALYSIS_STEPS.indexOf(need) < index }).toEqual({ step, need, before: true });
    }
  });

  it('names the stage of each step', () => {
    expect(ANALYSIS_STEPS.map(stageOfStep)).toEqual(['voice', 'profile', 'segment', 'segment', 'value', 'forecast', 'forecast', 'publish', 'publish']);
  });
});
