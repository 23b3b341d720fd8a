/**
 * How well a run's voice tags find the generator's planted groups (manifest `latent`):
 * `silent` ← planted silent, `negative_voice` ← planted vocal detractors, `social_influencer`
 * ← planted influencers, `detractor` / `promoter` ← the latent voice. Scored over the
 * customers the run segmented (the only ones that carry tags).
 */
import type { Knex } from 'knex';
import type { Manifest } from '../generate/manifest';

export interface TagScore {
  tag: string;
  truth: number;
  tagged: number;
  hits: number;
  /** hits / tagged (1 when nothing is tagged) and hits / truth (1 when there is no truth). */
  precision: number;
  recall: number;
}

const idOf = (i: number) => `C${String(i + 1).padStart(8, '0')}`;

function customersWith(codes: string, code: string): Set<string> {
  const ids = new Set<string>();
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) ids.add(idOf(i));
  return ids;
}

export async function scoreVoiceTags(db: Knex, runId: string, latent: Manifest['latent']): Promise<TagScore[]> {
  const rows = await db('customer_segments').where({ run_id: runId }).select('customer_id', 'tags') as Array<{ customer_id: string; tags: string[] }>;
  const plantedCode = (name: string) => latent.planted.find((p) => p.name === name)!.code;
  const voiceCode = (name: string) => latent.voices.find((v) => v.name === name)!.code;
  const truths: Array<[string, Set<string>]> = [
    ['silent', customersWith(latent.plantedCodes, plantedCode('silent'))],
    ['negative_voice', customersWith(latent.plantedCodes, plantedCode('vocal_detractor'))],
    ['social_influencer', customersWith(latent.plantedCodes, plantedCode('influencer'))],
    ['detractor', customersWith(latent.voiceCodes, voiceCode('detractor'))],
    ['promoter', customersWith(latent.voiceCodes, voiceCode('promoter'))],
  ];
  return truths.map(([tag, planted]) => {
    const truth = rows.filter((r) => planted.has(r.customer_id));
    const tagged = rows.filter((r) => r.tags.includes(tag));
    const hits = tagged.filter((r) => planted.has(r.customer_id)).length;
    return {
      tag, truth: truth.length, tagged: tagged.length, hits,
      precision: tagged.length === 0 ? 1 : hits / tagged.length,
      recall: truth.length === 0 ? 1 : hits / truth.length,
    };
  });
}
