import { describe, expect, it } from 'vitest';
import { InOrder } from '../../src/ingest/ordered.js';

describe('InOrder', () => {
  it('runs work in the order places were reserved, whatever order it is filled in', async () => {
    const order = new InOrder();
    const ids = [0, 1, 2, 3, 4].map(() => order.reserve());
    const ran: number[] = [];
    let done = false;
    void order.allDone().then(() => (done = true));
    for (const id of [3, 1, 4]) order.fill(id, () => ran.push(id));
    expect(ran).toEqual([]);
    order.fill(ids[0], () => ran.push(0));
    expect(ran).toEqual([0, 1]);
    expect(order.waiting).toBe(3);
    order.fill(ids[2], () => ran.push(2));
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    await Promise.resolve();
    expect(done).toBe(true);
    expect(order.waiting).toBe(0);
  });
});
