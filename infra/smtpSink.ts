/**
 * The local SMTP sink: a real SMTP server (smtp-server) on 127.0.0.1 that accepts every
 * message and keeps it as an .eml file, so the demo and the local stack deliver the report
 * mail end to end without a mail provider. Used only when SMTP_URL is unset.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  stop(): Promise<void>;
}

/** Starts the sink on `port` (0 = any free port) saving messages into `mailDir`. */
export async function startSmtpSink(mailDir: string, port = 0): Promise<SmtpSink> {
  fs.mkdirSync(mailDir, { recursive: true });
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        received += 1;
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const file = path.join(mailDir, `${stamp}-${session.id}-${received}.eml`);
        fs.writeFile(file, Buffer.concat(chunks), (error) => callback(error ?? null));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
