/**
 * Publish stage, part 2: mail the recorded workbook and PDF (index.ts rendered
 * and recorded them) to the configured recipients. The bytes attached are the recorded ones,
 * checked against their sha256, so a retried send never sends different reports. Each
 * delivery is recorded; a workflow whose send is retried after a delivery was recorded finds
 * it and sends nothing (the message id is derived from the reports, so a receiver can also
 * drop the rare duplicate of a crash between SMTP's acceptance and the record).
 */
import type { Knex } from 'knex';
import path from 'node:path';
import { sendMail } from '../../infra/mail';
import { stageLogger } from '../../infra/logging';
import type { MailMessage } from '../../reports/mail';
import type { DeliveryResult } from '../../contract/results';
import { artifactsDigest, readRecordedArtifacts } from './artifacts';
import type { ActivityDeps } from '../deps';

/** SMTP_URL is unset outside the local stack: a configuration error, not worth retrying. */
export class MailConfigError extends Error {
  override name = 'MailConfigError';
}

export type DeliveryTrigger = 'workflow' | 'resend';

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

async function previousDelivery(db: Knex, runId: string, digest: string): Promise<DeliveryRow | undefined> {
  return db('report_deliveries').where({ run_id: runId, artifacts_digest: digest, trigger: 'workflow' }).orderBy('delivery_id').first();
}

export function createDeliverActivities({ db, config }: ActivityDeps) {
  return {
    async sendReports(input: { runId: string; trigger: DeliveryTrigger }): Promise<DeliveryResult> {
      const { runId, trigger } = input;
      const log = stageLogger(runId, 'publish');
      const artifacts = await readRecordedArtifacts(db, runId, ['mail', 'pdf', 'workbook']);
      const digest = artifactsDigest(artifacts);
      if (trigger === 'workflow') {
        const done = await previousDelivery(db, runId, digest);
        if (done) {
          log.info({ messageId: done.message_id }, 'reports already delivered; not sending again');
          return { deliveryId: done.delivery_id, messageId: done.message_id, recipients: done.recipients, accepted: done.accepted, alreadyDelivered: true };
        }
      }
      if (!config.smtpUrl) throw new MailConfigError('SMTP_URL is not set: set it, or run the local stack (`npm run stack`), which starts a local SMTP sink');
      const message = JSON.parse(artifacts.find((a) => a.kind === 'mail')!.data.toString('utf8')) as MailMessage;
      const [deliveries] = await db('report_deliveries').where({ run_id: runId }).count<{ n: string }[]>({ n: '*' });
      const messageId = `<${runId}.${digest.slice(0, 16)}${trigger === 'resend' ? `.resend-${Number(deliveries.n) + 1}` : ''}@customer-insights>`;
      const sent = await sendMail(config.smtpUrl, {
        from: config.reportSender,
        to: config.reportRecipients,
        subject: message.subject,
        text: message.text,
        messageId,
        attachments: artifacts.filter((a) => a.kind === 'workbook' || a.kind === 'pdf').map((a) => ({
          filename: path.basename(a.path), content: a.data, contentType: CONTENT_TYPES[a.kind as 'workbook' | 'pdf'],
        })),
      });
      const [row] = await db('report_deliveries').insert({
        run_id: runId, artifacts_digest: digest, trigger, message_id: sent.messageId,
        recipients: JSON.stringify(config.reportRecipients), accepted: JSON.stringify(sent.accepted), sent_at: new Date(),
      }).returning('delivery_id');
      log.info({ messageId: sent.messageId, accepted: sent.accepted, rejected: sent.rejected }, 'reports mailed');
      return { deliveryId: row.delivery_id, messageId: sent.messageId, recipients: config.reportRecipients, accepted: sent.accepted, alreadyDelivered: false };
    },
  };
}
