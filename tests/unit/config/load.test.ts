/** Source config paths stay inside the config's folder unless allowed; errors never quote file contents. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSourceConfigFile } from '../../../config/load';
import { mapHeader } from '../../../activities/extract/header';
import { parseSourceConfig } from '../../../config/sources';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'config-paths-'));
const folder = path.join(root, 'exports');
fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
fs.writeFileSync(path.join(root, 'outside.csv'), 'customer_id\nC1\n');
fs.writeFileSync(path.join(folder, 'sub', 'customers.csv'), 'customer_id\nC1\n');
fs.symlinkSync(path.join(root, 'outside.csv'), path.join(folder, 'link.csv'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function configWith(file: string): string {
  const configPath = path.join(folder, 'sources.json');
  fs.writeFileSync(configPath, JSON.stringify({ sources: [{ name: 'crm', kind: 'csv', entity: 'customers', path: file, columns: { customer_id: 'customer_id' } }] }));
  return configPath;
}

describe('source config paths', () => {
  it('resolves a path inside the config folder', () => {
    const config = loadSourceConfigFile(configWith('sub/customers.csv'));
    expect(config.sources[0]).toMatchObject({ path: path.join(folder, 'sub', 'customers.csv') });
  });

  it.each([
    ['../outside.csv'],
    ['/etc/passwd'],
    ['sub/../../outside.csv'],
    ['link.csv'],
  ])('refuses %s, naming the source and how to allow it', (file) => {
    expect(() => loadSourceConfigFile(configWith(file))).toThrow(`source crm: path "${file}" leads outside the config's folder ${folder}; move the file under that folder, or allow it with --allow-outside (ALLOW_SOURCES_OUTSIDE_CONFIG=1)`);
  });

  it('takes a path outside when allowed', () => {
    expect(loadSourceConfigFile(configWith('../outside.csv'), { allowOutside: true }).sources[0]).toMatchObject({ path: path.join(root, 'outside.csv') });
  });

  it('a config that is not JSON is named, its contents are not quoted', () => {
    const notJson = path.join(folder, 'passwd.json');
    fs.writeFileSync(notJson, 'root:x:0:0:root:/root:/bin/bash\n');
    expect(() => loadSourceConfigFile(notJson)).toThrow(`source config ${notJson} is not valid JSON`);
    expect(() => loadSourceConfigFile(notJson)).not.toThrow(/root:x/);
  });
});

describe('header errors', () => {
  const source = parseSourceConfig({ sources: [{ name: 'crm', kind: 'csv', entity: 'customers', path: 'x.csv', columns: { customer_id: 'customer_id' } }] }).sources[0];

  it('quotes header names cut to 40 characters, at most 30 of them, control characters masked', () => {
    const long = `a${'b'.repeat(99)}`;
    const header = [long, 'x\u0007y', ...Array.from({ length: 40 }, (_, i) => `c${i}`)];
    let message = '';
    try {
      mapHeader(source, header);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`"a${'b'.repeat(39)}…"`);
    expect(message).not.toContain('b'.repeat(40));
    expect(message).toContain('"x?y"');
    expect(message).toContain('"c27", … (42 columns)');
    expect(message).not.toContain('"c28"');
  });
});
