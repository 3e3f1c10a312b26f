import { describe, expect, it } from 'vitest';
import { DeferredQueue } from '../../src/ingest/deferred.js';

describe('DeferredQueue', () => {
  it('runs nothing synchronously, then every task in order on the next turn', async () => {
    const q = new DeferredQueue(1024);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) q.push(() => seen.push(i), 10);
    expect(seen).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('drains at once when queued bytes pass the bound, keeping order', () => {
    const q = new DeferredQueue(100);
    const seen: string[] = [];
    q.push(() => seen.push('a'), 60);
    expect(seen).toEqual([]);
    q.push(() => seen.push('b'), 60);
    expect(seen).toEqual(['a', 'b']);
    q.push(() => seen.push('c'), 10);
    q.drain();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('a task queued while draining runs in the same drain, after the others', () => {
    const q = new DeferredQueue(1 << 20);
    const seen: string[] = [];
    q.push(() => {
      seen.push('first');
      q.push(() => seen.push('nested'));
    });
    q.push(() => seen.push('second'));
    q.drain();
    expect(seen).toEqual(['first', 'second', 'nested']);
  });
});
