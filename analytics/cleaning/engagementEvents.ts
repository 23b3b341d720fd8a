/** Standardizes one raw engagement event: a known event type, customer, time and channel. */
import { normalizeEngagementChannel, normalizeEventType } from './engagementCodes';
import type { EngagementEventType } from '../../config/canonical';
import {
  optionalText, requiredText, requiredTimestamp,
  RowRejection, standardizeWith, type CleanContext, type RawRow, type Standardized,
} from './fields';

export interface CleanEngagementEvent {
  eventId: string;
  customerId: string;
  occurredAt: Date;
  eventType: EngagementEventType;
  channel: string | null;
  /** Only referrals name a referred customer; elsewhere the column is ignored. */
  referredCustomerId: string | null;
}

export function standardizeEngagementEvent(raw: RawRow, ctx: CleanContext): Standardized<CleanEngagementEvent> {
  return standardizeWith((rules) => {
    const typeText = requiredText(raw, 'event_type', rules);
    const eventType = normalizeEventType(typeText);
    if (eventType === undefined) throw new RowRejection('unknown_event_type', 'event_type', `event type "${typeText}" is none of visit, email_open, email_click, like, share, comment, follow, referral`);
    const referred = optionalText(raw, 'referred_customer_id', rules);
    return {
      eventId: requiredText(raw, 'event_id', rules),
      customerId: requiredText(raw, 'customer_id', rules, 'missing_customer_id'),
      occurredAt: requiredTimestamp(raw, 'occurred_at', ctx, rules),
      eventType,
      channel: normalizeEngagementChannel(optionalText(raw, 'channel', rules)) ?? null,
      referredCustomerId: eventType === 'referral' ? referred ?? null : null,
    };
  });
}
