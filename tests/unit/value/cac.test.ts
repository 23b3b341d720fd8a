import { acquisitionCosts } from '../../../analytics/value/cac';
import { periodOf } from '../../../analytics/calendar';

describe('acquisitionCosts (CAC = spend / new customers, SPEC §5)', () => {
  const spend = [
    { channel: 'app', period: '2024-05', spend: 1000 },
    { channel: 'web', period: '2024-05', spend: 400 },
    { channel: 'web', period: '2024-05', spend: 200 }, // a second booking, added up
    { channel: 'web', period: '2024-06', spend: 300 },
    { channel: 'store', period: '2024-06', spend: 200 },
  ];
  const purchases = [
    { customerId: 'a', date: '2024-05-02', channel: 'app' },
    { customerId: 'a', date: '2024-06-10', channel: 'web' }, // repeat: not an acquisition
    { customerId: 'b', date: '2024-05-09', channel: 'app' },
    { customerId: 'c', date: '2024-05-20', channel: 'web' }, // first listed of two on the first day
    { customerId: 'c', date: '2024-05-20', channel: 'app' },
    { customerId: 'd', date: '2024-06-03', channel: 'web' },
    { customerId: 'e', date: '2024-06-15', channel: 'mini_program' }, // no spend booked
  ];

  it('works out by hand', () => {
    expect(acquisitionCosts(spend, purchases)).toEqual([
      { channel: 'app', period: '2024-05', spend: 1000, newCustomers: 2, cac: 500, flag: null }, // 1000 / 2
      { channel: 'web', period: '2024-05', spend: 600, newCustomers: 1, cac: 600, flag: null }, // (400 + 200) / 1
      { channel: 'mini_program', period: '2024-06', spend: 0, newCustomers: 1, cac: 0, flag: 'no_spend_recorded' },
      { channel: 'store', period: '2024-06', spend: 200, newCustomers: 0, cac: null, flag: 'no_new_customers' },
      { channel: 'web', period: '2024-06', spend: 300, newCustomers: 1, cac: 300, flag: null },
    ]);
  });

  it('aggregates by quarter', () => {
    const quarterly = acquisitionCosts([{ channel: 'app', period: '2024-Q2', spend: 900 }], purchases, { granularity: 'quarter' });
    expect(quarterly.find((row) => row.channel === 'app')).toEqual({ channel: 'app', period: '2024-Q2', spend: 900, newCustomers: 2, cac: 450, flag: null });
  });

  it('rejects negative spend and period labels of the wrong granularity', () => {
    expect(() => acquisitionCosts([{ channel: 'app', period: '2024-05', spend: -1 }], [])).toThrow('acquisitionCosts: spend row 0 has an invalid spend -1');
    expect(() => acquisitionCosts([{ channel: 'app', period: '2024-5', spend: 1 }], [])).toThrow('acquisitionCosts: spend row 0 period "2024-5" is not a month label');
    expect(() => acquisitionCosts([], [{ customerId: 'a', date: '05/02/2024', channel: 'app' }])).toThrow(/acquisitionCosts: purchase 0 date is not a valid/);
  });
});

describe('periodOf', () => {
  it('labels months, quarters and years', () => {
    expect(periodOf('2024-05-31', 'month')).toBe('2024-05');
    expect(periodOf('2024-05-31', 'quarter')).toBe('2024-Q2');
    expect(periodOf('2024-12-01', 'quarter')).toBe('2024-Q4');
    expect(periodOf('2024-05-31', 'year')).toBe('2024');
  });
});
