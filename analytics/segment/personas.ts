/**
 * Personas (客户角色, SPEC §4): one card per segment — size, share of customers and of revenue,
 * typical (median) RFM, top categories and channels, demographic mix, how much its members
 * engage and how they sound (when the run has voice sources) — and the recommended
 * action from a playbook table. Segments are any string key: RFM segments, the five groups,
 * lifecycle stages or k-means clusters. The playbook is looked up by the segment key, then by
 * the most common RFM segment of its members (so a k-means cluster gets the action of the RFM
 * segment it mostly holds); pass your own table to change the actions.
 *
 * Category and channel mixes are shares of the segment's spend (each customer's shares
 * weighted by his/her positive spend).
 */
import type { Bilingual } from './bilingual';
import { median } from './describe';
import type { RfmSegment } from './rfm';

export interface PersonaCustomer {
  segment: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  rfm?: { r: number; f: number; m: number; segment: RfmSegment };
  categoryShares: Record<string, number>;
  channelShares: Record<string, number>;
  /** Categorical attributes such as { ageBand: '25-34', gender: 'F', region: '华东', cityTier: '1' }. */
  demographics?: Record<string, string>;
  /** What the customer says and does, when the run has voice sources: engagement score (events, weighted) and mean comment sentiment (P(positive)). */
  voice?: { engagementScore: number; sentiment: number | null };
}

/** The segment's voice: share of members who engage at all, mean engagement score and mean comment sentiment of those who commented. */
export interface PersonaVoice {
  engagedShare: number;
  meanEngagement: number;
  meanSentiment: number | null;
  commenters: number;
}

export interface PlaybookAction {
  action: Bilingual;
}

const play = (en: string, zh: string): PlaybookAction => ({ action: { en, zh } });

/** Default playbook, keyed by RFM segment, customer group or lifecycle stage. */
export const DEFAULT_PLAYBOOK: Readonly<Record<string, PlaybookAction>> = {
  champions: play('Exclusive offers and early access; ask for reviews and referrals', '专属优惠与新品抢先体验；邀请评价与推荐'),
  loyal: play('Loyalty programme rewards; upsell higher-value products', '会员忠诚计划奖励；向上销售更高价值商品'),
  potential_loyalists: play('Invite to the loyalty programme; personalised recommendations', '邀请加入会员计划；个性化推荐'),
  new: play('Welcome offer and onboarding series', '新客欢迎礼与新手引导'),
  promising: play('Second-purchase incentive', '复购激励（第二单优惠）'),
  need_attention: play('Limited-time offers based on past purchases', '基于历史购买的限时优惠'),
  about_to_sleep: play('Reactivate with popular products and a time-limited discount', '热门商品推荐与限时折扣唤醒'),
  at_risk: play('Win-back campaign with personalised offers', '个性化挽回活动'),
  cant_lose_them: play('Personal win-back: service call and a strong offer', '一对一挽回：客服回访与重点优惠'),
  hibernating: play('Low-cost reactivation with relevant new products', '低成本唤醒，推荐相关新品'),
  lost: play('No paid campaigns; occasional low-cost reminder', '不做付费投放，偶尔低成本提醒'),
  high_value: play('Exclusive offers and VIP service', '专属优惠与 VIP 服务'),
  growth_potential: play('Cross-sell and upsell', '交叉销售与向上销售'),
  stable: play('Keep engaged through the loyalty programme', '通过会员计划保持互动'),
  low_value: play('Automated low-cost marketing', '自动化低成本营销'),
  churn_risk: play('Win-back campaign before they lapse', '流失挽回活动'),
  reactivated: play('Welcome-back offer', '回流礼遇'),
  growing: play('Upsell and cross-sell while spend grows', '趁消费增长进行向上与交叉销售'),
  active: play('Loyalty programme and regular recommendations', '会员计划与定期推荐'),
  churned: play('Low-cost win-back reminder', '低成本召回提醒'),
};

export interface Share {
  key: string;
  share: number;
}

export interface PersonaCard {
  segment: string;
  size: number;
  customerShare: number;
  revenueShare: number;
  typical: { recencyDays: number; frequency: number; monetary: number; r?: number; f?: number; m?: number };
  topCategories: Share[];
  topChannels: Share[];
  /** Per demographic attribute, its most common values with their share of the segment. */
  demographics: Record<string, Share[]>;
  /** Null when no member has voice data. */
  voice: PersonaVoice | null;
  action: PlaybookAction | null;
}

export interface PersonaOptions {
  playbook?: Readonly<Record<string, PlaybookAction>>;
  /** Entries listed per mix (default 3). */
  top?: number;
}

function topShares(weights: Map<string, number>, total: number, top: number): Share[] {
  return [...weights.entries()]
    .map(([key, w]) => ({ key, share: total > 0 ? w / total : 0 }))
    .sort((a, b) => b.share - a.share || (a.key < b.key ? -1 : 1))
    .slice(0, top);
}

function addTo(map: Map<string, number>, key: string, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) addTo(counts, v, 1);
  return topShares(counts, values.length, 1)[0]?.key;
}

function card(segment: string, members: PersonaCustomer[], population: number, revenue: number, o: Required<PersonaOptions>): PersonaCard {
  const categories = new Map<string, number>();
  const channels = new Map<string, number>();
  const demographics = new Map<string, Map<string, number>>();
  let spend = 0;
  for (const c of members) {
    const weight = Math.max(0, c.monetary);
    spend += c.monetary;
    for (const [k, s] of Object.entries(c.categoryShares)) addTo(categories, k, s * weight);
    for (const [k, s] of Object.entries(c.channelShares)) addTo(channels, k, s * weight);
    for (const [attribute, value] of Object.entries(c.demographics ?? {})) {
      if (!demographics.has(attribute)) demographics.set(attribute, new Map());
      addTo(demographics.get(attribute)!, value, 1);
    }
  }
  const voiced = members.filter((c) => c.voice !== undefined).map((c) => c.voice!);
  const sentiments = voiced.filter((v) => v.sentiment !== null).map((v) => v.sentiment!);
  const voice: PersonaVoice | null = voiced.length === 0 ? null : {
    engagedShare: voiced.filter((v) => v.engagementScore > 0).length / voiced.length,
    meanEngagement: voiced.reduce((sum, v) => sum + v.engagementScore, 0) / voiced.length,
    meanSentiment: sentiments.length > 0 ? sentiments.reduce((a, b) => a + b, 0) / sentiments.length : null,
    commenters: sentiments.length,
  };
  const positiveSpend = members.reduce((s, c) => s + Math.max(0, c.monetary), 0);
  const scored = members.filter((c) => c.rfm !== undefined).map((c) => c.rfm!);
  const rfmSegment = mostCommon(scored.map((s) => s.segment));
  return {
    segment,
    size: members.length,
    customerShare: members.length / population,
    revenueShare: revenue !== 0 ? spend / revenue : 0,
    typical: {
      recencyDays: median(members.map((c) => c.recencyDays)),
      frequency: median(members.map((c) => c.frequency)),
      monetary: median(members.map((c) => c.monetary)),
      ...(scored.length > 0 && {
        r: median(scored.map((s) => s.r)),
        f: median(scored.map((s) => s.f)),
        m: median(scored.map((s) => s.m)),
      }),
    },
    topCategories: topShares(categories, positiveSpend, o.top),
    topChannels: topShares(channels, positiveSpend, o.top),
    demographics: Object.fromEntries([...demographics.entries()].map(([a, counts]) => [a, topShares(counts, members.length, o.top)])),
    voice,
    action: o.playbook[segment] ?? (rfmSegment !== undefined ? o.playbook[rfmSegment] : undefined) ?? null,
  };
}

/** One persona card per segment, largest segment first. */
export function buildPersonas(customers: readonly PersonaCustomer[], options: PersonaOptions = {}): PersonaCard[] {
  const o: Required<PersonaOptions> = { playbook: DEFAULT_PLAYBOOK, top: 3, ...options };
  const bySegment = new Map<string, PersonaCustomer[]>();
  for (const c of customers) {
    if (!bySegment.has(c.segment)) bySegment.set(c.segment, []);
    bySegment.get(c.segment)!.push(c);
  }
  const revenue = customers.reduce((s, c) => s + c.monetary, 0);
  return [...bySegment.entries()]
    .map(([segment, members]) => card(segment, members, customers.length, revenue, o))
    .sort((a, b) => b.size - a.size || (a.segment < b.segment ? -1 : 1));
}
