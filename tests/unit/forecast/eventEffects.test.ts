import { maseScale, scoreForecast } from '../../../analytics/forecast/accuracy';
import { autoForecast } from '../../../analytics/forecast/autoForecast';
import { parseEtsModel } from '../../../analytics/forecast/ets';
import { estimateEventEffects, eventThreshold } from '../../../analytics/forecast/eventEffects';
import { simulateEts } from '../../../analytics/forecast/etsIntervals';
import { eventTable, type UserEvent } from '../../../analytics/forecast/events';
import { formatDay, parsePeriod, periodDays } from '../../../analytics/calendar';
import { mulberry32, normalSampler } from '../../../analytics/random';

const SEASON = [0.9, 0.85, 1, 1.05, 1, 0.95, 0.9, 0.95, 1, 1.05, 1.25, 1.15];
const START = parsePeriod('2016-01').ordinal;
const N = 96;
const H = 12;
const monthStart = (k: number) => periodDays({ kind: 'month', ordinal: START + k }).start;

/** A brand day on a different month every year (so the season cannot absorb it), three days long. */
const brandDays: UserEvent[] = Array.from({ length: (N + H) / 12 }, (_, year) => {
  const first = monthStart(year * 12 + ((year * 5) % 12)) + 9;
  return { event: 'brand day', date: formatDay(first), endDate: formatDay(first + 2) };
});

function monthlySeries(values: number[]) {
  return { kind: 'month' as const, start: START, step: 1, values };
}

/** Trend × season × noise, with the event lifting its periods by `lift` per full period of event days. */
function simulate(seed: number, lift: number, events: UserEvent[]): number[] {
  const normal = normalSampler(mulberry32(seed));
  const { table } = eventTable(monthlySeries(new Array(N).fill(1)), H, { builtin: false, user: events });
  return Array.from({ length: N + H }, (_, t) => {
    const share = table ? table.rows[t][0] : 0;
    return (1000 + 4 * t) * SEASON[t % 12] * Math.exp(lift * share) * (1 + 0.02 * normal());
  });
}

describe('event effects', () => {
  it('recovers a planted lift and forecasts the next event period with it', () => {
    // ln(4) per full month of event days: a three-day brand day in a 31-day month lifts it by 4^(3/31) ≈ +14 %.
    const lift = Math.log(4);
    const y = simulate(11, lift, brandDays);
    const { table } = eventTable(monthlySeries(y.slice(0, N)), H, { builtin: false, user: brandDays });
    if (!table) throw new Error('the brand day should be in the table');
    const { effects, notes } = estimateEventEffects(y.slice(0, N), 12, table);
    expect(notes[0]).toMatch(/brand day/);
    expect(effects?.names).toEqual(['brand day']);
    expect(effects?.effect[0]).toBeGreaterThan(lift * 0.85);
    expect(effects?.effect[0]).toBeLessThan(lift * 1.15);
    expect(Math.abs(effects?.tStat[0] ?? 0)).toBeGreaterThan(eventThreshold(1));
    expect(eventThreshold(1)).toBeCloseTo(2.5758, 3); // Φ⁻¹(0.995)
    expect(eventThreshold(10)).toBeCloseTo(3.2905, 3); // Φ⁻¹(1 − 0.01/20)
    const result = autoForecast(y.slice(0, N), { h: H, m: 12, events: table });
    expect(result.chosen).toMatch(/events/);
    // The future brand day's month (2024: month (8 × 5) % 12 = 4, May) is forecast above a plain forecast.
    const plain = autoForecast(y.slice(0, N), { h: H, m: 12 });
    const may = 4;
    expect(result.forecast.mean[may] / plain.forecast.mean[may]).toBeGreaterThan(1.08);
  });

  it('leaves accuracy unchanged when the events file has nothing to do with the data', () => {
    // Events at random dates, no effect planted: most series find none; accuracy stays the same.
    const uniform = mulberry32(99);
    const irrelevant: UserEvent[] = Array.from({ length: 30 }, (_, i) => {
      const day = monthStart(0) + Math.floor(uniform() * (N + H) * 30);
      return { event: `promo ${i % 3}`, date: formatDay(day), endDate: formatDay(day + 1) };
    });
    let withEvents = 0;
    let without = 0;
    let identical = 0;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const seed of seeds) {
      const spec = parseEtsModel(seed % 2 ? 'MAM' : 'ANA');
      const path = simulateEts(spec, { alpha: 0.3, beta: 0.02, gamma: 0.1, phi: 1 }, { level: 1000, trend: 4, season: SEASON.map((s) => (spec.season === 'M' ? s : 1000 * (s - 1))) }, 0, N + H, spec.error === 'M' ? 0.03 : 30, normalSampler(mulberry32(seed)));
      const y = path.slice(0, N);
      const { table } = eventTable(monthlySeries(y), H, { builtin: false, user: irrelevant });
      const a = autoForecast(y, { h: H, m: 12, events: table });
      const b = autoForecast(y, { h: H, m: 12 });
      const scale = maseScale(y, 12);
      withEvents += scoreForecast(path.slice(N), a.forecast, scale).mase;
      without += scoreForecast(path.slice(N), b.forecast, scale).mase;
      if (a.forecast.mean.every((v, k) => v === b.forecast.mean[k])) identical++;
    }
    expect(identical).toBeGreaterThanOrEqual(seeds.length - 2);
    expect(Math.abs(withEvents - without) / without).toBeLessThan(0.02);
  });
});
