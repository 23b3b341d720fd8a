/**
 * The canonical schema every source is mapped onto. Extract writes these columns as raw
 * text into the run's staging tables; clean parses and validates them. One list, used by
 * the source config validation, the staging migrations, the generator and the cleaners.
 */
export const CANONICAL_ENTITIES = {
  customers: {
    required: ['customer_id'],
    optional: ['name', 'phone', 'email', 'gender', 'birth_date', 'city', 'signup_at', 'signup_channel'],
    /** Column that dates a row, used for the run's as-of window. */
    dateColumn: 'signup_at',
    /** Personal data: pseudonymized as rows are staged (analytics/cleaning/pii.ts), never stored raw. */
    pii: ['name', 'phone', 'email'],
  },
  order_lines: {
    required: ['order_id', 'customer_id', 'ordered_at', 'amount'],
    optional: ['line_no', 'channel', 'product_id', 'category', 'quantity', 'unit_price', 'currency', 'status'],
    dateColumn: 'ordered_at',
  },
  marketing_spend: {
    required: ['month', 'channel', 'spend'],
    optional: ['new_customers', 'currency'],
    dateColumn: 'month',
  },
  survey_responses: {
    required: ['response_id', 'customer_id', 'answered_at'],
    optional: ['nps', 'csat', 'comment', 'channel'],
    dateColumn: 'answered_at',
  },
  reviews: {
    required: ['review_id', 'customer_id', 'reviewed_at', 'rating', 'text'],
    optional: ['product_id', 'channel'],
    dateColumn: 'reviewed_at',
  },
  engagement_events: {
    required: ['event_id', 'customer_id', 'occurred_at', 'event_type'],
    /** referred_customer_id: the customer a referral brought, when known. */
    optional: ['channel', 'referred_customer_id'],
    dateColumn: 'occurred_at',
  },
} as const;

export type EntityName = keyof typeof CANONICAL_ENTITIES;
export const ENTITY_NAMES = Object.keys(CANONICAL_ENTITIES) as EntityName[];

export function entityColumns(entity: EntityName): string[] {
  const spec = CANONICAL_ENTITIES[entity];
  return [...spec.required, ...spec.optional];
}

/** Sales channels the business reports on. */
export const CHANNELS = ['app', 'web', 'store', 'mini_program'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Engagement event types (SPEC §3b): site/app visits, e-mail, social interactions. */
export const ENGAGEMENT_EVENT_TYPES = ['visit', 'email_open', 'email_click', 'like', 'share', 'comment', 'follow', 'referral'] as const;
export type EngagementEventType = (typeof ENGAGEMENT_EVENT_TYPES)[number];
