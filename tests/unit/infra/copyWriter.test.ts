/**
 * CopyWriter against a stand-in connection whose COPY statements are plain writable streams:
 * batches go out in order, at most one in flight, and a failed batch is raised, not lost.
 */
import { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { CopyWriter } from '../../../infra/copy';

/** A connection recording each COPY's text; `failOn` makes that COPY (0-based) fail. */
function fakeConnection(failOn?: number) {
  const copies: string[] = [];
  let running = 0;
  let mostRunning = 0;
  const client = {
    query() {
      const index = copies.length;
      copies.push('');
      running++;
      mostRunning = Math.max(mostRunning, running);
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          copies[index] += chunk.toString();
          // Ingesting takes a while: the writer produces the next batch meanwhile.
          setTimeout(() => callback(index === failOn ? new Error(`copy ${index} failed`) : null), 5);
        },
        final(callback) {
          running--;
          callback();
        },
      });
    },
  } as unknown as PoolClient;
  return { client, copies, mostRunning: () => mostRunning };
}

it('sends full batches in order, one in flight at a time, and the rest on flush', async () => {
  const connection = fakeConnection();
  const writer = new CopyWriter(connection.client, 't', ['a', 'b'], 2);
  for (let i = 1; i <= 5; i++) await writer.write([i, `x${i}`]);
  await writer.flush();
  expect(connection.copies).toEqual(['1\tx1\n2\tx2\n', '3\tx3\n4\tx4\n', '5\tx5\n']);
  expect(connection.mostRunning()).toBe(1);
  expect(writer.count).toBe(5);
});

it('raises a failed batch on the next write, and on flush', async () => {
  const connection = fakeConnection(0);
  const writer = new CopyWriter(connection.client, 't', ['a'], 1);
  await writer.write([1]); // sent, failing in flight
  await expect(writer.write([2])).rejects.toThrow('copy 0 failed');
  await expect(writer.flush()).rejects.toThrow('copy 0 failed');
  expect(connection.copies).toEqual(['1\n']);
});

it('buffers added rows until sendWhenFull finds a batch, escaping text and writing numbers, instants and NULLs as they are', async () => {
  const connection = fakeConnection();
  const writer = new CopyWriter(connection.client, 't', ['a', 'b', 'c'], 3);
  writer.add([1, 'tab\there', new Date(Date.UTC(2026, 0, 2, 3, 4, 5))]);
  writer.add([2.5, null, true]);
  await writer.sendWhenFull();
  expect(connection.copies).toEqual([]);
  writer.add([-3, 'back\\slash\nline', undefined]);
  await writer.sendWhenFull();
  expect(connection.copies).toHaveLength(1);
  writer.add([4, '', false]);
  await writer.flush();
  expect(connection.copies).toEqual([
    '1\ttab\\there\t2026-01-02T03:04:05.000Z\n2.5\t\\N\ttrue\n-3\tback\\\\slash\\nline\t\\N\n',
    '4\t\tfalse\n',
  ]);
  expect(writer.count).toBe(4);
});
