/**
 * Settings of the segment stage: the optional `segmentation` section of the source config
 * (the `segment` command's --seed and --k-by set the same two). A run records them with its
 * config, so a past week re-run draws the same sample and the same clusters.
 */
import { z } from 'zod';
import { K_CRITERIA } from '../analytics/segment/chooseK';
import { DEFAULT_SEGMENT_SEED } from '../analytics/segment/segmentCustomers';

export const segmentationSchema = z.object({
  /** Seed of the fitting sample, the k-means starts and the rule tree's training part. */
  seed: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1).default(DEFAULT_SEGMENT_SEED),
  /** How k is chosen: `prediction_strength` (the largest reproducible k in 2–8) or `silhouette`. */
  kCriterion: z.enum(K_CRITERIA).default('prediction_strength'),
}).strict();

export type SegmentationSettings = z.infer<typeof segmentationSchema>;
