import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/bundle/index.js';
import { tarEntry, tarHeader } from './craft.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podmortem-resources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Samples RSS on every progress call; returns the growth over the start. */
function rssProbe() {
  const start = process.memoryUsage().rss;
  let peak = start;
  return {
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
    growth: () => peak - start,
  };
}

/**
 * A .tar.gz whose one entry claims 2 GiB of zeros: gzip members concatenated
 * (valid gzip, RFC 1952 §2.2), so the 2 MB file is built in milliseconds.
 */
function gzipBomb(): Buffer {
  const zeros = gzipSync(Buffer.alloc(16 * MiB), { level: 9 });
  const parts = [gzipSync(tarHeader('support-bundle/bomb.log', { size: 2 * GiB }))];
  for (let i = 0; i < 128; i++) parts.push(zeros);
  parts.push(gzipSync(Buffer.alloc(1024)));
  return Buffer.concat(parts);
}

describe('resource limits', () => {
  it('a gzip bomb stops early at the compression ratio, without filling memory', async () => {
    const path = join(dir, 'bomb.tgz');
    const bomb = gzipBomb();
    writeFileSync(path, bomb);
    expect(bomb.length).toBeLessThan(4 * MiB);
    const probe = rssProbe();
    const t0 = performance.now();
    const s = await readBundle(path, { onFile: () => undefined, onProgress: probe.onProgress });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(s.incomplete).toBe(true);
    expect(s.filesRead).toBe(0);
    expect(s.bytesRead).toBeLessThan(64 * MiB);
    // the 2 GiB entry is refused by size at once; the ratio then stops the stream
    expect(s.warnings[0].message).toContain('bomb.log skipped: 2147483648 bytes is over limit maxFileBytes');
    expect(s.warnings).toHaveLength(2);
    expect(s.warnings[1].message).toMatch(
      /^bomb\.tgz: stopped reading, it decompresses to \d+× its compressed size \(a gzip bomb\?\): limit maxCompressionRatio = 200; raise it with --max-compression-ratio$/,
    );
    expect(probe.growth()).toBeLessThan(100 * MiB);
  });

  it('with the ratio raised, maxTotalBytes stops it instead', async () => {
    const path = join(dir, 'bomb2.tgz');
    writeFileSync(path, gzipBomb());
    const s = await readBundle(path, { limits: { maxCompressionRatio: 1e9, maxTotalBytes: 32 * MiB }, onFile: () => undefined });
    expect(s.bytesRead).toBe(32 * MiB);
    expect(s.incomplete).toBe(true);
    expect(s.warnings.map((w) => w.message)).toEqual([
      'support-bundle/bomb.log skipped: 2147483648 bytes is over limit maxFileBytes = 512 MiB; raise it with --max-file-bytes',
      'bomb2.tgz: stopped reading, more than 33554432 bytes uncompressed: limit maxTotalBytes = 32 MiB; raise it with --max-total-bytes',
    ]);
  });

  it('skipping a 1 GiB entry, and refusing one over maxFileBytes, costs no memory growth', async () => {
    // a sparse tar: header, 1 GiB hole of zeros, then a small file and the end blocks
    const path = join(dir, 'big.tar');
    const fd = openSync(path, 'w');
    writeSync(fd, tarHeader('support-bundle/cluster-resources/pods/logs/ns/p/c.log', { size: GiB }), 0, 512, 0);
    const tail = Buffer.concat([tarEntry('support-bundle/version.yaml', 'kind: SupportBundle\n'), Buffer.alloc(1024)]);
    ftruncateSync(fd, 512 + GiB);
    writeSync(fd, tail, 0, tail.length, 512 + GiB);
    closeSync(fd);

    for (const decision of ['skip', 'read'] as const) {
      const probe = rssProbe();
      const got: string[] = [];
      const s = await readBundle(path, {
        select: (p) => (p.endsWith('.log') ? decision : 'read'),
        onFile: (f) => got.push(`${f.path}=${f.content.toString().trim()}`),
        onProgress: probe.onProgress,
      });
      expect(got).toEqual(['support-bundle/version.yaml=kind: SupportBundle']);
      expect(s.bytesRead).toBe(512 + GiB + tail.length);
      expect(probe.growth()).toBeLessThan(64 * MiB);
      expect(s.incomplete).toBe(false);
      if (decision === 'read') {
        expect(s.warnings.map((w) => w.message)).toEqual([
          'support-bundle/cluster-resources/pods/logs/ns/p/c.log skipped: 1073741824 bytes is over limit maxFileBytes = 512 MiB; raise it with --max-file-bytes',
        ]);
        expect(s.warnings[0].file).toBe('support-bundle/cluster-resources/pods/logs/ns/p/c.log');
      } else {
        expect(s.warnings).toEqual([]);
      }
    }
  }, 60_000);
});
