/** A real SMTP server on a free port of 127.0.0.1 keeping every message it receives, parsed. */
import type net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Mailbox {
  url: string;
  port: number;
  messages: ParsedMail[];
  stop(): Promise<void>;
}

export async function startMailbox(port = 0): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { messages.push(mail); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const bound = (server.server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${bound}`, port: bound, messages, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
