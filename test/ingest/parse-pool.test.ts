import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParseOutcome } from '../../src/ingest/parse-job.js';
import { ParsePool } from '../../src/ingest/parse-pool.js';
import { ParseScheduler } from '../../src/ingest/scheduler.js';

const tmp = mkdtempSync(join(tmpdir(), 'podmortem-pool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A stand-in worker that dies on its first file, as a worker hitting a fatal error would. */
function dyingWorker(): URL {
  const file = join(tmp, 'dying-worker.mjs');
  writeFileSync(file, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('out of memory while parsing'); });\n");
  return pathToFileURL(file);
}

/** A stand-in worker that waits for files and never answers. */
function idleWorker(): URL {
  const file = join(tmp, 'idle-worker.mjs');
  writeFileSync(file, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => undefined);\n");
  return pathToFileURL(file);
}

describe('ParsePool', () => {
  it('turns every file a dead worker held into a warning naming the file, and stops offering that worker', async () => {
    let freed = 0;
    const pool = ParsePool.start(1, () => freed++, dyingWorker());
    expect(pool).toBeDefined();
    const outcomes: Promise<ParseOutcome>[] = ['bundle/cluster-resources/pods/team-a.json', 'bundle/cluster-resources/events/team-a.json'].map(
      (file) => new Promise((resolve) => expect(pool!.post({ file }, Buffer.from('{"items":[]}'), resolve)).toBe(true)),
    );
    const [first, second] = await Promise.all(outcomes);
    expect(first).toEqual({ status: 'failed', warning: { file: 'bundle/cluster-resources/pods/team-a.json', message: expect.stringMatching(/^processing bundle\/cluster-resources\/pods\/team-a\.json failed: parse worker stopped/) } });
    expect(second.status).toBe('failed');
    expect(pool!.alive).toBe(false);
    expect(pool!.free).toBe(false);
    // no worker takes a file any more: the scheduler parses it on the main thread
    expect(pool!.post({ file: 'later.json' }, Buffer.from('{}'), () => undefined)).toBe(false);
    expect(freed).toBeGreaterThan(0);
    await pool!.close();
  });

  it('closes without waiting for its workers to exit', async () => {
    const pool = ParsePool.start(1, () => undefined, idleWorker());
    expect(pool).toBeDefined();
    let closed = false;
    void pool!.close().then(() => (closed = true));
    // two turns of the microtask queue: far less than a worker's exit takes
    await Promise.resolve();
    await Promise.resolve();
    expect(closed).toBe(true);
    expect(pool!.alive).toBe(false);
    expect(pool!.post({ file: 'later.json' }, Buffer.from('{}'), () => undefined)).toBe(false);
  });

  it('is not started without a worker script (as under the TypeScript test runner) or without workers', () => {
    expect(ParsePool.start(1, () => undefined, pathToFileURL(join(tmp, 'missing.js')))).toBeUndefined();
    expect(ParsePool.start(0, () => undefined, dyingWorker())).toBeUndefined();
  });
});

describe('ParseScheduler', () => {
  it('parses on the main thread once its workers are gone', async () => {
    const parsing = new ParseScheduler({ workers: 1, workerScript: dyingWorker() });
    const submit = (file: string, text: string) => new Promise<ParseOutcome>((resolve) => parsing.submit({ file, kind: 'pods' }, Buffer.from(text), resolve));
    const pods = JSON.stringify({ kind: 'PodList', items: [{ kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }] });
    expect((await submit('pods/shop.json', pods)).status).toBe('failed');
    const after = await submit('pods/shop-2.json', pods);
    expect(after.status).toBe('parsed');
    if (after.status === 'parsed') expect(after.result.records.map((r) => r.kind)).toEqual(['pod']);
    parsing.drain();
    await parsing.close();
  });
});
