/**
 * The planted voice-of-the-customer groups (SPEC §3b test data), one code per customer:
 * - `silent` (1): customers whose latent voice is silent — they buy but never answer a survey,
 *   review, visit, open an e-mail or touch a social post;
 * - `vocal_detractor` (2): detractors among the lapsed — low NPS and several negative reviews;
 * - `influencer` (3): a few promoters buying in the window who share a lot and whose referrals
 *   bring new customers.
 * Everyone else is 0. Recorded in the manifest so tests can score the pipeline's voice tags.
 */
import { BEHAVIOURS, VOICES } from './behaviours';
import type { Population } from './population';
import type { Schedule } from './schedule';
import { Random } from '../../analytics/random';

export const PLANTED = ['none', 'silent', 'vocal_detractor', 'influencer'] as const;
export type Planted = (typeof PLANTED)[number];

/** Share of promoters made influencers (at least MIN_INFLUENCERS when there are promoters). */
const INFLUENCER_SHARE = 0.01;
const MIN_INFLUENCERS = 3;

const LAPSED = BEHAVIOURS.findIndex((b) => b.name === 'lapsed');
const SILENT = VOICES.indexOf('silent');
const DETRACTOR = VOICES.indexOf('detractor');
const PROMOTER = VOICES.indexOf('promoter');

/** Index into PLANTED per customer. */
export function plantVoiceGroups(seed: number, pop: Population, schedule: Schedule): Uint8Array {
  const rng = Random.stream(seed, 'planted');
  const planted = new Uint8Array(pop.size);
  const buying = new Uint8Array(pop.size);
  for (let k = 0; k < schedule.size; k++) buying[schedule.customer[k]] = 1;
  const promoters: number[] = [];
  for (let i = 0; i < pop.size; i++) {
    if (pop.voice[i] === SILENT) planted[i] = 1;
    else if (pop.voice[i] === DETRACTOR && pop.behaviour[i] === LAPSED) planted[i] = 2;
    else if (pop.voice[i] === PROMOTER && buying[i]) promoters.push(i);
  }
  const wanted = Math.min(promoters.length, Math.max(MIN_INFLUENCERS, Math.round(INFLUENCER_SHARE * promoters.length)));
  for (let k = 0; k < wanted; k++) {
    const j = k + rng.int(promoters.length - k);
    [promoters[k], promoters[j]] = [promoters[j], promoters[k]];
    planted[promoters[k]] = 3;
  }
  return planted;
}
