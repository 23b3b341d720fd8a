import { RFM_SEGMENT_RULES, quintileScores, rfmScores, rfmSegment, rfmSegmentName } from '../../../analytics/segment/rfm';

describe('quintileScores', () => {
  it('scores ⌈5 (b + 1) / n⌉ with b the number of strictly smaller values', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([10, 20, 20, 30, 40])).toEqual([1, 2, 2, 4, 5]);
  });

  it('gives ties one score whatever the row order', () => {
    const values = [3, 1, 1, 1, 2, 5, 1];
    const shuffled = [1, 5, 1, 2, 1, 3, 1];
    const scoreOf = (vs: number[]) => new Map(vs.map((v, i) => [v, quintileScores(vs)[i]]));
    expect(scoreOf(values)).toEqual(scoreOf(shuffled));
    expect(quintileScores(values)).toEqual([5, 1, 1, 1, 4, 5, 1]);
  });
});

describe('RFM segment table', () => {
  it('puts every (R, F) cell in exactly one of the eleven segments', () => {
    expect(RFM_SEGMENT_RULES).toHaveLength(11);
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const matches = RFM_SEGMENT_RULES.filter((x) => r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1]);
        expect([r, f, matches.length]).toEqual([r, f, 1]);
      }
    }
  });

  it('names segments in English and Chinese', () => {
    expect(rfmSegmentName('cant_lose_them')).toEqual({ en: "Can't lose them", zh: '不能失去' });
    expect(rfmSegment(4, 2)).toBe('potential_loyalists');
    expect(rfmSegment(2, 2)).toBe('hibernating');
    expect(() => rfmSegment(0, 3)).toThrow(/R=0/);
  });
});

describe('rfmScores on a hand-made table', () => {
  // Ten customers; R, F, M and segments worked out by hand from the quintile rule and the table.
  const table = [
    { id: 'c1', recencyDays: 1, frequency: 12, monetary: 500, r: 5, f: 5, m: 5, segment: 'champions' },
    { id: 'c2', recencyDays: 2, frequency: 1, monetary: 20, r: 5, f: 1, m: 2, segment: 'new' },
    { id: 'c3', recencyDays: 5, frequency: 1, monetary: 35, r: 4, f: 1, m: 2, segment: 'promising' },
    { id: 'c4', recencyDays: 10, frequency: 6, monetary: 300, r: 4, f: 4, m: 4, segment: 'loyal' },
    { id: 'c5', recencyDays: 20, frequency: 3, monetary: 90, r: 3, f: 3, m: 3, segment: 'need_attention' },
    { id: 'c6', recencyDays: 40, frequency: 1, monetary: 15, r: 3, f: 1, m: 1, segment: 'about_to_sleep' },
    { id: 'c7', recencyDays: 80, frequency: 8, monetary: 250, r: 2, f: 4, m: 4, segment: 'at_risk' },
    { id: 'c8', recencyDays: 160, frequency: 2, monetary: 60, r: 2, f: 3, m: 3, segment: 'at_risk' },
    { id: 'c9', recencyDays: 320, frequency: 10, monetary: 800, r: 1, f: 5, m: 5, segment: 'cant_lose_them' },
    { id: 'c10', recencyDays: 640, frequency: 1, monetary: 10, r: 1, f: 1, m: 1, segment: 'lost' },
  ];

  it('reproduces the hand-computed scores and segments', () => {
    const scores = rfmScores(table);
    expect(scores).toEqual(table.map(({ r, f, m, segment }) => ({ r, f, m, segment })));
  });

  it('scores the most recent customers 5 (R is reversed)', () => {
    const [first] = rfmScores([{ recencyDays: 0, frequency: 1, monetary: 1 }, ...table]);
    expect(first.r).toBe(5);
  });

  it('rejects non-finite values', () => {
    expect(() => rfmScores([{ recencyDays: NaN, frequency: 1, monetary: 1 }])).toThrow(/customer 0/);
  });
});
