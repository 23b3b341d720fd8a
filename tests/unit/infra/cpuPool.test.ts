import path from 'node:path';
import { cpuPool } from '../../../infra/cpuPool';
import holdMegabytes from './heapTask';

const TASK = path.join(__dirname, 'heapTask.ts');

describe('cpuPool heap bound', () => {
  it('runs a task whose live data fits the bound', async () => {
    const pool = cpuPool(TASK, holdMegabytes, 1, 256);
    try {
      // 32 arrays of 131,072 doubles: 32 MB of live numbers.
      await expect(pool.run({ mb: 32 })).resolves.toBe(32);
    } finally {
      await pool.close();
    }
  });

  it("ends a task whose live data outgrows its thread's bound with the thread's out-of-memory error", async () => {
    const pool = cpuPool(TASK, holdMegabytes, 1, 128);
    try {
      // 400 MB of live numbers cannot fit 128 MB of old generation, however often it is collected.
      await expect(pool.run({ mb: 400 })).rejects.toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    } finally {
      await pool.close();
    }
  });
});
