import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { embeddedDataDir } from '../../../infra/embeddedDataDir';

const asRoot = process.getuid?.() === 0;

describe('embeddedDataDir', () => {
  const open = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-open-'));
  const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-locked-'));
  beforeAll(() => {
    fs.chmodSync(open, 0o755);
    fs.chmodSync(locked, 0o700);
  });
  afterAll(() => {
    fs.rmSync(open, { recursive: true, force: true });
    fs.rmSync(locked, { recursive: true, force: true });
  });

  it('keeps the cluster under the data dir when its parents are traversable', () => {
    expect(embeddedDataDir(path.join(open, 'data'))).toBe(path.join(open, 'data', 'postgres'));
  });

  (asRoot ? it : it.skip)('moves it under the temp dir, stably, when root runs from a closed directory', () => {
    const dir = embeddedDataDir(path.join(locked, 'data'));
    expect(path.dirname(dir)).toBe(os.tmpdir());
    expect(dir).toBe(embeddedDataDir(path.join(locked, 'data')));
    expect(dir).not.toBe(embeddedDataDir(path.join(open, 'data')));
  });
});
