/** The `clv` command's bounds, checked before it reads anything (SPEC §9); the command end to end is in tests/integration/offline.test.ts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { registerClvCommand } from '../../../scripts/commands/clv';
import { CDNOW_CALIBRATION_END, CDNOW_DIR } from './cdnow';

const dir = mkdtempSync(path.join(tmpdir(), 'clv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clv bounds', () => {
  it('--horizon 1000000 fails before reading the input, naming the limit', async () => {
    const program = new Command().exitOverride();
    registerClvCommand(program);
    const args = ['clv', '--input', path.join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), '--calibration-end', CDNOW_CALIBRATION_END, '--output', path.join(dir, 'never.csv')];
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(program.parseAsync([...args, '--horizon', '1000000'], { from: 'user' })).rejects.toThrow(/must be 1–3,650, got 1000000/);
    errors.mockRestore();
    await expect(program.parseAsync([...args, '--horizon', '600'], { from: 'user' })).rejects.toThrow('--horizon 600 is above the limit of 520 weeks (ten years)');
  });
});
