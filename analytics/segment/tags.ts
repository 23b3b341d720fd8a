/**
 * Profile tags (画像标签, SPEC §3) per customer, for export to a CRM: short snake_case labels
 * derived from the features and segments, by the table below plus one `prefers_<channel>` tag
 * per channel holding at least `preferShare` of the customer's spend.
 */
import type { CustomerFeatures } from '../profile/features';
import type { CustomerGroup, Lifecycle, ValueTier } from './groups';
import type { RfmSegment } from './rfm';

export interface TagInput {
  features: Pick<CustomerFeatures, 'frequency' | 'channelShares'>;
  rfmSegment: RfmSegment;
  tier: ValueTier;
  lifecycle: Lifecycle;
  group: CustomerGroup;
}

export interface TagOptions {
  /** Channel share of spend at which a customer "prefers" it (default 0.6). */
  preferShare?: number;
  /** Channels that together make `prefers_mobile`. */
  mobileChannels?: readonly string[];
}

const DEFAULTS: Required<TagOptions> = { preferShare: 0.6, mobileChannels: ['app', 'mini_program'] };

/** The fixed tags: tag, meaning, test. */
export const TAG_RULES: readonly { tag: string; meaning: string; test: (c: TagInput, o: Required<TagOptions>) => boolean }[] = [
  { tag: 'high_value', meaning: 'Pareto value tier high', test: (c) => c.tier === 'high' },
  { tag: 'at_risk', meaning: 'group churn risk or lifecycle at risk', test: (c) => c.group === 'churn_risk' || c.lifecycle === 'at_risk' },
  { tag: 'churned', meaning: 'lifecycle churned', test: (c) => c.lifecycle === 'churned' },
  { tag: 'new', meaning: 'lifecycle new', test: (c) => c.lifecycle === 'new' },
  { tag: 'reactivated', meaning: 'lifecycle reactivated', test: (c) => c.lifecycle === 'reactivated' },
  { tag: 'growing', meaning: 'lifecycle growing', test: (c) => c.lifecycle === 'growing' },
  { tag: 'loyal', meaning: 'RFM champions or loyal', test: (c) => c.rfmSegment === 'champions' || c.rfmSegment === 'loyal' },
  { tag: 'one_time_buyer', meaning: 'exactly one order', test: (c) => c.features.frequency === 1 },
  {
    tag: 'prefers_mobile',
    meaning: 'mobile channels (app, mini program) hold ≥ preferShare of spend',
    test: (c, o) => o.mobileChannels.reduce((s, ch) => s + (c.features.channelShares[ch] ?? 0), 0) >= o.preferShare,
  },
];

/**
 * Tags of one customer: TAG_RULES in table order, then `prefers_<channel>` tags by channel name.
 * @example profileTags({ features: { frequency: 1, channelShares: { app: 1 } }, rfmSegment: 'new', tier: 'low', lifecycle: 'new', group: 'growth_potential' })
 * // → ['new', 'one_time_buyer', 'prefers_mobile', 'prefers_app']
 */
export function profileTags(customer: TagInput, options: TagOptions = {}): string[] {
  const o = { ...DEFAULTS, ...options };
  const fixed = TAG_RULES.filter((r) => r.test(customer, o)).map((r) => r.tag);
  const channels = Object.entries(customer.features.channelShares)
    .filter(([, share]) => share >= o.preferShare)
    .map(([channel]) => `prefers_${channel}`)
    .sort();
  return [...fixed, ...channels];
}
