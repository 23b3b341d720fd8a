import { segmentMigration } from '../../../analytics/segment/migration';

describe('segmentMigration', () => {
  // Hand-made: two runs over customers a–f; e leaves, g enters.
  const previous = [
    { customerId: 'a', segment: 'loyal' },
    { customerId: 'b', segment: 'loyal' },
    { customerId: 'c', segment: 'loyal' },
    { customerId: 'd', segment: 'at_risk' },
    { customerId: 'e', segment: 'new' },
    { customerId: 'f', segment: 'new' },
  ];
  const current = [
    { customerId: 'a', segment: 'loyal' },
    { customerId: 'b', segment: 'at_risk' },
    { customerId: 'c', segment: 'at_risk' },
    { customerId: 'd', segment: 'at_risk' },
    { customerId: 'f', segment: 'loyal' },
    { customerId: 'g', segment: 'new' },
  ];

  it('counts transitions between the two runs', () => {
    const m = segmentMigration(previous, current, { order: ['new', 'loyal', 'at_risk'] });
    expect(m.segments).toEqual(['new', 'loyal', 'at_risk']);
    //               to: new loyal at_risk
    expect(m.counts).toEqual([
      [0, 1, 0], // from new: f → loyal (e left)
      [0, 1, 2], // from loyal: a stays, b and c → at_risk
      [0, 0, 1], // from at_risk: d stays
    ]);
    expect(m.rowShares[1]).toEqual([0, 1 / 3, 2 / 3]);
    expect([m.entered, m.left]).toEqual([1, 1]);
  });

  it('lists the customers who moved into an at-risk segment', () => {
    const m = segmentMigration(previous, current);
    expect(m.segments).toEqual(['at_risk', 'loyal', 'new']);
    expect(m.movedIntoRisk).toEqual([
      { customerId: 'b', from: 'loyal', to: 'at_risk' },
      { customerId: 'c', from: 'loyal', to: 'at_risk' },
    ]);
  });

  it('rejects a customer assigned twice', () => {
    expect(() => segmentMigration([{ customerId: 'a', segment: 'x' }, { customerId: 'a', segment: 'y' }], [])).toThrow(/customer a is assigned twice/);
  });
});
