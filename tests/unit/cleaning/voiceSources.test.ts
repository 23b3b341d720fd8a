/** Cleaning of the voice sources: reviews, engagement events and survey comments, on rows checked by eye. */
import { cleanComment } from '../../../analytics/cleaning/commentText';
import { normalizeEngagementChannel, normalizeEventType } from '../../../analytics/cleaning/engagementCodes';
import { standardizeEngagementEvent } from '../../../analytics/cleaning/engagementEvents';
import { cleanContext, type CleanContext } from '../../../analytics/cleaning/fields';
import { standardizeReview } from '../../../analytics/cleaning/reviews';
import { standardizeSurveyResponse } from '../../../analytics/cleaning/surveyResponses';

const ctx: CleanContext = cleanContext({
  source: { dateFormats: ['iso', 'yyyy/M/d', 'cn'], timezone: undefined, amountUnit: 'yuan', decimalSeparator: '.' },
  config: { timezone: 'Asia/Shanghai', currency: 'CNY', dateFloor: '1900-01-01' },
  asOf: { day: '2026-12-31', cutoff: '2026-12-31T16:00:00.000Z' }, // midnight in Shanghai
  piiSalt: 'test-salt',
});

describe('comment text', () => {
  it.each([
    ['  质量很好👍 ', '质量很好👍'],
    ['\u3000\t ', undefined],
    ['', undefined],
    ['物流快\n包装好', '物流快\n包装好'],
    ['bad\u0007 service', 'bad service'],
    ['好评！', '好评！'], // full-width punctuation is kept
  ])('cleanComment(%j)', (raw, expected) => {
    expect(cleanComment(raw)).toBe(expected);
  });
});

describe('reviews', () => {
  const raw = { review_id: 'RV1', customer_id: 'Ｃ００１', reviewed_at: '2026年3月5日 10:20', rating: '４', text: ' 物流太慢了😡 ', channel: '小程序', product_id: '' };

  it('accepts full-width ids and ratings, Chinese dates and emoji', () => {
    const result = standardizeReview(raw, ctx);
    expect(result).toEqual({
      ok: true,
      row: { reviewId: 'RV1', customerId: 'C001', reviewedAt: new Date('2026-03-05T02:20:00Z'), rating: 4, text: '物流太慢了😡', productId: null, channel: 'mini_program' },
      rules: expect.arrayContaining(['fullwidth_digits', 'date_format']),
    });
  });
  it.each([['4星', 4], ['★★', 2], ['5', 5], ['3.0', 3]])('reads rating %s as %d', (rating, stars) => {
    const result = standardizeReview({ ...raw, rating }, ctx);
    expect(result.ok && result.row.rating).toBe(stars);
  });
  it.each([['6'], ['0'], ['4.5'], ['五星好评']])('quarantines rating %s as invalid_rating', (rating) => {
    expect(standardizeReview({ ...raw, rating }, ctx)).toMatchObject({ ok: false, reason: 'invalid_rating', column: 'rating' });
  });
  it.each([[''], ['   '], ['\u3000']])('quarantines empty text %j as empty_comment', (text) => {
    expect(standardizeReview({ ...raw, text }, ctx)).toMatchObject({ ok: false, reason: 'empty_comment', column: 'text' });
  });
  it('quarantines a review without a customer', () => {
    expect(standardizeReview({ ...raw, customer_id: ' ' }, ctx)).toMatchObject({ ok: false, reason: 'missing_customer_id' });
  });
});

describe('engagement events', () => {
  const raw = { event_id: 'E1', customer_id: 'C1', occurred_at: '2026/3/5 10:20', event_type: 'referral', channel: '微信', referred_customer_id: 'C2' };

  it.each([
    ['visit', 'visit'], ['Email Open', 'email_open'], ['email-click', 'email_click'], ['点赞', 'like'], ['转发', 'share'],
    ['关注', 'follow'], ['评论', 'comment'], ['邀请', 'referral'], ['收藏', undefined], ['', undefined],
  ])('event type %j → %j', (text, type) => {
    expect(normalizeEventType(text)).toBe(type);
  });
  it.each([
    ['微信', 'wechat'], ['WeChat', 'wechat'], ['邮件', 'email'], ['APP', 'app'], ['小程序', 'mini_program'], ['Bilibili', 'bilibili'],
  ])('engagement channel %j → %j', (text, channel) => {
    expect(normalizeEngagementChannel(text)).toBe(channel);
  });
  it('keeps the referred customer of a referral', () => {
    expect(standardizeEngagementEvent(raw, ctx)).toMatchObject({
      ok: true, row: { eventId: 'E1', customerId: 'C1', occurredAt: new Date('2026-03-05T02:20:00Z'), eventType: 'referral', channel: 'wechat', referredCustomerId: 'C2' },
    });
  });
  it('drops a referred customer on an event that is not a referral', () => {
    const result = standardizeEngagementEvent({ ...raw, event_type: 'share' }, ctx);
    expect(result.ok && result.row.referredCustomerId).toBeNull();
  });
  it('quarantines unknown event types and unreadable times, naming the column', () => {
    expect(standardizeEngagementEvent({ ...raw, event_type: 'purchase_intent' }, ctx)).toMatchObject({ ok: false, reason: 'unknown_event_type', column: 'event_type' });
    expect(standardizeEngagementEvent({ ...raw, occurred_at: '待定' }, ctx)).toMatchObject({ ok: false, reason: 'invalid_date', column: 'occurred_at' });
  });
});

describe('survey comments', () => {
  const raw = { response_id: 'S1', customer_id: 'C1', answered_at: '2026-03-05 10:00', nps: '3', csat: '2' };
  it('counts a blank comment and keeps the answer', () => {
    const result = standardizeSurveyResponse({ ...raw, comment: '\u3000 ' }, ctx);
    expect(result).toMatchObject({ ok: true, row: { comment: null, nps: 3 } });
    expect(result.rules).toContain('blank_comment');
  });
  it('does not count an absent comment', () => {
    expect(standardizeSurveyResponse(raw, ctx).rules).not.toContain('blank_comment');
  });
});
