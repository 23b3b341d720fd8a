import { stl } from '../../../analytics/forecast/stl';
import { stlf } from '../../../analytics/forecast/stlf';

const PATTERN = [3, -1, 4, -1, -5, 0]; // sums to 0

describe('STL decomposition (Cleveland et al. 1990)', () => {
  it('adds up exactly: seasonal + trend + remainder = y', () => {
    const y = Array.from({ length: 60 }, (_, t) => 50 + 0.3 * t + PATTERN[t % 6] + Math.sin(t));
    const { seasonal, trend, remainder } = stl(y, 6);
    y.forEach((v, t) => expect(seasonal[t] + trend[t] + remainder[t]).toBeCloseTo(v, 10));
  });

  it('returns a repeating pattern as the season and a constant as the trend', () => {
    const y = Array.from({ length: 48 }, (_, t) => 20 + PATTERN[t % 6]);
    const { seasonal, trend } = stl(y, 6);
    seasonal.forEach((s, t) => expect(s).toBeCloseTo(PATTERN[t % 6], 6));
    for (const v of trend) expect(v).toBeCloseTo(20, 6);
  });

  it('matches R stats::stl on AirPassengers 1949–1951 (s.window = 11, no jumps)', () => {
    // R 4.2: stl(ts(AirPassengers[1:36], frequency = 12), s.window = 11, s.jump = 1, t.jump = 1, l.jump = 1)
    const air = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166];
    const seasonalR = [-14.430607, -8.324561, 9.22173, 0.367643, -4.188527, 9.544444, 26.466054, 25.082414, 10.700423, -12.082931, -30.32322, -12.129265];
    const trendR = [123.699326, 124.203583, 124.73074, 125.278567, 125.844439, 126.422923, 127.006721, 127.587563, 128.160133, 128.733002, 129.386489, 130.409153];
    const { seasonal, trend } = stl(air, 12);
    seasonalR.forEach((v, t) => expect(seasonal[t]).toBeCloseTo(v, 4));
    trendR.forEach((v, t) => expect(trend[t]).toBeCloseTo(v, 4));
  });

  it('refuses less than two seasons, and STL + ETS carries the season into the forecast', () => {
    expect(() => stl([1, 2, 3], 4)).toThrow(/at least two seasons/);
    const y = Array.from({ length: 48 }, (_, t) => 100 + PATTERN[t % 6] * 5);
    const f = stlf(y, 6, 6);
    f.mean.forEach((v, k) => expect(v).toBeCloseTo(100 + PATTERN[(48 + k) % 6] * 5, 3));
  });
});
