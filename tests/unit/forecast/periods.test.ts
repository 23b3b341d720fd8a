import { defaultSeason, regularSeries } from '../../../analytics/forecast/gaps';
import { formatPeriod, parsePeriod, periodDays } from '../../../analytics/calendar';

describe('period notation (YYYY-MM, YYYY-Www, YYYY-MM-DD)', () => {
  it('round-trips and steps across year ends, ISO week 53 included', () => {
    for (const label of ['2024-01', '2023-12', '2020-W53', '2021-W01', '2024-02-29']) expect(formatPeriod(parsePeriod(label))).toBe(label);
    const w = parsePeriod('2020-W53');
    expect(formatPeriod({ ...w, ordinal: w.ordinal + 1 })).toBe('2021-W01');
    const m = parsePeriod('2023-12');
    expect(formatPeriod({ ...m, ordinal: m.ordinal + 1 })).toBe('2024-01');
  });

  it('gives the days each period covers (ISO weeks run Monday to Sunday)', () => {
    const week = periodDays(parsePeriod('2024-W01'));
    expect(week.end - week.start).toBe(7);
    expect(formatPeriod({ kind: 'day', ordinal: week.start })).toBe('2024-01-01');
    const feb = periodDays(parsePeriod('2024-02'));
    expect(feb.end - feb.start).toBe(29);
    expect(periodDays(parsePeriod('2024-03-04'), 7).end - periodDays(parsePeriod('2024-03-04'), 7).start).toBe(7);
    expect([defaultSeason('month'), defaultSeason('week'), defaultSeason('day'), defaultSeason('day', 7)]).toEqual([12, 52, 7, 52]);
  });

  it('rejects impossible labels with a reason', () => {
    expect(() => parsePeriod('2024-13')).toThrow(/month 13/);
    expect(() => parsePeriod('2021-W53')).toThrow(/week 53 is not 01–52/);
    expect(() => parsePeriod('2023-02-29')).toThrow(/no such date/);
    expect(() => parsePeriod('March')).toThrow(/not a period/);
  });
});

describe('regular series with explicit gap filling', () => {
  const obs = (label: string, value: number, row: number) => ({ period: parsePeriod(label), value, source: `row ${row}` });

  it('sorts, fills missing periods by interpolation (or zero) and lists them', () => {
    const s = regularSeries([obs('2024-04', 40, 3), obs('2024-01', 10, 1), obs('2024-02', 20, 2)]);
    expect(s.values).toEqual([10, 20, 30, 40]);
    expect(s.filled).toEqual(['2024-03']);
    expect(regularSeries([obs('2024-W01', 1, 1), obs('2024-W03', 3, 2)], 'zero').values).toEqual([1, 0, 3]);
  });

  it('finds the step of date-labelled weekly series', () => {
    const s = regularSeries([obs('2024-01-01', 1, 1), obs('2024-01-08', 2, 2), obs('2024-01-22', 4, 3)]);
    expect(s.step).toBe(7);
    expect(s.values).toEqual([1, 2, 3, 4]);
    expect(s.filled).toEqual(['2024-01-15']);
  });

  it('names the rows at fault for repeated or mixed periods', () => {
    expect(() => regularSeries([obs('2024-01', 1, 1), obs('2024-01', 2, 5)])).toThrow(/row 5: period '2024-01' repeats row 1/);
    expect(() => regularSeries([obs('2024-01', 1, 1), obs('2024-W02', 2, 2)])).toThrow(/row 2: period '2024-W02' is a week/);
  });
});
