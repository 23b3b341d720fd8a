/** Credentials never printed, owner-only files, and the development PII salt kept to the local stack. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_PII_SALT, loadConfig } from '../../../infra/config';
import { checkPiiSalt, PiiSaltError, redactUrl, servesLocalStack, writePrivateFile } from '../../../infra/credentials';

describe('credentials', () => {
  it('masks the password of a URL and secret query parameters, keeps the rest', () => {
    expect(redactUrl('postgres://postgres:s3cret@127.0.0.1:54329/insights')).toBe('postgres://postgres:***@127.0.0.1:54329/insights');
    expect(redactUrl('smtps://mailer:p%40ss@smtp.example.com:465?token=abc&x=1')).toBe('smtps://mailer:***@smtp.example.com:465?token=***&x=1');
    expect(redactUrl('smtp://127.0.0.1:2525')).toBe('smtp://127.0.0.1:2525');
    expect(redactUrl('not a url s3cret')).toBe('(an unparsable URL)');
  });

  it('writes files readable by their owner only, also over an existing file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'private-')), 'stack.json');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    writePrivateFile(file, '{"databaseUrl":"postgres://u:p@h/d"}');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain('postgres://u:p@h/d');
  });
});

describe('PII salt', () => {
  const local = { databaseUrl: 'postgres://postgres:postgres@127.0.0.1:54329/insights', temporalAddress: '127.0.0.1:7233' };
  const remote = { databaseUrl: 'postgres://insights:insights@postgres:5432/insights', temporalAddress: 'temporal:7233' };

  it('is the development salt when PII_SALT is unset or set to it', () => {
    expect(loadConfig({})).toMatchObject({ piiSalt: DEVELOPMENT_PII_SALT, piiSaltIsDevelopment: true });
    expect(loadConfig({ PII_SALT: DEVELOPMENT_PII_SALT }).piiSaltIsDevelopment).toBe(true);
    expect(loadConfig({ PII_SALT: '9f2c1e7a5b3d4c6e' })).toMatchObject({ piiSalt: '9f2c1e7a5b3d4c6e', piiSaltIsDevelopment: false });
  });

  it('tells the local stack (loopback database and Temporal) from a deployment', () => {
    expect(servesLocalStack(local)).toBe(true);
    expect(servesLocalStack({ ...local, temporalAddress: '[::1]:7233' })).toBe(true);
    expect(servesLocalStack(remote)).toBe(false);
    expect(servesLocalStack({ ...local, temporalAddress: 'my-ns.tmprl.cloud:7233' })).toBe(false);
  });

  it('warns on the local stack, refuses elsewhere with how to set PII_SALT, says nothing with a real salt', () => {
    expect(checkPiiSalt({ piiSaltIsDevelopment: true }, local)).toMatch(/^warning: PII_SALT is not set/);
    expect(() => checkPiiSalt({ piiSaltIsDevelopment: true }, remote)).toThrow(PiiSaltError);
    expect(() => checkPiiSalt({ piiSaltIsDevelopment: true }, remote)).toThrow(/Set PII_SALT in the worker's environment to a secret of at least 8 characters, e\.g\. PII_SALT=\$\(openssl rand -hex 16\)/);
    expect(checkPiiSalt({ piiSaltIsDevelopment: false }, remote)).toBeUndefined();
  });
});
