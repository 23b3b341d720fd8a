import { BasketCoder, codeBaskets, frequentPairs, frequentPairsBySegment } from '../../../analytics/segment/affinity';

// Five baskets; counts by hand: milk 4, bread 3, eggs 2, jam 1; milk∧bread 3, milk∧eggs 1, bread∧eggs 1, bread∧jam 1.
const BASKETS = [['milk', 'bread'], ['milk', 'bread', 'eggs'], ['milk'], ['bread', 'milk', 'jam'], ['eggs']];

describe('frequentPairs', () => {
  it('computes support, confidence and lift', () => {
    const { pairs, baskets } = frequentPairs(BASKETS, { minSupport: 0.2 });
    expect(baskets).toBe(5);
    const milkBread = pairs.find((p) => p.a === 'bread' && p.b === 'milk')!;
    // support 3/5; confidence bread→milk 3/3, milk→bread 3/4; lift (3/5) / ((3/5)(4/5)) = 1.25.
    expect(milkBread.count).toBe(3);
    expect(milkBread.support).toBeCloseTo(0.6, 12);
    expect(milkBread.confidenceAB).toBe(1);
    expect(milkBread.confidenceBA).toBe(0.75);
    expect(milkBread.lift).toBeCloseTo(1.25, 12);
    // bread∧jam: support 1/5, lift (1/5) / ((3/5)(1/5)) = 5/3 → the highest lift comes first.
    expect(pairs[0]).toMatchObject({ a: 'bread', b: 'jam', count: 1 });
    expect(pairs[0].lift).toBeCloseTo(5 / 3, 12);
  });

  it('counts pairs only among frequent items, at most maxItemsPerBasket per basket', () => {
    const result = frequentPairs(BASKETS, { minSupport: 0.4 }); // jam (0.2) is dropped before pair counting
    expect(result.frequentItems).toBe(3);
    expect(result.pairs.map((p) => `${p.a}+${p.b}`)).toEqual(['bread+milk']);
    const capped = frequentPairs(BASKETS, { minSupport: 0.2, maxItemsPerBasket: 2 });
    // Each basket keeps its two most frequent items (milk, bread first), so eggs and jam pair with nothing.
    expect(capped.pairs.map((p) => `${p.a}+${p.b}`)).toEqual(['bread+milk']);
  });
});

describe('coded baskets', () => {
  it('give the same pairs as the baskets they code, repeats in a basket counted once', () => {
    const withRepeats = BASKETS.map((b) => [...b, b[0]]);
    expect(frequentPairs(codeBaskets(withRepeats), { minSupport: 0.2 })).toEqual(frequentPairs(BASKETS, { minSupport: 0.2 }));
  });

  it('hold each basket as its distinct item codes', () => {
    const coded = codeBaskets([['milk', 'bread', 'milk'], [], ['bread']]);
    expect(coded.items).toEqual(['milk', 'bread']);
    expect([...coded.starts]).toEqual([0, 2, 2, 3]);
    expect([...coded.codes]).toEqual([0, 1, 1]);
  });

  it('grow past their first allocation', () => {
    const many = Array.from({ length: 3000 }, (_, i) => [`item${i % 7}`, `item${(i + 1) % 7}`]);
    const coded = codeBaskets(many);
    expect(coded.starts).toHaveLength(3001);
    expect(coded.codes).toHaveLength(6000);
    expect(frequentPairs(coded, { minSupport: 0.01 })).toEqual(frequentPairs(many, { minSupport: 0.01 }));
  });
});

describe('per-segment pairs', () => {
  it('runs the analysis within each segment, skipping baskets without one', () => {
    // One basket per order, its distinct items (the segment stage groups the sale lines so), with its customer's segment.
    const coder = new BasketCoder();
    coder.add(['eggs', 'milk'], 'new');
    coder.add(['bread', 'milk'], 'loyal');
    coder.add(['bread', 'jam']);
    coder.add(['bread', 'milk'], 'loyal');
    const bySegment = frequentPairsBySegment(coder.done(), { minSupport: 0.5 });
    expect([...bySegment.keys()]).toEqual(['loyal', 'new']);
    expect(bySegment.get('new')!.pairs).toEqual([{ a: 'eggs', b: 'milk', count: 1, support: 1, confidenceAB: 1, confidenceBA: 1, lift: 1 }]);
    expect(bySegment.get('loyal')).toEqual(frequentPairs([['bread', 'milk'], ['bread', 'milk']], { minSupport: 0.5 }));
  });
});
