import { partCount, partPredicate, partsOf, STEPS } from '../../../contract/stages';

describe('stage parts', () => {
  const chunking = { parts: 4, minOrderLinesPerPart: 100_000 };

  it('splits a run into as many parts as its order lines fill, at most the configured count', () => {
    expect(partCount(chunking, 1_000_000)).toBe(4);
    expect(partCount(chunking, 400_000)).toBe(4);
    expect(partCount(chunking, 399_999)).toBe(3);
    expect(partCount(chunking, 250_000)).toBe(2);
    expect(partCount(chunking, 199_999)).toBe(1);
    expect(partCount(chunking, 4_000)).toBe(1);
    expect(partCount(chunking, 0)).toBe(1);
  });

  it('leaves a run begun without chunking settings whole', () => {
    expect(partCount(undefined, 10_000_000)).toBe(1);
  });

  it('numbers the parts of a stage from 0 and keys their steps from 1', () => {
    expect(partsOf(3)).toEqual([{ index: 0, count: 3 }, { index: 1, count: 3 }, { index: 2, count: 3 }]);
    expect(partsOf(3).map((p) => STEPS.profilePart(p).key)).toEqual(['profile:1/3', 'profile:2/3', 'profile:3/3']);
    expect(STEPS.profilePart({ index: 1, count: 3 }).owns).toEqual([{ table: 'customer_profiles', part: { index: 1, count: 3, column: 'customer_id' } }]);
  });

  it('selects a part by the non-negative hash of the column modulo the count', () => {
    expect(partPredicate('o.customer_id', { index: 2, count: 4 })).toBe('mod(hashtext(o.customer_id)::bigint + 2147483648, 4) = 2');
  });

  it('refuses what is not a part', () => {
    expect(() => partPredicate('c', { index: 4, count: 4 })).toThrow(RangeError);
    expect(() => partPredicate('c', { index: -1, count: 4 })).toThrow(RangeError);
    expect(() => partPredicate('c', { index: 0, count: 0 })).toThrow(RangeError);
    expect(() => partPredicate('c', { index: 0.5, count: 2 })).toThrow(RangeError);
  });
});
