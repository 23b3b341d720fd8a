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

/** A column grown a value at a time (GrowingArray): the customers' numbers, or a segment's members by index. */
const numbers = () => new GrowingArray(new Float64Array(1024));
const indices = () => new GrowingArray(new Uint32Array(16));

/** The customers' numbers whose medians the cards show, one entry per customer added (NaN: no RFM scores). */
interface MedianColumns {
  recencyDays: GrowingArray<Float64Array>;
  frequency: GrowingArray<Float64Array>;
  monetary: GrowingArray<Float64Array>;
  r: GrowingArray<Float64Array>;
  f: GrowingArray<Float64Array>;
  m: GrowingArray<Float64Array>;
}

/** The median of `column` over the customers `members` lists. */
function medianOf(column: GrowingArray<Float64Array>, members: GrowingArray<Uint32Array>): number {
  const values = column.values();
  return median(Array.from(members.values(), (i) => values[i]));
}

/**
 * What a segment's card needs from its members, gathered one member at a time: sums, counts and
 * its members' indices into the builder's columns (for the medians), never the members themselves.
 * The sums add in member order, so a card is the same whether its members came in one array or
 * one by one.
 */
class SegmentTally {
  spend = 0;
  positiveSpend = 0;
  readonly members = indices();
  /** Members with RFM scores. */
  readonly scored = indices();
  readonly categories = new Map<string, number>();
  readonly channels = new Map<string, number>();
  readonly demographics = new Map<string, Map<string, number>>();
  readonly rfmSegments = new Map<string, number>();
  voiced = 0;
  engaged = 0;
  engagement = 0;
  commenters = 0;
  sentiment = 0;

  add(c: PersonaInput, index: number): void {
    const weight = Math.max(0, c.monetary);
    this.members.push(index);
    this.spend += c.monetary;
    this.positiveSpend += weight;
    for (const k in c.categoryShares) addTo(this.categories, k, c.categoryShares[k] * weight);
    for (const k in c.channelShares) addTo(this.channels, k, c.channelShares[k] * weight);
    for (const attribute in c.demographics) {
      let counts = this.demographics.get(attribute);
      if (!counts) this.demographics.set(attribute, counts = new Map());
      addTo(counts, c.demographics[attribute], 1);
    }
    if (c.rfm !== undefined) {
      this.scored.push(index);
      addTo(this.rfmSegments, c.rfm.segment, 1);
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

  card(segment: string, columns: MedianColumns, population: number, revenue: number, o: Required<PersonaOptions>): PersonaCard {
    const size = this.members.length;
    const voice: PersonaVoice | null = this.voiced === 0 ? null : {
      engagedShare: this.engaged / this.voiced,
      meanEngagement: this.engagement / this.voiced,
      meanSentiment: this.commenters > 0 ? this.sentiment / this.commenters : null,
      commenters: this.commenters,
    };
    const rfmSegment = topShares(this.rfmSegments, this.scored.length, 1)[0]?.key;
    return {
      segment,
      size,
      customerShare: size / population,
      revenueShare: revenue !== 0 ? this.spend / revenue : 0,
      typical: {
        recencyDays: medianOf(columns.recencyDays, this.members),
        frequency: medianOf(columns.frequency, this.members),
        monetary: medianOf(columns.monetary, this.members),
        ...(this.scored.length > 0 && { r: medianOf(columns.r, this.scored), f: medianOf(columns.f, this.scored), m: medianOf(columns.m, this.scored) }),
      },
      topCategories: topShares(this.categories, this.positiveSpend, o.top),
      topChannels: topShares(this.channels, this.positiveSpend, o.top),
      demographics: Object.fromEntries([...this.demographics.entries()].map(([a, counts]) => [a, topShares(counts, size, o.top)])),
      voice,
      action: o.playbook[segment] ?? (rfmSegment !== undefined ? o.playbook[rfmSegment] : undefined) ?? null,
    };
  }
}

/** A customer as the builder takes it: the segment it belongs to is given per segmentation beside it. */
export type PersonaInput = Omit<PersonaCustomer, 'segment'>;

/**
 * Persona cards of one or more segmentations of the same customers (e.g. customer group, RFM
 * segment and cluster), built from customers given one at a time: for a run's customers read in
 * batches, without holding them all as objects. Each customer's numbers are held once, in
 * columns, whatever the number of segmentations; per segment only sums, counts and its members'
 * indices. `add` keeps nothing of the customer object, so the caller may reuse it.
 */
export class PersonaBuilder<Segmentation extends string = string> {
  private readonly columns: MedianColumns = { recencyDays: numbers(), frequency: numbers(), monetary: numbers(), r: numbers(), f: numbers(), m: numbers() };
  private readonly tallies: Map<string, SegmentTally>[];
  private population = 0;
  private revenue = 0;
  private readonly options: Required<PersonaOptions>;

  constructor(private readonly segmentations: readonly Segmentation[], options: PersonaOptions = {}) {
    this.tallies = segmentations.map(() => new Map());
    this.options = { playbook: DEFAULT_PLAYBOOK, top: 3, ...options };
  }

  /** Adds a customer to segment `segments[i]` of each segmentation `segmentations[i]`. */
  add(customer: PersonaInput, segments: readonly string[]): void {
    if (segments.length !== this.segmentations.length) throw new RangeError(`PersonaBuilder.add: ${segments.length} segments for ${this.segmentations.length} segmentations`);
    const index = this.population++;
    const { columns } = this;
    columns.recencyDays.push(customer.recencyDays);
    columns.frequency.push(customer.frequency);
    columns.monetary.push(customer.monetary);
    columns.r.push(customer.rfm?.r ?? NaN);
    columns.f.push(customer.rfm?.f ?? NaN);
    columns.m.push(customer.rfm?.m ?? NaN);
    this.revenue += customer.monetary;
    segments.forEach((segment, s) => {
      let tally = this.tallies[s].get(segment);
      if (!tally) this.tallies[s].set(segment, tally = new SegmentTally());
      tally.add(customer, index);
    });
  }

  /** One persona card per segment of `segmentation`, largest segment first. */
  cards(segmentation: Segmentation): PersonaCard[] {
    const s = this.segmentations.indexOf(segmentation);
    if (s < 0) throw new RangeError(`PersonaBuilder.cards: no segmentation ${segmentation}`);
    return [...this.tallies[s].entries()]
      .map(([segment, tally]) => tally.card(segment, this.columns, this.population, this.revenue, this.options))
      .sort((a, b) => b.size - a.size || (a.segment < b.segment ? -1 : 1));
  }
}

/** One persona card per segment, largest segment first. */
export function buildPersonas(customers: readonly PersonaCustomer[], options: PersonaOptions = {}): PersonaCard[] {
  const builder = new PersonaBuilder(['segment'], options);
  for (const c of customers) builder.add(c, [c.segment]);
  return builder.cards('segment');
}
