/**
 * Publish stage, second step: mail the recorded workbook and PDF (index.ts rendered and
 * recorded them) to the configured recipients. The bytes attached are the recorded ones,
 * checked against their sha256, so a retried send never sends different reports. Each
 * delivery is recorded; a workflow whose send is retried after a delivery was recorded finds
 * it and sends nothing (the message id is derived from the reports, so a receiver can also
 * drop the rare duplicate of a crash between SMTP's acceptance and the record). The step's
 * lock makes two attempts of one run's send take turns.
 */
import path from 'node:path';
import type { PoolClient } from 'pg';
import type { DeliveryResult } from '../../contract/results';
import { STEPS, type DeliveryTrigger, type StageInput } from '../../contract/stages';
import { sendMail } from '../../infra/mail';
import type { MailMessage } from '../../reports/mail';
import { defineStage } from '../stage';
import { artifactsDigest, readRecordedArtifacts } from './artifacts';

/** SMTP_URL is unset outside the local stack: a configuration error, not worth retrying. */
export class MailConfigError extends Error {
  override name = 'MailConfigError';
}

const CONTENT_TYPES = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

interface DeliveryRow {
  delivery_id: number;
  message_id: string;
  recipients: string[];
  accepted: string[];
}

async function previousDelivery(client: PoolClient, runId: string, digest: string): Promise<DeliveryRow | undefined> {
  const { rows } = await client.query<DeliveryRow>(
    `SELECT delivery_id, message_id, recipients, accepted FROM report_deliveries WHERE run_id = $1 AND artifacts_digest = $2 AND trigger = 'workflow' ORDER BY delivery_id LIMIT 1`,
    [runId, digest]);
  return rows[0];
}

export const sendStage = defineStage<StageInput & { trigger: DeliveryTrigger }, DeliveryResult>({
  step: () => STEPS.send,
  async run({ input: { trigger }, context: { runId }, client, app, log }) {
    const artifacts = await readRecordedArtifacts(client, runId, ['mail', 'pdf', 'workbook']);
    const digest = artifactsDigest(artifacts);
    if (trigger === 'workflow') {
      const done = await previousDelivery(client, runId, digest);
      if (done) {
        log.info({ messageId: done.message_id }, 'reports already delivered; not sending again');
        return { deliveryId: done.delivery_id, messageId: done.message_id, recipients: done.recipients, accepted: done.accepted, alreadyDelivered: true };
      }
    }
    if (!app.smtpUrl) throw new MailConfigError('SMTP_URL is not set: set it, or run the local stack (`npm run stack`), which starts a local SMTP sink');
    const message = JSON.parse(artifacts.find((a) => a.kind === 'mail')!.data.toString('utf8')) as MailMessage;
    const { rows: [{ n: deliveries }] } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM report_deliveries WHERE run_id = $1', [runId]);
    const messageId = `<${runId}.${digest.slice(0, 16)}${trigger === 'resend' ? `.resend-${deliveries + 1}` : ''}@customer-insights>`;
    const sent = await sendMail(app.smtpUrl, {
      from: app.reportSender,
      to: app.reportRecipients,
      subject: message.subject,
      text: message.text,
      messageId,
      attachments: artifacts.filter((a) => a.kind === 'workbook' || a.kind === 'pdf').map((a) => ({
        filename: path.basename(a.path), content: a.data, contentType: CONTENT_TYPES[a.kind as 'workbook' | 'pdf'],
      })),
    });
    const { rows: [{ delivery_id: deliveryId }] } = await client.query<{ delivery_id: number }>(
      `INSERT INTO report_deliveries (run_id, artifacts_digest, trigger, message_id, recipients, accepted, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING delivery_id`,
      [runId, digest, trigger, sent.messageId, JSON.stringify(app.reportRecipients), JSON.stringify(sent.accepted), new Date()]);
    log.info({ messageId: sent.messageId, accepted: sent.accepted, rejected: sent.rejected }, 'reports mailed');
    return { deliveryId, messageId: sent.messageId, recipients: app.reportRecipients, accepted: sent.accepted, alreadyDelivered: false };
  },
  /** Mails sent. */
  rows: (result) => (result.alreadyDelivered ? 0 : 1),
});
