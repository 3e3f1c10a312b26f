import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, parseSize, readBundle } from '../../src/bundle/index.js';
import { tarArchive, tarEntry } from './craft.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podmortem-select-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const podsJson = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: [{ metadata: { name: 'web-0' } }] });
const logText = 'E0501 10:00:00.000000 1 kuberuntime_manager.go:1256] "Unhandled Error" err="ErrImagePull"\n'.repeat(500);

describe('select and sniff on archive entries', () => {
  const archive = gzipSync(
    tarArchive(
      tarEntry('sb/cluster-resources/pods/shop.json', podsJson),
      tarEntry('sb/cluster-resources/pods/logs/shop/web-0/web.log', logText),
      tarEntry('sb/host-collectors/run-host/resolv-conf.txt', 'nameserver 10.0.0.2\nsearch ec2.internal\n'),
      tarEntry('sb/host-collectors/run-host/df.txt', 'Filesystem Size Used Avail Use% Mounted on\n/dev/root 20G 20G 0 100% /\n'),
      tarEntry('sb/notes.txt', 'x'.repeat(10_000)),
    ),
  );

  it("'skip' drains, 'sniff' sees exactly sniffBytes and keeps the whole file or nothing", async () => {
    const path = join(dir, 'sb.tgz');
    writeFileSync(path, archive);
    const heads: [string, number][] = [];
    const got = new Map<string, Buffer>();
    const summary = await readBundle(path, {
      select: (p, size) => {
        expect(size).toBeGreaterThan(0);
        if (p.endsWith('.log')) return 'skip';
        return p.includes('/run-host/') || p.endsWith('.txt') ? 'sniff' : 'read';
      },
      sniffBytes: 16,
      sniff: (p, head) => {
        heads.push([p, head.length]);
        return !head.toString().startsWith('xxxx');
      },
      onFile: (f) => got.set(f.path, f.content),
    });
    expect(heads).toEqual([
      ['sb/host-collectors/run-host/resolv-conf.txt', 16],
      ['sb/host-collectors/run-host/df.txt', 16],
      ['sb/notes.txt', 16],
    ]);
    expect([...got.keys()]).toEqual([
      'sb/cluster-resources/pods/shop.json',
      'sb/host-collectors/run-host/resolv-conf.txt',
      'sb/host-collectors/run-host/df.txt',
    ]);
    expect(got.get('sb/host-collectors/run-host/df.txt')!.toString()).toContain('100% /');
    expect(summary.filesRead).toBe(3);
    expect(summary.entriesSeen).toBe(5);
  });

  it('a throwing onFile or select becomes a warning and the rest continues', async () => {
    const path = join(dir, 'sb2.tgz');
    writeFileSync(path, archive);
    const got: string[] = [];
    const summary = await readBundle(path, {
      select: (p) => {
        if (p.endsWith('df.txt')) throw new Error('select bug');
        return 'read';
      },
      onFile: (f) => {
        if (f.path.endsWith('.json')) throw new Error('parser exploded\n    at stack line');
        got.push(f.path);
      },
    });
    expect(got).toEqual(['sb/cluster-resources/pods/logs/shop/web-0/web.log', 'sb/host-collectors/run-host/resolv-conf.txt', 'sb/notes.txt']);
    expect(summary.warnings).toEqual([
      { file: 'sb/cluster-resources/pods/shop.json', message: 'processing sb/cluster-resources/pods/shop.json failed: parser exploded' },
      { file: 'sb/host-collectors/run-host/df.txt', message: 'select sb/host-collectors/run-host/df.txt failed: select bug' },
    ]);
  });

  it('progress is reported at most every ~100 ms, plus once at the end', async () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) parts.push(tarEntry(`sb/f${i}.json`, podsJson));
    const path = join(dir, 'progress.tgz');
    writeFileSync(path, gzipSync(tarArchive(...parts)));
    const calls: { t: number; bytes: number; entries: number }[] = [];
    const t0 = performance.now();
    await readBundle(path, { onFile: () => undefined, onProgress: (p) => calls.push({ t: performance.now(), ...p }) });
    const elapsed = performance.now() - t0;
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(calls.at(-1)!.entries).toBe(20_000);
    for (let i = 1; i < calls.length - 1; i++) expect(calls[i].t - calls[i - 1].t).toBeGreaterThanOrEqual(95);
  });
});

describe('parseSize and defaults', () => {
  it.each([
    ['4GiB', 4 * 1024 ** 3],
    ['200MB', 200_000_000],
    ['512M', 512 * 1024 ** 2],
    ['1e6', 1_000_000],
    ['1_000_000', 1_000_000],
    ['1.5 KiB', 1536],
    ['16gib', 16 * 1024 ** 3],
    ['0', 0],
  ])('%s -> %d', (text, n) => {
    expect(parseSize(text)).toBe(n);
  });

  it.each(['', 'lots', '-5MB', '4 GiBs', '1e400', 'MB', '0x10'])('rejects %j with a clear message', (text) => {
    expect(() => parseSize(text)).toThrow(/^invalid size ".*": expected a number with an optional unit, e\.g\. 4GiB, 200MB, 1e6$/);
  });

  it('defaults are generous for real multi-GB bundles', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxTotalBytes: 16 * 1024 ** 3,
      maxFileBytes: 512 * 1024 ** 2,
      maxEntries: 1_000_000,
      maxPathLength: 4096,
      maxPathDepth: 64,
      maxCompressionRatio: 200,
    });
  });
});

describe('delivered content', () => {
  it('does not pin the 1 MiB read buffers it came from', async () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < 50; i++) parts.push(tarEntry(`sb/f${i}.json`, `{"i":${i}}`));
    const path = join(dir, 'small.tar');
    writeFileSync(path, tarArchive(...parts));
    const kept: Buffer[] = [];
    await readBundle(path, { onFile: (f) => kept.push(f.content) });
    expect(kept).toHaveLength(50);
    for (const b of kept) expect(b.buffer.byteLength).toBeLessThanOrEqual(8192);
  });
});
