import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/bundle/index.js';
import type { BundleReadSummary } from '../../src/bundle/index.js';
import { paxEntry, tarArchive, tarEntry, tarHeader } from './craft.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podmortem-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(name: string, data: Buffer, limits = {}) {
  const path = join(dir, name);
  writeFileSync(path, data);
  const files = new Map<string, string>();
  const summary = await readBundle(path, { limits, onFile: (f) => files.set(f.path, f.content.toString()) });
  return { summary, files };
}

const messages = (s: BundleReadSummary) => s.warnings.map((w) => w.message);

describe('entry names that would escape the bundle', () => {
  const escape = `podmortem-escape-${process.pid}.txt`;
  const archive = tarArchive(
    tarEntry('good.json', '{"kind":"PodList","items":[]}'),
    tarEntry(`../../${escape}`, 'root:x:0:0'),
    tarEntry('/etc/shadow', 'root:*:19000'),
    tarEntry('C:\\Windows\\evil.dll', 'MZ'),
    tarEntry(`..\\..\\${escape}`, 'backslash'),
    tarEntry('ok/../../outside.txt', 'x'),
    tarEntry('./support-bundle//cluster-resources/./nodes.json', '{"items":[]}'),
  );

  it('skips each with a warning naming it and reads the rest, normalized', async () => {
    for (const [name, data] of [
      ['hostile.tar', archive],
      ['hostile.tgz', gzipSync(archive)],
    ] as const) {
      const { summary, files } = await read(name, data);
      expect([...files.keys()]).toEqual(['good.json', 'support-bundle/cluster-resources/nodes.json']);
      const m = messages(summary);
      expect(m).toContainEqual(expect.stringContaining(`"../../${escape}" skipped: its path contains a ".." segment`));
      expect(m).toContainEqual(expect.stringContaining('"/etc/shadow" skipped: its path is an absolute path'));
      expect(m).toContainEqual(expect.stringContaining('"C:\\Windows\\evil.dll" skipped: its path has a Windows drive letter'));
      expect(m).toContainEqual(expect.stringContaining(`"..\\..\\${escape}" skipped`));
      expect(m).toContainEqual(expect.stringContaining('"ok/../../outside.txt" skipped'));
      expect(summary.entriesSeen).toBe(7);
      expect(summary.incomplete).toBe(false);
    }
    // nothing was written anywhere: the temp dir holds only the archives, no escape target appeared
    expect(readdirSync(dir).sort()).toEqual(['hostile.tar', 'hostile.tgz']);
    for (const base of [dir, join(dir, '..'), join(dir, '../..'), process.cwd(), join(process.cwd(), '../..')]) {
      expect(existsSync(join(base, escape))).toBe(false);
    }
  });

  it('strips terminal escapes from names shown in warnings', async () => {
    const evil = '../\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2Jx\nfake line';
    const { summary } = await read('escapes.tar', tarArchive(tarEntry(evil, 'x')));
    const m = messages(summary).join('\n');
    expect(m).not.toContain('\x1b');
    expect(m).not.toContain('\x07');
    expect(summary.warnings[0].message).toContain('x\\nfake line');
  });
});

describe('warning volume', () => {
  it('keeps 200 warnings and counts the rest, so a hostile archive cannot flood the report', async () => {
    const parts = Array.from({ length: 500 }, (_, i) => tarEntry(`../escape-${i}`, 'x'));
    const { summary, files } = await read('flood.tar', tarArchive(...parts, tarEntry('ok.json', '{}')));
    expect([...files.keys()]).toEqual(['ok.json']);
    expect(summary.warnings).toHaveLength(201);
    expect(summary.warnings[199].message).toContain('"../escape-199" skipped');
    expect(summary.warnings[200].message).toBe('300 further warnings not shown');
  });
});

describe('links, devices and FIFOs', () => {
  it('are never followed nor read: links counted in one summary line, specials in another', async () => {
    const links = Array.from({ length: 5 }, (_, i) => tarHeader(`all-logs/pod-${i}/c.log`, { type: '2', linkname: '/etc/passwd' }));
    const archive = tarArchive(
      tarEntry('cluster-resources/pods/default.json', '{"items":[]}'),
      ...links,
      tarHeader('passwd-hard', { type: '1', linkname: 'etc/passwd' }),
      tarHeader('dev/sda', { type: '4' }),
      tarHeader('dev/null', { type: '3' }),
      tarHeader('run/fifo', { type: '6' }),
      tarEntry('strange-type', 'data', { type: 'Q' }),
      tarEntry('after.json', '{}'),
    );
    const { summary, files } = await read('links.tar', archive);
    expect([...files.keys()]).toEqual(['cluster-resources/pods/default.json', 'after.json']);
    expect(messages(summary)).toEqual([
      '5 symbolic links skipped (links are never followed)',
      '1 hard link skipped (links are never followed)',
      '4 special entries (device, FIFO or unknown type) skipped, e.g. dev/sda (BlockDevice)',
    ]);
    expect(summary.entriesSeen).toBe(12);
  });
});

describe('entry count, depth and length limits', () => {
  const N = 100_000;
  // a troubleshoot bundle of 100k pods' logs: tiny files, one header block each
  const many = () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < N; i++) parts.push(tarEntry(`logs/p${i}.log`, `line ${i}\n`));
    return tarArchive(...parts);
  };

  it('reads 100k tiny entries quickly and stops at maxEntries with the flag named', async () => {
    const data = many();
    const path = join(dir, 'many.tar');
    writeFileSync(path, data);
    let count = 0;
    const t0 = performance.now();
    const all = await readBundle(path, { onFile: () => count++ });
    const ms = performance.now() - t0;
    expect(all.filesRead).toBe(N);
    expect(count).toBe(N);
    expect(all.incomplete).toBe(false);
    // linear: about 1 s here; a quadratic step would take minutes
    expect(ms).toBeLessThan(10_000);

    const seen: string[] = [];
    const capped = await readBundle(path, { limits: { maxEntries: 1000 }, onFile: (f) => seen.push(f.path) });
    expect(capped.filesRead).toBe(1000);
    expect(seen.at(-1)).toBe('logs/p999.log');
    expect(capped.incomplete).toBe(true);
    expect(messages(capped)).toEqual([
      'many.tar: stopped reading, more than 1000 entries: limit maxEntries = 1000; raise it with --max-entries',
    ]);
  });

  it('skips a path deeper than maxPathDepth or longer than maxPathLength, naming the flag', async () => {
    const deep = `${Array.from({ length: 100 }, (_, i) => `d${i}`).join('/')}/deep.json`;
    const long = `${'x'.repeat(5000)}.json`;
    const archive = tarArchive(paxEntry(deep, '{"deep":1}'), paxEntry(long, '{"long":1}'), tarEntry('short.json', '{}'));
    const { summary, files } = await read('deep.tar', archive);
    expect([...files.keys()]).toEqual(['short.json']);
    const m = messages(summary);
    expect(m[0]).toMatch(/^entry "d0\/d1\/.*" skipped: limit maxPathDepth = 64; raise it with --max-path-depth$/);
    expect(m[1]).toMatch(/^entry "x+…" skipped: limit maxPathLength = 4096; raise it with --max-path-length$/);
    expect(m[1].length).toBeLessThan(300);
    expect(summary.incomplete).toBe(false);

    const raised = await read('deep2.tar', archive, { maxPathDepth: 200, maxPathLength: 10_000 });
    expect([...raised.files.keys()]).toEqual([deep, long, 'short.json']);
    expect(raised.files.get(deep)).toBe('{"deep":1}');
  });
});

describe('broken archives', () => {
  const body = (n: number) => JSON.stringify({ kind: 'EventList', items: Array.from({ length: n }, (_, i) => ({ reason: 'Failed', message: `Failed to pull image "registry.example.com/app:${i}": rpc error: code = NotFound` })) });

  it('a corrupt header in the middle: one warning, the entries around it are kept', async () => {
    const second = tarEntry('b/events.json', body(40));
    second[5] ^= 0x20; // the name changes, the checksum no longer matches
    const archive = tarArchive(tarEntry('a/pods.json', body(3)), second, tarEntry('c/nodes.json', body(2)));
    const { summary, files } = await read('corrupt.tar', archive);
    expect([...files.keys()]).toEqual(['a/pods.json', 'c/nodes.json']);
    expect(summary.incomplete).toBe(true);
    const m = messages(summary);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^corrupt\.tar: \d+ corrupt tar header blocks skipped \(checksum failure\); entries there are lost$/);
  });

  it('a raw tar cut in the middle of an entry: the entries before it, not the cut one', async () => {
    const archive = tarArchive(tarEntry('a.json', body(3)), tarEntry('b.json', body(200)));
    const cut = archive.subarray(0, 512 * 4 + 3000);
    const { summary, files } = await read('cut.tar', cut);
    expect([...files.keys()]).toEqual(['a.json']);
    expect(summary.incomplete).toBe(true);
    expect(messages(summary)).toEqual(['cut.tar: the archive is truncated: b.json is cut short and was not read']);
  });

  it('a raw tar cut exactly between entries (no end marker) is reported as truncated', async () => {
    const archive = Buffer.concat([tarEntry('a.json', '{}'), tarEntry('b.json', '{}')]);
    const { summary, files } = await read('noend.tar', archive);
    expect([...files.keys()]).toEqual(['a.json', 'b.json']);
    expect(summary.incomplete).toBe(true);
    expect(messages(summary)[0]).toContain('ends without its end-of-archive marker');
  });

  it('junk after the end marker: everything read, one warning; zero padding is fine', async () => {
    const archive = tarArchive(tarEntry('a.json', '{}'), tarEntry('b.json', '{}'));
    const junk = await read('junk.tar', Buffer.concat([archive, Buffer.from('this is not tar data\n'.repeat(100))]));
    expect([...junk.files.keys()]).toEqual(['a.json', 'b.json']);
    expect(junk.summary.incomplete).toBe(true);
    expect(messages(junk.summary)).toEqual([
      'junk.tar: data after the end of the tar archive ignored (the file may be damaged or have something appended)',
    ]);
    const padded = await read('padded.tgz', gzipSync(Buffer.concat([archive, Buffer.alloc(10240 - (archive.length % 10240))])));
    expect(padded.summary.warnings).toEqual([]);
    expect(padded.summary.incomplete).toBe(false);
  });
});
