/**
 * Engagement events (visits, e-mail opens and clicks, likes, shares, comments, follows,
 * referrals) as an app-analytics export: UTF-8, English headers, event types sometimes in
 * Chinese (点赞, 分享), channels under their Chinese names, customer ids now and then in
 * full-width digits. Every non-silent buyer has at least one event while buying; planted
 * influencers share a lot and refer customers who then make their first purchase; extra
 * faulty rows (unknown customer, unknown event type, garbage time) are added, never swapped
 * in, so the clean events still tell the planted truth.
 */
import type { EngagementEventType } from '../../config/canonical';
import { CHANNELS } from '../../config/canonical';
import { SECONDS_PER_DAY } from '../../analytics/calendar';
import { windowFirstSecond, windowLastSecond, type Calendar } from './calendar';
import { flushFull, type CsvWriter } from './csvWriter';
import { GARBAGE_TIMESTAMPS, TIMESTAMP_STYLES, dateFormatsOf, formatTimestamp, toFullWidthDigits, type TimestampStyle } from './formats';
import { Tally } from './mess';
import { PLANTED } from './planted';
import { customerId, type Population } from './population';
import type { Schedule } from './schedule';
import { VOICES } from './behaviours';
import { Random } from '../../analytics/random';

const STYLES: readonly (readonly [TimestampStyle, number])[] = [['iso', 0.9], ['slash', 0.1]];
export const ENGAGEMENT_DATE_FORMATS = dateFormatsOf(STYLES.map(([style]) => TIMESTAMP_STYLES[style]));

/** Mean events per customer (besides the one every engaged buyer has) by voice. */
const MEAN_EVENTS: Readonly<Record<string, number>> = { promoter: 6, passive: 4, detractor: 3, silent: 0 };
const ORDINARY_TYPES: readonly (readonly [EngagementEventType, number])[] = [
  ['visit', 0.46], ['email_open', 0.22], ['email_click', 0.1], ['like', 0.1], ['comment', 0.05], ['follow', 0.04], ['share', 0.025], ['referral', 0.005],
];
const SOCIAL = ['wechat', 'weibo', 'douyin', 'xiaohongshu'] as const;
const CHINESE_CHANNEL: Readonly<Record<string, string>> = { wechat: '微信', weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', email: '邮件' };
const CHINESE_TYPE: Partial<Record<EngagementEventType, string>> = { like: '点赞', share: '分享', comment: '评论', follow: '关注', visit: '浏览' };
/** Influencers: shares and referred customers drawn uniformly from these ranges. */
const INFLUENCER_SHARES: readonly [number, number] = [20, 40];
const INFLUENCER_REFERRALS: readonly [number, number] = [3, 8];
/** Extra faulty rows per 1,000 genuine events. */
const FAULTS_PER_MILLE = { unknown_customer_id: 3, unknown_event_type: 2, garbage_date: 1 } as const;

export class EngagementRecorder {
  readonly mess = new Tally();
  readonly types = new Tally();
  rows = 0;
  /** Customers brought by each influencer's referrals, for the manifest. */
  readonly referred = new Map<string, string[]>();

  constructor(private readonly rng: Random, private readonly writer: CsvWriter) {}

  event(customer: string, at: number, type: EngagementEventType, channel: string, referred: string | null): void {
    const rng = this.rng;
    this.types.add(type);
    const typeText = CHINESE_TYPE[type] && rng.chance(0.1) ? CHINESE_TYPE[type]! : type;
    const channelText = CHINESE_CHANNEL[channel] && rng.chance(0.15) ? CHINESE_CHANNEL[channel] : channel;
    const id = rng.chance(0.02) ? toFullWidthDigits(customer) : customer;
    this.write(id, formatTimestamp(rng.weighted(STYLES), Math.floor(at)), typeText, channelText, referred);
  }

  /** The extra faulty rows, in proportion to the genuine ones. */
  faults(lastSecond: number): void {
    for (const [fault, perMille] of Object.entries(FAULTS_PER_MILLE)) {
      const n = Math.max(1, Math.round((perMille * this.rows) / 1000));
      for (let k = 0; k < n; k++) {
        const at = lastSecond - this.rng.int(365 * SECONDS_PER_DAY);
        this.mess.add(fault);
        if (fault === 'unknown_customer_id') this.write(`X${String(this.rng.int(1e8)).padStart(8, '0')}`, formatTimestamp('iso', at), 'visit', 'app', null);
        else if (fault === 'unknown_event_type') this.write(customerId(this.rng.int(1000)), formatTimestamp('iso', at), this.rng.pick(['purchase_intent', '收藏', 'unsubscribe']), 'app', null);
        else this.write(customerId(this.rng.int(1000)), this.rng.pick(GARBAGE_TIMESTAMPS), 'visit', 'web', null);
      }
    }
  }

  private write(customer: string, at: string, type: string, channel: string, referred: string | null): void {
    this.rows++;
    this.writer.row([`E${String(this.rows).padStart(9, '0')}`, customer, at, type, channel, referred]);
  }
}

function channelOf(rng: Random, type: EngagementEventType, salesChannel: string): string {
  if (type === 'email_open' || type === 'email_click') return 'email';
  if (type === 'visit') return salesChannel === 'store' ? rng.pick(['app', 'web', 'mini_program']) : salesChannel;
  return rng.pick(SOCIAL);
}

/** Writes every customer's events; returns the recorder with its counts. */
export async function writeEngagement(seed: number, pop: Population, schedule: Schedule, calendar: Calendar, planted: Uint8Array, writer: CsvWriter): Promise<EngagementRecorder> {
  const rng = Random.stream(seed, 'engagement');
  const recorder = new EngagementRecorder(rng, writer);
  const first = windowFirstSecond(calendar);
  const last = windowLastSecond(calendar);
  const lastOrder = new Float64Array(pop.size).fill(-1);
  const firstInWindow = new Float64Array(pop.size).fill(-1);
  const channel = new Uint8Array(pop.size);
  for (let k = 0; k < schedule.size; k++) {
    const c = schedule.customer[k];
    if (firstInWindow[c] < 0) firstInWindow[c] = schedule.at[k];
    lastOrder[c] = schedule.at[k];
    channel[c] = schedule.channel[k];
  }
  // Customers a referral can bring: first purchase inside the window.
  const newcomers: number[] = [];
  for (let i = 0; i < pop.size; i++) if (schedule.firstAt[i] >= first + 7 * SECONDS_PER_DAY && firstInWindow[i] >= 0) newcomers.push(i);

  for (let i = 0; i < pop.size; i++) {
    if (PLANTED[planted[i]] === 'silent' || firstInWindow[i] < 0) continue;
    const id = customerId(i);
    const from = firstInWindow[i];
    const until = Math.min(last, lastOrder[i] + 90 * SECONDS_PER_DAY);
    const when = () => from + rng.next() * (until - from);
    const n = 1 + rng.poisson(MEAN_EVENTS[VOICES[pop.voice[i]]]);
    for (let k = 0; k < n; k++) {
      const type = rng.weighted(ORDINARY_TYPES);
      recorder.event(id, when(), type, channelOf(rng, type, CHANNELS[channel[i]]), null);
    }
    if (PLANTED[planted[i]] === 'influencer') {
      const shares = rng.between(...INFLUENCER_SHARES);
      for (let k = 0; k < shares; k++) recorder.event(id, when(), 'share', rng.pick(SOCIAL), null);
      const brought = new Set<number>();
      const wanted = rng.between(...INFLUENCER_REFERRALS);
      for (let tries = 0; brought.size < wanted && tries < 50 * wanted && newcomers.length > 0; tries++) {
        const j = newcomers[rng.int(newcomers.length)];
        if (j !== i && planted[j] === 0 && schedule.firstAt[j] > from) brought.add(j);
      }
      for (const j of brought) recorder.event(id, schedule.firstAt[j] - rng.between(1, 5) * SECONDS_PER_DAY, 'referral', 'wechat', customerId(j));
      recorder.referred.set(id, [...brought].map(customerId).sort());
    }
    if (writer.full) await flushFull([writer]);
  }
  recorder.faults(last);
  return recorder;
}
