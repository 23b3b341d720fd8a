import type { EntityName } from '../../../config/canonical';
import type { SourceConfig } from '../../../config/sources';
import { ANALYSIS_STEPS, cleanRulesNeed, runPlan, stageOfStep, stepNeeds, STEPS, type AnalysisStep, type StageStep } from '../../../contract/stages';

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

describe('the clean steps', () => {
  const sources = (...entities: EntityName[]) => ({ sources: entities.map((entity) => ({ entity })) }) as unknown as Pick<SourceConfig, 'sources'>;

  it('standardizes every entity in one wave and applies their rules in the next', () => {
    const clean = runPlan(sources('order_lines', 'customers', 'reviews')).find((s) => s.stage === 'clean')!;
    expect(clean.waves.map((wave) => wave.map((s) => s.key))).toEqual([
      ['clean:customers:standardize', 'clean:order_lines:standardize', 'clean:reviews:standardize'],
      ['clean:customers:rules', 'clean:order_lines:rules', 'clean:reviews:rules'],
    ]);
  });

  it('starts an entity\'s rules once the customers are standardized too, when the run has customers', () => {
    const withCustomers = sources('customers', 'order_lines', 'marketing_spend');
    expect(cleanRulesNeed('order_lines', withCustomers)).toBe('customers');
    expect(cleanRulesNeed('marketing_spend', withCustomers)).toBe('customers');
    expect(cleanRulesNeed('customers', withCustomers)).toBeUndefined();
    expect(cleanRulesNeed('order_lines', sources('order_lines'))).toBeUndefined();
  });

  it('lets the standardizing replace what the rules build from its rows, and the rules only what they build', () => {
    const tables = (step: StageStep) => step.owns.map((o) => `${o.table}${o.where ? ` ${JSON.stringify(o.where)}` : ''}`);
    expect(tables(STEPS.cleanStandardize('order_lines'))).toEqual(['clean_order_lines', 'clean_orders', 'quarantine {"entity":"order_lines"}', 'dq_summary {"entity":"order_lines"}']);
    expect(tables(STEPS.cleanRules('order_lines'))).toEqual(['clean_orders', 'dq_summary {"entity":"order_lines"}']);
    expect(tables(STEPS.cleanRules('reviews'))).toEqual(['dq_summary {"entity":"reviews"}']);
    // A run begun before the steps were apart cleans an entity in one step that owns the same rows.
    expect(tables(STEPS.clean('order_lines'))).toEqual(tables(STEPS.cleanStandardize('order_lines')));
  });
});
