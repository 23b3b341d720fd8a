/**
 * Secrets stay out of sight: URLs are printed with their password masked, files holding
 * credentials are readable by their owner only, and the public development PII salt never
 * serves anything but the local stack.
 */
import fs from 'node:fs';
import type { AppConfig } from './config';

/** `postgres://user:***@host/db`: the URL with its password (and any query secrets) masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** Writes `text` to a file only its owner can read or write (0600), also when it existed before. */
export function writePrivateFile(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export class PiiSaltError extends Error {
  override name = 'PiiSaltError';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function hostOf(address: string): string {
  try {
    return new URL(address.includes('://') ? address : `tcp://${address}`).hostname;
  } catch {
    return address;
  }
}

/** True when the database and Temporal both run on this machine: the local stack. */
export function servesLocalStack(endpoints: { databaseUrl: string; temporalAddress: string }): boolean {
  return LOOPBACK.has(hostOf(endpoints.databaseUrl)) && LOOPBACK.has(hostOf(endpoints.temporalAddress));
}

/**
 * The public development salt makes a phone-number hash reversible (try every 11-digit number):
 * a worker outside the local stack refuses to start with it; the local stack gets a warning.
 * @returns the warning to show, or undefined when a real salt is set
 * @throws PiiSaltError outside the local stack
 */
export function checkPiiSalt(config: Pick<AppConfig, 'piiSaltIsDevelopment'>, endpoints: { databaseUrl: string; temporalAddress: string }): string | undefined {
  if (!config.piiSaltIsDevelopment) return undefined;
  if (!servesLocalStack(endpoints)) {
    throw new PiiSaltError(
      `refusing to start: PII_SALT is the public development salt, and this worker serves PostgreSQL at ${hostOf(endpoints.databaseUrl)} and Temporal at ${hostOf(endpoints.temporalAddress)}, not the local stack. ` +
        'With a public salt a hashed phone number is reversed by trying every number. Set PII_SALT in the worker\'s environment to a secret of at least 8 characters, e.g. PII_SALT=$(openssl rand -hex 16), and keep it: a new salt gives every customer new pseudonyms.',
    );
  }
  return 'warning: PII_SALT is not set: names, phones and emails are pseudonymized with the public development salt — fine for sample data, not for real customers (set PII_SALT=$(openssl rand -hex 16) first)';
}
