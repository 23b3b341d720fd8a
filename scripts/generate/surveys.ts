/**
 * Survey answers (NPS 0–10, CSAT 1–5, comment) given a few days after an order by customers
 * who have a voice. Scores follow the customer's latent voice — the vocal detractors among
 * the lapsed score lowest — and comments follow the score. Rows go to the UTF-8-with-BOM
 * export and to the `source.survey_responses` payload alike.
 */
import { SECONDS_PER_DAY } from '../../analytics/calendar';
import { drawComment, toneOfScore } from './comments';
import type { CsvWriter } from './csvWriter';
import { TIMESTAMP_STYLES, dateFormatsOf, formatTimestamp, type TimestampStyle } from './formats';
import { Tally } from './mess';
import type { Random } from '../../analytics/random';
import type { Voice } from './behaviours';

const STYLES: readonly (readonly [TimestampStyle, number])[] = [['iso', 0.85], ['slash', 0.15]];

/** Formats of the survey answer times. */
export const SURVEY_DATE_FORMATS = dateFormatsOf(STYLES.map(([style]) => TIMESTAMP_STYLES[style]));

export interface SurveyContext {
  customerId: string;
  voice: Voice;
  /** Detractors who score 0–4 rather than 5–6. */
  vocal: boolean;
  orderAt: number;
  channel: string;
}

export class SurveyRecorder {
  readonly mess = new Tally();
  readonly dateFormats = new Tally();
  readonly languages = new Tally();
  rows = 0;
  promoters = 0;
  detractors = 0;
  scored = 0;
  satisfied = 0;
  rated = 0;

  constructor(
    private readonly rng: Random,
    private readonly lastSecond: number,
    private readonly writers: readonly CsvWriter[],
  ) {}

  /** Records an answer to the survey after an order, unless it would fall after the window. */
  answer(context: SurveyContext): void {
    if (context.voice === 'silent') return;
    const rng = this.rng;
    const at = context.orderAt + rng.between(1, 7) * SECONDS_PER_DAY + rng.int(SECONDS_PER_DAY);
    if (at > this.lastSecond) return;
    const nps = this.drawNps(context);
    const csat = Math.min(5, Math.max(1, Math.round(1 + (nps / 10) * 4 + rng.normal(0, 0.6))));
    const comment = drawComment(rng, toneOfScore(nps));
    const style = rng.weighted(STYLES);
    const npsText = rng.chance(0.02) ? null : String(nps);
    const csatText = rng.chance(0.03) ? null : String(csat);
    this.rows++;
    this.dateFormats.add(TIMESTAMP_STYLES[style]);
    this.languages.add(comment.kind === 'english' ? 'en' : comment.kind === 'text' || comment.kind === 'emoji' || comment.kind === 'multiline' ? 'zh' : 'none');
    if (comment.kind === 'blank' || comment.kind === 'whitespace' || comment.kind === 'emoji' || comment.kind === 'multiline') this.mess.add(`${comment.kind}_comment`);
    if (npsText === null) this.mess.add('missing_nps');
    else {
      this.scored++;
      if (nps >= 9) this.promoters++;
      if (nps <= 6) this.detractors++;
    }
    if (csatText === null) this.mess.add('missing_csat');
    else {
      this.rated++;
      if (csat >= 4) this.satisfied++;
    }
    const row = [`S${String(this.rows).padStart(8, '0')}`, context.customerId, formatTimestamp(style, at), npsText, csatText, comment.text, context.channel];
    for (const writer of this.writers) writer.row(row);
  }

  private drawNps(context: SurveyContext): number {
    const rng = this.rng;
    switch (context.voice) {
      case 'promoter':
        return rng.chance(0.6) ? 10 : 9;
      case 'passive':
        return rng.between(7, 8);
      case 'detractor':
        return context.vocal ? rng.between(0, 4) : rng.between(3, 6);
      case 'silent':
        throw new Error('drawNps: silent customers do not answer');
    }
  }
}
