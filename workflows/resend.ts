/**
 * `report resend RUN_ID [--render]`: mails a past run's recorded reports again (or renders
 * them anew first), with the same activities and retries as the refresh's publish stage.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { cpuBoundStage, mailDelivery } from './activityOptions';
import type { DeliveryResult, RenderResult } from '../contract/results';

const rendering = proxyActivities<Activities>(cpuBoundStage);
const mail = proxyActivities<Activities>(mailDelivery);

export interface ResendInput {
  runId: string;
  /** Render and record the reports again before sending. */
  render: boolean;
}

export async function resendReports(input: ResendInput): Promise<{ rendered: RenderResult | null; delivery: DeliveryResult }> {
  const rendered = input.render ? await rendering.renderReports({ runId: input.runId }) : null;
  const delivery = await mail.sendReports({ runId: input.runId, trigger: 'resend' });
  return { rendered, delivery };
}
