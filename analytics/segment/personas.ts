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
import { GrowingArray } from '../growingArray';
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

/** A numeric column grown a value at a time (GrowingArray) for the medians of a segment's members. */
const column = () => new GrowingArray(new Float64Array(16));

/**
 * What a segment's card needs from its members, gathered one member at a time: sums, counts and
 * the columns of its medians, never the members themselves. The sums add in member order, so a
 * card is the same whether its members came in one array or one by one.
 */
class SegmentTally {
  size = 0;
  spend = 0;
  positiveSpend = 0;
  readonly categories = new Map<string, number>();
  readonly channels = new Map<string, number>();
  readonly demographics = new Map<string, Map<string, number>>();
  readonly recencyDays = column();
  readonly frequency = column();
  readonly monetary = column();
  readonly rfm = { r: column(), f: column(), m: column(), segments: new Map<string, number>() };
  voiced = 0;
  engaged = 0;
  engagement = 0;
  commenters = 0;
  sentiment = 0;

  add(c: PersonaCustomer): void {
    const weight = Math.max(0, c.monetary);
    this.size++;
    this.spend += c.monetary;
    this.positiveSpend += weight;
    for (const k in c.categoryShares) addTo(this.categories, k, c.categoryShares[k] * weight);
    for (const k in c.channelShares) addTo(this.channels, k, c.channelShares[k] * weight);
    for (const attribute in c.demographics) {
      let counts = this.demographics.get(attribute);
      if (!counts) this.demographics.set(attribute, counts = new Map());
      addTo(counts, c.demographics[attribute], 1);
    }
    this.recencyDays.push(c.recencyDays);
    this.frequency.push(c.frequency);
    this.monetary.push(c.monetary);
    if (c.rfm !== undefined) {
      this.rfm.r.push(c.rfm.r);
      this.rfm.f.push(c.rfm.f);
      this.rfm.m.push(c.rfm.m);
      addTo(this.rfm.segments, c.rfm.segment, 1);
    }
    if (c.voice !== undefined) {
      this.voiced++;
      if (c.voice.engagementScore > 0) this.engaged++;
      this.engagement += c.voice.engagementScore;
      if (c.voice.sentiment !== null) {
        this.commenters++;
        this.sentiment += c.voice.sentiment;
      }
    }
  }

  card(segment: string, population: number, revenue: number, o: Required<PersonaOptions>): PersonaCard {
    const voice: PersonaVoice | null = this.voiced === 0 ? null : {
      engagedShare: this.engaged / this.voiced,
      meanEngagement: this.engagement / this.voiced,
      meanSentiment: this.commenters > 0 ? this.sentiment / this.commenters : null,
      commenters: this.commenters,
    };
    const scored = this.rfm.r.length;
    const rfmSegment = topShares(this.rfm.segments, scored, 1)[0]?.key;
    const middle = (values: GrowingArray<Float64Array>) => median(Array.from(values.values()));
    return {
      segment,
      size: this.size,
      customerShare: this.size / population,
      revenueShare: revenue !== 0 ? this.spend / revenue : 0,
      typical: {
        recencyDays: middle(this.recencyDays),
        frequency: middle(this.frequency),
        monetary: middle(this.monetary),
        ...(scored > 0 && { r: middle(this.rfm.r), f: middle(this.rfm.f), m: middle(this.rfm.m) }),
      },
      topCategories: topShares(this.categories, this.positiveSpend, o.top),
      topChannels: topShares(this.channels, this.positiveSpend, o.top),
      demographics: Object.fromEntries([...this.demographics.entries()].map(([a, counts]) => [a, topShares(counts, this.size, o.top)])),
      voice,
      action: o.playbook[segment] ?? (rfmSegment !== undefined ? o.playbook[rfmSegment] : undefined) ?? null,
    };
  }
}

/**
 * Persona cards built from customers given one at a time (`add`), holding per segment only what
 * its card needs: for a run's customers read in batches, without holding them all as objects.
 * `add` reads the customer and keeps nothing of it, so the caller may reuse the object.
 */
export class PersonaBuilder {
  private readonly tallies = new Map<string, SegmentTally>();
  private population = 0;
  private revenue = 0;
  private readonly options: Required<PersonaOptions>;

  constructor(options: PersonaOptions = {}) {
    this.options = { playbook: DEFAULT_PLAYBOOK, top: 3, ...options };
  }

  add(customer: PersonaCustomer): void {
    let tally = this.tallies.get(customer.segment);
    if (!tally) this.tallies.set(customer.segment, tally = new SegmentTally());
    tally.add(customer);
    this.population++;
    this.revenue += customer.monetary;
  }

  /** One persona card per segment, largest segment first. */
  cards(): PersonaCard[] {
    return [...this.tallies.entries()]
      .map(([segment, tally]) => tally.card(segment, this.population, this.revenue, this.options))
      .sort((a, b) => b.size - a.size || (a.segment < b.segment ? -1 : 1));
  }
}

/** One persona card per segment, largest segment first. */
export function buildPersonas(customers: readonly PersonaCustomer[], options: PersonaOptions = {}): PersonaCard[] {
  const builder = new PersonaBuilder(options);
  for (const c of customers) builder.add(c);
  return builder.cards();
}
