import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/bundle/index.js';
import { GzipError, GzipMembers } from '../../src/bundle/gzip-members.js';
import { tarArchive, tarEntry } from './craft.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podmortem-gzip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(name: string, data: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, data);
  const files: string[] = [];
  const summary = await readBundle(path, { onFile: (f) => files.push(f.path) });
  return { summary, files, messages: summary.warnings.map((w) => w.message) };
}

// 20 files of 200 KB of hex: the last ones sit in the final decompression pass
const names = Array.from({ length: 20 }, (_, i) => `support-bundle/cluster-resources/events/ns-${i}.json`);
const tar = tarArchive(...names.map((n) => tarEntry(n, randomBytes(100_000).toString('hex'))));

describe('gzip framing', () => {
  it('junk appended after the gzip stream: every entry is kept, one warning', async () => {
    const { files, summary, messages } = await read('junk.tgz', Buffer.concat([gzipSync(tar), Buffer.from('<html>502 Bad Gateway</html>')]));
    expect(files).toEqual(names);
    expect(summary.incomplete).toBe(true);
    expect(messages).toEqual([
      'junk.tgz: data after the end of the gzip stream ignored (the file may be damaged or have something appended); the 20 file(s) read before it are kept',
    ]);
  });

  it('zero padding after the gzip stream is fine', async () => {
    const { files, summary } = await read('padded.tgz', Buffer.concat([gzipSync(tar), Buffer.alloc(4096)]));
    expect(files).toEqual(names);
    expect(summary.warnings).toEqual([]);
    expect(summary.incomplete).toBe(false);
  });

  it('a multi-member gzip (pigz/bgzip style) is read whole', async () => {
    const cuts = [0, 1000, 700_000, 2_500_000, tar.length];
    const members = cuts.slice(1).map((end, i) => gzipSync(tar.subarray(cuts[i], end)));
    const { files, summary } = await read('multi.tgz', Buffer.concat(members));
    expect(files).toEqual(names);
    expect(summary.warnings).toEqual([]);
    expect(summary.bytesRead).toBe(tar.length);
  });

  it('a wrong CRC32 in the trailer is reported as corruption', async () => {
    const gz = Buffer.from(gzipSync(tar));
    gz.writeUInt32LE((gz.readUInt32LE(gz.length - 8) ^ 1) >>> 0, gz.length - 8);
    const { summary, messages } = await read('crc.tgz', gz);
    expect(summary.incomplete).toBe(true);
    expect(messages).toEqual([expect.stringMatching(/^crc\.tgz: the gzip data is corrupt \(checksum or size mismatch\); the \d+ file\(s\) read before it are kept$/)]);
  });

  it('a gzip cut inside its header or trailer is truncated, not junk', async () => {
    const gz = gzipSync(tar);
    for (const [name, cut] of [
      ['header.tgz', 5],
      ['trailer.tgz', gz.length - 3],
    ] as const) {
      const { summary, messages } = await read(name, gz.subarray(0, cut));
      expect(summary.incomplete).toBe(true);
      expect(messages[0]).toContain('the gzip stream is truncated (unexpected end of file)');
    }
  });
});

describe('tar end marker', () => {
  it('junk several MiB after the end marker, past the first read chunk, is still noticed', async () => {
    const { files, messages } = await read('late-junk.tar', Buffer.concat([tar, Buffer.alloc(3 * 1024 * 1024), Buffer.from('junk')]));
    expect(files).toEqual(names);
    expect(messages).toEqual([
      'late-junk.tar: data after the end of the tar archive ignored (the file may be damaged or have something appended)',
    ]);
  });
});

describe('GzipMembers', () => {
  // several members of many inflate chunks each: chunks are checked and passed on while zlib inflates the next
  const members = [randomBytes(3_000_000).toString('hex'), 'x'.repeat(5_000_000), randomBytes(10).toString('hex')].map((t) => Buffer.from(t));
  const gz = Buffer.concat(members.map((m) => gzipSync(m)));

  async function run(input: Buffer, onData: (c: Buffer) => void): Promise<unknown> {
    const g = new GzipMembers(onData);
    try {
      // as the archive reader does: 64 KiB reads
      for (let i = 0; i < input.length; i += 65536) await g.write(input.subarray(i, i + 65536));
      await g.end();
      return undefined;
    } catch (e) {
      return e;
    } finally {
      g.destroy();
    }
  }

  it('passes on exactly the decompressed bytes, in order, and checks every trailer', async () => {
    const out: Buffer[] = [];
    expect(await run(gz, (c) => out.push(Buffer.from(c)))).toBeUndefined();
    expect(out.length).toBeGreaterThan(10);
    expect(Buffer.concat(out).equals(Buffer.concat(members))).toBe(true);
    // one flipped bit in the first member's CRC: corrupt, found at that member's end
    const bad = Buffer.from(gz);
    const firstEnd = gzipSync(members[0]).length;
    bad[firstEnd - 8] ^= 1;
    const err = await run(bad, () => undefined);
    expect(err).toBeInstanceOf(GzipError);
    expect((err as GzipError).kind).toBe('corrupt');
  });

  it('stops at the first chunk its consumer refuses, and hands over nothing after it', async () => {
    const seen: number[] = [];
    const refusal = new Error('limit reached');
    const err = await run(gz, (c) => {
      seen.push(c.length);
      if (seen.length === 2) throw refusal;
    });
    expect(err).toBe(refusal);
    expect(seen).toHaveLength(2);
  });
});
