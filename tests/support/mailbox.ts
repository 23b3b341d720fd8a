/** A real SMTP server on a free port of 127.0.0.1 keeping every message it receives, parsed. */
import net from 'node:net';
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

/** A port of 127.0.0.1 that nothing listens on (the system's pick, released again): an SMTP server that is down. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
