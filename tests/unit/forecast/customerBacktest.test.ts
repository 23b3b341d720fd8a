import { fitValueModels } from '../../../analytics/clv/fitModels';
import { purchasesOf, summarizeCustomer } from '../../../analytics/clv/summary';
import { maseScale } from '../../../analytics/forecast/accuracy';
import { backtestCustomerBased, CUSTOMER_BACKTEST_ORIGINS, packPurchases, purchasesAt, type CustomerPurchases } from '../../../analytics/forecast/customerBacktest';
import { exponentialVariate, gammaVariate, mulberry32 } from '../../../analytics/random';

const WEEKS = 40;
const week = (k: number) => ({ start: k * 7, end: k * 7 + 7 });

/**
 * Customers simulated from known parameters, all acquired in week 0: purchase rates
 * Gamma(r = 2, α = 8) per week (one every 4 weeks on average), a small weekly drop-out
 * chance, and spend 20 ± a uniform 5 per purchase; `y` is their revenue per week.
 */
function simulate(customers: number, seed: number): { histories: CustomerPurchases[]; y: number[] } {
  const rng = mulberry32(seed);
  const y = new Array<number>(WEEKS).fill(0);
  const histories = Array.from({ length: customers }, (_, i) => {
    const rate = gammaVariate(rng, 2, 8);
    const lifetime = exponentialVariate(rng, 0.01) * 7;
    const amounts: { day: number; amount: number }[] = [];
    for (let t = rng() * 7; t < Math.min(lifetime, WEEKS * 7); t += exponentialVariate(rng, rate) * 7) {
      const day = Math.floor(t);
      const amount = Math.round((20 + 10 * (rng() - 0.5)) * 100) / 100;
      amounts.push({ day, amount });
      y[Math.floor(day / 7)] += amount;
    }
    return { customerId: `c${i}`, purchases: purchasesOf(amounts) };
  }).filter((c) => c.purchases.days.length > 0);
  return { histories, y };
}

/**
 * BG/NBD's own process with one drop-out chance for everyone (p = 0.1 after each repeat purchase):
 * with no spread in p to learn, the fit drives a and b towards infinity.
 */
function simulateOneDropOut(customers: number, seed: number): { histories: CustomerPurchases[]; y: number[] } {
  const rng = mulberry32(seed);
  const y = new Array<number>(WEEKS).fill(0);
  const histories = Array.from({ length: customers }, (_, i) => {
    const rate = gammaVariate(rng, 2, 8);
    const amounts: { day: number; amount: number }[] = [];
    for (let t = rng() * 7; t < WEEKS * 7; t += exponentialVariate(rng, rate) * 7) {
      const day = Math.floor(t);
      amounts.push({ day, amount: 20 });
      y[Math.floor(day / 7)] += 20;
      if (amounts.length > 1 && rng() < 0.1) break;
    }
    return { customerId: `c${i}`, purchases: purchasesOf(amounts) };
  });
  return { histories, y };
}

/** A backtest's scores with its timings left as any number: they differ from call to call. */
const anyTimes = <T extends object>(scores: T) => ({ ...scores, fitMs: expect.any(Number), forecastMs: expect.any(Number) });

const options = { origins: [28, 32], horizon: 4, m: 1, periodDays: week, timeUnit: 'week' as const, minRepeatCustomers: 50, penalty: 0 };

describe('backtestCustomerBased', () => {
  it('forecasts revenue of customers simulated from the models better than naive, with the intervals covering about as asked', () => {
    const { histories, y } = simulate(1500, 7);
    const scores = backtestCustomerBased(histories, y, options);
    expect(scores).toMatchObject({ tried: 2, evaluated: 2, failures: [] });
    // Naive's backtest MASE at the same origins: mean |y[t+i] − y[t−1]| over the scale.
    const naive = options.origins.map((t) => y.slice(t, t + 4).reduce((s, v) => s + Math.abs(v - y[t - 1]), 0) / 4 / maseScale(y.slice(0, t), 1));
    expect(scores.mase).toBeLessThan((naive[0] + naive[1]) / 2);
    expect(scores.mase).toBeLessThan(1);
    expect(Math.abs(scores.bias)).toBeLessThan(0.1 * (y.slice(28).reduce((s, v) => s + v, 0) / 12));
    expect(scores.coverage95).toBeGreaterThanOrEqual(0.75);
  });

  it('sees nothing after the origin: later purchases do not change the forecast it scores', () => {
    const { histories, y } = simulate(600, 11);
    const cutAt = options.origins[0] * 7;
    const altered = histories.map((c) => {
      const kept = c.purchases.days.flatMap((day, i) => (day < cutAt ? [{ day, amount: c.purchases.cents[i] / 100 }] : []));
      return { customerId: c.customerId, purchases: purchasesOf([...kept, { day: cutAt + 3, amount: 999 }]) };
    });
    const one = { ...options, origins: [options.origins[0]] };
    expect(backtestCustomerBased(altered, y, one)).toEqual(anyTimes(backtestCustomerBased(histories, y, one)));
  });

  it('scores a finite forecast where the fit runs off to a, b ~ 10⁵–10⁶ (no NaN)', () => {
    const { histories, y } = simulateOneDropOut(3000, 3);
    const atFirst = histories.flatMap((c) => summarizeCustomer(c.customerId, c.purchases, { calibrationEnd: 28 * 7 - 1, timeUnit: 'week' }) ?? []);
    const fit = fitValueModels(atFirst, 50);
    expect(fit.fitted && fit.bgnbd.a).toBeGreaterThan(1e5); // the premise: the first origin's fit ran off
    const scores = backtestCustomerBased(histories, y, options);
    expect(scores).toMatchObject({ tried: 2, evaluated: 2, failures: [] });
    for (const v of [scores.mase, scores.smape, scores.bias, scores.mae, scores.coverage80, scores.coverage95]) expect(Number.isFinite(v)).toBe(true);
    expect(scores.mase).toBeLessThan(1); // the simulated process is the model's own
  });

  it('backtests at the last origins only', () => {
    const { histories, y } = simulate(600, 11);
    const many = { ...options, origins: [16, 20, 24, 28, 32] };
    expect(CUSTOMER_BACKTEST_ORIGINS).toBe(3);
    const last = backtestCustomerBased(histories, y, { ...options, origins: [24, 28, 32] });
    expect(last).toMatchObject({ tried: 3, evaluated: 3 });
    expect(backtestCustomerBased(histories, y, many)).toEqual(anyTimes(last));
  });

  it('says why an origin is not scored when too few customers have bought again', () => {
    const { histories, y } = simulate(40, 3);
    const scores = backtestCustomerBased(histories, y, options);
    expect(scores.evaluated).toBe(0);
    expect(Number.isNaN(scores.mase)).toBe(true);
    expect(scores.failures).toHaveLength(2);
    expect(scores.failures[0]).toMatch(/^origin 28: \d+ repeat customers, fewer than the 50 needed/);
  });
});

describe('packPurchases', () => {
  const customers: CustomerPurchases[] = [
    { customerId: 'a', purchases: purchasesOf([{ day: 3, amount: 0.1 }, { day: 1, amount: 5 }, { day: 3, amount: 0.2 }]) },
    { customerId: 'none', purchases: { days: [], cents: [] } },
    { customerId: 'b', purchases: purchasesOf([{ day: 20_000, amount: 30_000_000 }]) },
  ];

  it('gives back every customer\'s purchases, in order, with the one who bought nothing', () => {
    const packed = packPurchases(customers);
    expect(packed.customerIds).toEqual(['a', 'none', 'b']);
    expect([...packed.starts]).toEqual([0, 2, 2, 3]);
    const back = packed.customerIds.map((_, i) => purchasesAt(packed, i)).map(({ days, cents }) => ({ days: Array.from(days), cents: Array.from(cents) }));
    expect(back).toEqual([{ days: [1, 3], cents: [500, 30] }, { days: [], cents: [] }, { days: [20_000], cents: [3_000_000_000] }]);
    expect(summarizeCustomer('a', purchasesAt(packed, 0), { calibrationEnd: 14, timeUnit: 'week' })).toEqual(summarizeCustomer('a', customers[0].purchases, { calibrationEnd: 14, timeUnit: 'week' }));
  });

  it('holds them in shared memory: a copy handed to a thread (structured clone) reads the same bytes', () => {
    const packed = packPurchases(customers);
    const copy = structuredClone(packed);
    packed.cents[0] = 1;
    expect(copy.cents[0]).toBe(1);
    expect(Object.prototype.toString.call(copy.days.buffer)).toBe('[object SharedArrayBuffer]');
  });

  it('packs nobody', () => {
    const packed = packPurchases([]);
    expect([...packed.starts]).toEqual([0]);
    expect(packed.days).toHaveLength(0);
  });
});
