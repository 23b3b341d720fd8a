/**
 * Sending mail over SMTP (nodemailer). Short timeouts: a server that is down fails the
 * attempt quickly and Temporal retries it with backoff.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** Stable id, so a receiver can tell a repeated delivery of the same reports. */
  messageId: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export async function sendMail(smtpUrl: string, mail: OutgoingMail): Promise<SentMail> {
  const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 });
  try {
    const info = await transport.sendMail(mail);
    const address = (a: string | { address: string }) => (typeof a === 'string' ? a : a.address);
    return { messageId: info.messageId, accepted: info.accepted.map(address), rejected: info.rejected.map(address) };
  } finally {
    transport.close();
  }
}
