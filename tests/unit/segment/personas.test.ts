import { type PersonaCustomer, buildPersonas, PersonaBuilder } from '../../../analytics/segment/personas';

const person = (segment: string, monetary: number, extra: Partial<PersonaCustomer> = {}): PersonaCustomer => ({
  segment, recencyDays: 10, frequency: 2, monetary, categoryShares: { food: 1 }, channelShares: { app: 1 }, ...extra,
});

describe('buildPersonas', () => {
  const customers = [
    person('new', 100, { demographics: { ageBand: '25-34' }, channelShares: { app: 0.5, web: 0.5 } }),
    person('new', 300, { demographics: { ageBand: '18-24' }, categoryShares: { toys: 1 } }),
    person('new', 100, { demographics: { ageBand: '25-34' } }),
    person('cluster-1', 500, { rfm: { r: 5, f: 5, m: 5, segment: 'champions' } }),
  ];
  const cards = buildPersonas(customers);

  it('sizes segments and their share of revenue', () => {
    expect(cards.map((c) => [c.segment, c.size, c.customerShare, c.revenueShare])).toEqual([
      ['new', 3, 0.75, 0.5],
      ['cluster-1', 1, 0.25, 0.5],
    ]);
    expect(cards[0].typical).toEqual({ recencyDays: 10, frequency: 2, monetary: 100 });
  });

  it('weights category and channel mixes by spend', () => {
    // Category spend in "new": food 100 + 100, toys 300 → 0.6 toys; channels: app 50 + 300 + 100, web 50.
    expect(cards[0].topCategories).toEqual([{ key: 'toys', share: 0.6 }, { key: 'food', share: 0.4 }]);
    expect(cards[0].topChannels).toEqual([{ key: 'app', share: 0.9 }, { key: 'web', share: 0.1 }]);
    expect(cards[0].demographics.ageBand).toEqual([{ key: '25-34', share: 2 / 3 }, { key: '18-24', share: 1 / 3 }]);
  });

  it('looks up the playbook by segment, then by the dominant RFM segment', () => {
    expect(cards[0].action?.action.en).toBe('Welcome offer and onboarding series');
    expect(cards[1].action?.action.zh).toBe('专属优惠与新品抢先体验；邀请评价与推荐');
    expect(cards[1].typical.r).toBe(5);
    const custom = buildPersonas(customers, { playbook: { new: { action: { en: 'Call them', zh: '电话' } } } });
    expect(custom[0].action?.action.en).toBe('Call them');
    expect(custom[1].action).toBeNull();
  });

  it('summarizes the segment\'s voice when members have it, and says nothing when none do', () => {
    const voiced = buildPersonas([
      person('vocal', 100, { voice: { engagementScore: 0, sentiment: null } }),
      person('vocal', 100, { voice: { engagementScore: 6, sentiment: 0.2 } }),
      person('vocal', 100, { voice: { engagementScore: 3, sentiment: 0.5 } }),
      person('vocal', 100),
    ]);
    // Three members with voice data: two engage (6, 3 → mean 3 over three), two commented (0.2, 0.5).
    expect(voiced[0].voice).toEqual({ engagedShare: 2 / 3, meanEngagement: 3, meanSentiment: 0.35, commenters: 2 });
    expect(cards[0].voice).toBeNull();
  });

  it('builds the same cards from customers added one at a time into one reused object', () => {
    // The describe step builds each customer's input anew, but a caller may reuse one: the builder must keep none of it.
    const builder = new PersonaBuilder(['segment']);
    const reused: PersonaCustomer = { segment: '', recencyDays: 0, frequency: 0, monetary: 0, categoryShares: {}, channelShares: {} };
    for (const c of customers) {
      Object.assign(reused, { rfm: undefined, demographics: undefined }, c);
      builder.add(reused, [reused.segment]);
    }
    Object.assign(reused, { segment: 'new', monetary: 1e6, categoryShares: { gold: 1 }, demographics: { ageBand: '65+' } });
    expect(builder.cards('segment')).toEqual(cards);
  });

  it('builds several segmentations of the same customers in one pass, each as if built alone', () => {
    const byCluster = customers.map((c, i) => ({ ...c, segment: i % 2 === 0 ? 'even' : 'odd' }));
    const builder = new PersonaBuilder(['group', 'cluster']);
    customers.forEach((c, i) => builder.add(c, [c.segment, byCluster[i].segment]));
    expect(builder.cards('group')).toEqual(cards);
    expect(builder.cards('cluster')).toEqual(buildPersonas(byCluster));
    // "even" holds the first and third customers (spend 100 and 100), "odd" the second and fourth (300 and 500).
    expect(builder.cards('cluster').map((c) => [c.segment, c.size, c.typical.monetary])).toEqual([['even', 2, 100], ['odd', 2, 400]]);
    expect(() => builder.add(customers[0], ['new'])).toThrow(RangeError);
  });
});
