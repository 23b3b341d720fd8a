/**
 * Product reviews (商品评价) a few days after an order, exported as GB18030 with Chinese
 * headers (GBK's superset: emoji survive): ratings as 4, ４, 4星 or ★★★★, texts in Chinese
 * or English with emoji, blank or whitespace-only texts, and a few extra rows with unknown
 * customer ids or impossible ratings. Planted vocal detractors review most orders, always
 * negatively; other customers review now and then in the tone of their voice; silent
 * customers never do.
 */
import { SECONDS_PER_DAY } from '../../analytics/calendar';
import { drawComment } from './comments';
import type { CsvWriter } from './csvWriter';
import { TIMESTAMP_STYLES, dateFormatsOf, formatTimestamp, toFullWidthDigits, type TimestampStyle } from './formats';
import { Tally } from './mess';
import { PLANTED } from './planted';
import { customerId, type Population } from './population';
import type { Schedule } from './schedule';
import { VOICES } from './behaviours';
import { CHANNELS } from '../../config/canonical';
import { Random } from '../../analytics/random';

const STYLES: readonly (readonly [TimestampStyle, number])[] = [['iso', 0.7], ['chinese', 0.2], ['slash', 0.1]];
export const REVIEW_DATE_FORMATS = dateFormatsOf(STYLES.map(([style]) => TIMESTAMP_STYLES[style]));

/** Probability that an order is reviewed. */
const VOCAL_REVIEW_RATE = 0.6;
const REVIEW_RATE = 0.03;
/** Extra faulty rows per 1,000 genuine reviews. */
const FAULTS_PER_MILLE = { unknown_customer_id: 5, invalid_rating: 3 } as const;

type Tone = 'praise' | 'neutral' | 'complaint';

function ratingText(rng: Random, stars: number, forms: Tally): string {
  const form = rng.weighted([['plain', 0.8], ['full_width', 0.1], ['suffix', 0.05], ['stars', 0.05]] as const);
  forms.add(form);
  switch (form) {
    case 'plain': return String(stars);
    case 'full_width': return toFullWidthDigits(String(stars));
    case 'suffix': return `${stars}星`;
    case 'stars': return '★'.repeat(stars);
  }
}

export class ReviewRecorder {
  readonly mess = new Tally();
  readonly ratingForms = new Tally();
  rows = 0;
  /** Genuine reviews per tone, for the manifest. */
  readonly tones = new Tally();

  constructor(private readonly rng: Random, private readonly writer: CsvWriter) {}

  review(customer: string, at: number, tone: Tone, channel: string): void {
    const rng = this.rng;
    const stars = tone === 'praise' ? rng.between(4, 5) : tone === 'neutral' ? 3 : rng.between(1, 2);
    const comment = drawComment(rng, tone);
    if (comment.kind === 'blank' || comment.kind === 'whitespace') this.mess.add(`${comment.kind}_text`);
    else this.tones.add(tone);
    this.write(customer, formatTimestamp(rng.weighted(STYLES), at), ratingText(rng, stars, this.ratingForms), comment.text, channel);
  }

  faults(lastSecond: number, customers: number): void {
    for (const [fault, perMille] of Object.entries(FAULTS_PER_MILLE)) {
      const n = Math.max(1, Math.round((perMille * this.rows) / 1000));
      for (let k = 0; k < n; k++) {
        this.mess.add(fault);
        const at = formatTimestamp('iso', lastSecond - this.rng.int(365 * SECONDS_PER_DAY));
        if (fault === 'unknown_customer_id') this.write(`X${String(this.rng.int(1e8)).padStart(8, '0')}`, at, '5', '很好', 'app');
        else this.write(customerId(this.rng.int(customers)), at, this.rng.pick(['6', '0', '五星好评']), '还行', 'web');
      }
    }
  }

  private write(customer: string, at: string, rating: string, text: string, channel: string): void {
    this.rows++;
    this.writer.row([`RV${String(this.rows).padStart(8, '0')}`, customer, null, at, rating, text, channel]);
  }
}

/** Reviews of the window's orders, then the faulty rows. */
export function writeReviews(seed: number, pop: Population, schedule: Schedule, planted: Uint8Array, lastSecond: number, writer: CsvWriter): ReviewRecorder {
  const rng = Random.stream(seed, 'reviews');
  const recorder = new ReviewRecorder(rng, writer);
  for (let k = 0; k < schedule.size; k++) {
    const c = schedule.customer[k];
    const group = PLANTED[planted[c]];
    if (group === 'silent') continue;
    const vocal = group === 'vocal_detractor';
    if (!rng.chance(vocal ? VOCAL_REVIEW_RATE : REVIEW_RATE)) continue;
    const at = schedule.at[k] + rng.between(1, 10) * SECONDS_PER_DAY + rng.int(SECONDS_PER_DAY);
    if (at > lastSecond) continue;
    const voice = VOICES[pop.voice[c]];
    const tone: Tone = vocal || (voice === 'detractor' && rng.chance(0.5)) ? 'complaint' : voice === 'promoter' ? 'praise' : 'neutral';
    recorder.review(customerId(c), at, tone, CHANNELS[schedule.channel[k]]);
  }
  recorder.faults(lastSecond, pop.size);
  return recorder;
}
