/**
 * `report resend RUN_ID [--render]`: mails a past run's recorded reports again (or renders
 * them anew first), with the same activities and retries as the refresh's publish stage, in
 * the context the run had (its as-of date and recorded config).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryResult, RenderResult } from '../contract/results';
import { longStage, mailDelivery, shortIo } from './activityOptions';

const runs = proxyActivities<Activities>(shortIo);
const rendering = proxyActivities<Activities>(longStage);
const mail = proxyActivities<Activities>(mailDelivery);

export interface ResendInput {
  runId: string;
  /** Render and record the reports again before sending. */
  render: boolean;
}

export async function resendReports(input: ResendInput): Promise<{ rendered: RenderResult | null; delivery: DeliveryResult }> {
  const context = await runs.runContextOf({ runId: input.runId });
  const rendered = input.render ? await rendering.renderReports({ context }) : null;
  const delivery = await mail.sendReports({ context, trigger: 'resend' });
  return { rendered, delivery };
}
