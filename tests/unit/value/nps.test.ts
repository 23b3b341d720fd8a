import { customerSatisfaction } from '../../../analytics/value/csat';
import { netPromoterScore } from '../../../analytics/value/nps';
import { summarizeSurveys } from '../../../analytics/value/surveys';

describe('netPromoterScore (Reichheld 2003: % 9–10 − % 0–6)', () => {
  it('works out by hand', () => {
    // promoters 10, 10, 9 (3); passive 8 (1); detractor 2 (1) → (3 − 1) / 5 = 40
    expect(netPromoterScore([10, 10, 9, 8, 2])).toEqual({ responses: 5, promoters: 3, passives: 1, detractors: 1, nps: 40, smallSample: true });
    // 4 promoters, 2 passives, 4 detractors → 0
    expect(netPromoterScore([10, 9, 9, 8, 7, 6, 5, 0, 10, 3]).nps).toBe(0);
    expect(netPromoterScore([0, 6]).nps).toBe(-100);
  });

  it('flags small samples against a configurable minimum (default 30) and has no score without answers', () => {
    expect(netPromoterScore(Array.from({ length: 30 }, () => 9)).smallSample).toBe(false);
    expect(netPromoterScore([10, 10, 9, 8, 2], { minSample: 5 }).smallSample).toBe(false);
    expect(netPromoterScore([])).toMatchObject({ responses: 0, nps: null, smallSample: true });
  });

  it('rejects scores outside 0–10', () => {
    expect(() => netPromoterScore([10, 11])).toThrow('netPromoterScore: score 1 must be an integer from 0 to 10, got 11');
    expect(() => netPromoterScore([7.5])).toThrow(/score 0 must be an integer/);
  });
});

describe('customerSatisfaction (CSAT = % of 4–5 on 1–5)', () => {
  it('works out by hand', () => {
    // 5, 4, 4, 5, 5 satisfied of 8 → 62.5 %
    expect(customerSatisfaction([5, 4, 4, 3, 2, 1, 5, 5])).toEqual({ responses: 8, satisfied: 5, csat: 62.5, smallSample: true });
  });

  it('rejects scores outside 1–5', () => {
    expect(() => customerSatisfaction([0])).toThrow('customerSatisfaction: score 0 must be an integer from 1 to 5, got 0');
  });
});

describe('summarizeSurveys', () => {
  const responses = [
    { answeredAt: '2024-05-02', nps: 10, csat: 5, group: 'Champions' },
    { answeredAt: '2024-05-20T10:00:00+08:00', nps: 3, csat: 2, group: 'At risk' },
    { answeredAt: '2024-06-01', nps: 9, group: 'Champions' }, // NPS only
    { answeredAt: '2024-06-11', csat: 4 }, // CSAT only, no group
  ];

  it('overall', () => {
    const [all] = summarizeSurveys(responses, { by: 'overall' });
    expect(all.key).toBe('all');
    expect(all.nps).toMatchObject({ responses: 3, promoters: 2, detractors: 1 }); // (2 − 1) / 3
    expect(all.nps.nps).toBeCloseTo(100 / 3, 12);
    expect(all.csat).toMatchObject({ responses: 3, satisfied: 2 });
  });

  it('by group and by month, with counts', () => {
    const byGroup = summarizeSurveys(responses, { by: 'group', minSample: 2 });
    expect(byGroup.map((g) => [g.key, g.nps.nps, g.nps.responses, g.csat.csat, g.nps.smallSample])).toEqual([
      ['At risk', -100, 1, 0, true],
      ['Champions', 100, 2, 100, false],
      ['unknown', null, 0, 100, true],
    ]);
    const byMonth = summarizeSurveys(responses, { by: 'period' });
    expect(byMonth.map((m) => [m.key, m.nps.nps, m.csat.csat])).toEqual([
      ['2024-05', 0, 50],
      ['2024-06', 100, 100],
    ]);
  });
});
