/**
 * Segment stage: reads the run's `customer_profiles`, applies the pure segmentation
 * (analytics/segment/segmentProfiles.ts) and replaces the run's `customer_segments` and
 * `segment_summary` rows in one transaction. The cluster rules and the alternative methods
 * of the CLI summary are not stored yet.
 */
import type { CustomerFeatures } from '../analytics/profile/features';
import { rfmSegmentName } from '../analytics/segment/rfm';
import { DEFAULT_SEGMENT_SEED, segmentProfiles } from '../analytics/segment/segmentProfiles';
import { CopyWriter, inTransaction } from '../infra/copy';
import { stageLogger } from '../infra/logging';
import type { SegmentResult } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { withHeartbeat } from './heartbeat';
import { recordStageTiming } from './runs';

export interface SegmentInput {
  runId: string;
  asOf: string;
  seed?: number;
}

interface ProfileRow {
  customer_id: string;
  recency_days: number;
  frequency: number;
  monetary: string;
  tenure_days: number;
  avg_order_value: string;
  mean_interpurchase_days: number | null;
  last_gap_days: number | null;
  spend_trend: number;
  spend_trend_relative: number;
  top_channel: string | null;
  top_category: string | null;
  channel_shares: Record<string, number>;
}

/** A profile row as the features the segmentation reads (weekday / hour and category shares are not profiled). */
function featuresOf(p: ProfileRow): CustomerFeatures {
  return {
    customerId: p.customer_id,
    recencyDays: Number(p.recency_days),
    frequency: Number(p.frequency),
    monetary: Number(p.monetary),
    tenureDays: Number(p.tenure_days),
    averageOrderValue: Number(p.avg_order_value),
    meanInterPurchaseDays: p.mean_interpurchase_days === null ? null : Number(p.mean_interpurchase_days),
    lastGapDays: p.last_gap_days === null ? null : Number(p.last_gap_days),
    spendTrend: Number(p.spend_trend),
    spendTrendRelative: Number(p.spend_trend_relative),
    categoryShares: {},
    channelShares: p.channel_shares ?? {},
    topCategory: p.top_category,
    topChannel: p.top_channel,
    mostActiveWeekday: 0,
    mostActiveHour: 0,
  };
}

const SEGMENT_COLUMNS = ['run_id', 'customer_id', 'r_score', 'f_score', 'm_score', 'rfm_segment', 'rfm_segment_zh', 'cluster', 'value_tier', 'lifecycle', 'customer_group', 'tags'] as const;

export function createSegmentActivities({ db }: ActivityDeps) {
  return {
    async segmentCustomers(input: SegmentInput): Promise<SegmentResult> {
      const { runId, seed = DEFAULT_SEGMENT_SEED } = input;
      const log = stageLogger(runId, 'segment');
      const started = new Date();
      const result = await withHeartbeat(async (progress) => {
        const rows: ProfileRow[] = await db('customer_profiles')
          .where({ run_id: runId })
          .orderBy('customer_id')
          .select('customer_id', 'recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_order_value', 'mean_interpurchase_days',
            'last_gap_days', 'spend_trend', 'spend_trend_relative', 'top_channel', 'top_category', 'channel_shares');
        progress({ profiles: rows.length });
        const segmentation = segmentProfiles(rows.map(featuresOf), { seed });
        progress({ profiles: rows.length, segmented: segmentation.customers.length });
        await inTransaction(db, async (client) => {
          await client.query('DELETE FROM customer_segments WHERE run_id = $1', [runId]);
          await client.query('DELETE FROM segment_summary WHERE run_id = $1', [runId]);
          const writer = new CopyWriter(client, 'customer_segments', SEGMENT_COLUMNS);
          for (const c of segmentation.customers) {
            await writer.write([runId, c.features.customerId, c.rfm.r, c.rfm.f, c.rfm.m, c.rfm.segment, rfmSegmentName(c.rfm.segment).zh,
              c.cluster, c.tier, c.lifecycle, c.group, JSON.stringify(c.tags)]);
          }
          await writer.flush();
          await client.query(
            `INSERT INTO segment_summary (run_id, segment, customers, revenue_share)
             SELECT s.run_id, s.rfm_segment, count(*)::int,
                    coalesce(sum(p.monetary) / nullif(sum(sum(p.monetary)) OVER (), 0), 0)::float8
             FROM customer_segments s JOIN customer_profiles p USING (run_id, customer_id)
             WHERE s.run_id = $1 GROUP BY s.run_id, s.rfm_segment`,
            [runId],
          );
        }, `${runId}:segment`);
        return segmentation;
      });
      const finished = new Date();
      const ms = finished.getTime() - started.getTime();
      const customers = result.customers.length;
      await recordStageTiming(db, runId, 'segment', { startedAt: started.toISOString(), finishedAt: finished.toISOString(), ms, rows: customers });
      log.info({ customers, k: result.k, silhouette: result.silhouette, clusteringSkipped: result.clusteringSkipped, ms }, 'segmented');
      return { customers, k: result.k, silhouette: result.silhouette, clusteringSkipped: result.clusteringSkipped, seed, ms };
    },
  };
}
