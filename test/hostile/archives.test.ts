/**
 * Hostile archives through the real CLI: traversal names, links, devices,
 * limits (named flag, overridable), a gzip bomb, 100k entries and broken
 * containers. Each run has an empty cwd and HOME that must stay empty.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarArchive, tarEntry, tarHeader } from '../bundle/craft.js';
import { GOOD_IMAGE, GOOD_POD, goodPods, podList } from './corpus.js';
import { assertBuilt, runCli, tempDir, type RunResult } from './cli.js';

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = tempDir('hostile-archives');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: Buffer | string): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

/** The rule ids and pod names of a JSON report (stdout of analyze --format json). */
function findingsOf(r: RunResult): { rule: string; pod: string }[] {
  if (r.stdout === '') return [];
  const doc = JSON.parse(r.stdout) as { findings: { rule: string; subject: { name: string } }[] };
  return doc.findings.map((f) => ({ rule: f.rule, pod: f.subject.name }));
}

const hasGoodFinding = (r: RunResult) => findingsOf(r).some((f) => f.rule === 'msg-image-not-found-tag' && f.pod === GOOD_POD);

function expectNoTrace(r: RunResult): void {
  expect(r.timedOut).toBe(false);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/TypeError|RangeError|SyntaxError|ReferenceError/);
  // nothing written while reading: the child's cwd and HOME (also its TMPDIR) stay empty
  expect(r.cwdEntries).toEqual([]);
  expect(r.homeEntries).toEqual([]);
}

describe.concurrent('names and entry types that would escape the bundle', () => {
  const escape = `podmortem-escape-${process.pid}.txt`;
  // a file outside the bundle that a followed link would read: a pod nobody should ever report
  const OUTSIDE_POD = 'leaked-through-link-5d4c3b2a1-zzzzz';

  it('tgz: traversal, absolute, drive-letter names, links and devices are reported and skipped; the good entry is analyzed', async () => {
    const outside = write('outside/pods.json', podList({ name: OUTSIDE_POD, image: 'registry.example.com/x:1', message: 'manifest unknown' }));
    const archive = tarArchive(
      tarEntry('support-bundle/cluster-resources/pods/shop.json', goodPods()),
      tarEntry(`../../${escape}`, 'root:x:0:0:root:/root:/bin/bash\n'),
      tarEntry(`support-bundle/../../../${escape}`, 'x'),
      tarEntry('/etc/cron.d/podmortem', '* * * * * root touch /tmp/pwned\n'),
      tarEntry('C:\\Windows\\System32\\evil.dll', 'MZ'),
      tarEntry(`..\\..\\${escape}`, 'backslash traversal'),
      tarHeader('support-bundle/cluster-resources/pods/passwd.json', { type: '2', linkname: '/etc/passwd' }),
      tarHeader('support-bundle/cluster-resources/pods/outside.json', { type: '2', linkname: outside }),
      tarHeader('support-bundle/cluster-resources/pods/hard.json', { type: '1', linkname: outside.slice(1) }),
      tarHeader('support-bundle/dev/sda', { type: '4' }),
      tarHeader('support-bundle/dev/tty', { type: '3' }),
      tarHeader('support-bundle/run/fifo', { type: '6' }),
    );
    const path = write('escape.tgz', gzipSync(archive));
    const r = await runCli(['analyze', path, '--format', 'json']);
    expectNoTrace(r);
    expect(r.code).toBe(1); // a critical finding, from the one good entry
    expect(hasGoodFinding(r)).toBe(true);
    expect(r.stdout).not.toContain(OUTSIDE_POD);
    expect(r.stdout).not.toContain('root:x:0:0');
    const err = r.stderr;
    expect(err).toContain(`entry "../../${escape}" skipped: its path contains a ".." segment`);
    expect(err).toContain(`entry "support-bundle/../../../${escape}" skipped`);
    expect(err).toContain('entry "/etc/cron.d/podmortem" skipped: its path is an absolute path');
    expect(err).toContain('entry "C:\\Windows\\System32\\evil.dll" skipped: its path has a Windows drive letter');
    expect(err).toContain(`entry "..\\..\\${escape}" skipped`);
    expect(err).toContain('2 symbolic links skipped (links are never followed)');
    expect(err).toContain('1 hard link skipped (links are never followed)');
    expect(err).toMatch(/3 special entries \(device, FIFO or unknown type\) skipped/);
    // the traversal target was never created anywhere near the bundle or the process
    for (const base of [dir, join(dir, '..'), join(dir, '../..'), '/tmp', process.cwd()]) expect(existsSync(join(base, escape))).toBe(false);
    expect(existsSync('/etc/cron.d/podmortem')).toBe(false);
  });

  it('directory: a symlink to a file outside, a symlinked folder and a FIFO are not followed nor opened', async () => {
    const outside = write('dir-outside/pods.json', podList({ name: OUTSIDE_POD, image: 'registry.example.com/x:1', message: 'manifest unknown' }));
    const root = join(dir, 'unpacked');
    write('unpacked/cluster-resources/pods/shop.json', goodPods());
    symlinkSync(outside, join(root, 'cluster-resources/pods/outside.json'));
    symlinkSync('/etc/passwd', join(root, 'passwd.json'));
    symlinkSync(join(dir, 'dir-outside'), join(root, 'linked-dir'));
    // a FIFO: opening it for reading would block forever
    mkfifoSync(join(root, 'cluster-resources/pods/fifo.json'));
    const r = await runCli(['analyze', root, '--format', 'json'], { timeoutMs: 30_000 });
    expectNoTrace(r);
    expect(hasGoodFinding(r)).toBe(true);
    expect(r.stdout).not.toContain(OUTSIDE_POD);
    expect(r.stderr).toContain('3 symbolic links skipped (links are never followed)');
    expect(r.stderr).toMatch(/special entr(y|ies) .*skipped, e\.g\. cluster-resources\/pods\/fifo\.json/);
  });
});

/** Node's fs has no mkfifo: use the system's. */
function mkfifoSync(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe.concurrent('limits: a clear message naming the flag, and the flag lets the bundle through', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => tarEntry(`support-bundle/logs/pod-${i}.log`, `line ${i}\n`));
  const deep = `support-bundle/${Array.from({ length: 12 }, (_, i) => `d${i}`).join('/')}/pods.json`;
  // 4 MiB of zeros compress ~1000:1: a legitimate but very compressible log before pods.json
  const zeros = () => tarEntry('support-bundle/logs/zeros.log', Buffer.alloc(4 * 1024 * 1024));
  let paths: Record<string, string>;
  beforeAll(() => {
    paths = {
      entries: write('limits/entries.tgz', gzipSync(tarArchive(...filler(50), tarEntry('support-bundle/pods.json', goodPods())))),
      fileBytes: write('limits/filebytes.tar', tarArchive(tarEntry('support-bundle/pods.json', goodPods()), tarEntry('support-bundle/nodes.json', '{"kind":"List","apiVersion":"v1","items":[]}'))),
      depth: write('limits/depth.tar', tarArchive(tarEntry(deep, goodPods()))),
      length: write('limits/length.tar', tarArchive(tarEntry('support-bundle/pods-with-a-rather-long-file-name.json', goodPods()))),
      ratio: write('limits/ratio.tgz', gzipSync(tarArchive(zeros(), tarEntry('support-bundle/pods.json', goodPods())), { level: constants.Z_BEST_COMPRESSION })),
    };
  });

  const low: [string, string[], string, number][] = [
    ['entries', ['--max-entries', '20'], 'stopped reading, more than 20 entries: limit maxEntries = 20; raise it with --max-entries', 2],
    ['fileBytes', ['--max-file-bytes', '512'], 'raise it with --max-file-bytes', 0],
    ['depth', ['--max-path-depth', '8'], 'limit maxPathDepth = 8; raise it with --max-path-depth', 2],
    ['length', ['--max-path-length', '20'], 'limit maxPathLength = 20; raise it with --max-path-length', 2],
    ['ratio', [], 'raise it with --max-compression-ratio', 2],
  ];
  for (const [name, flags, message, code] of low) {
    it(`${name}: ${flags.join(' ') || 'default'} stops it with a message naming the flag`, async () => {
      const r = await runCli(['analyze', paths[name], '--format', 'json', ...flags]);
      expectNoTrace(r);
      expect(r.stderr).toContain(message);
      expect(r.code).toBe(code); // 2: nothing else could be read; 0: nodes.json was read, no finding
      expect(hasGoodFinding(r)).toBe(false);
    });
  }

  it('raising every flag lets each of those bundles through (one run, five bundles)', async () => {
    const order = ['entries', 'fileBytes', 'depth', 'length', 'ratio'];
    const flags = ['--max-entries', '100', '--max-file-bytes', '1MiB', '--max-path-depth', '20', '--max-path-length', '200', '--max-compression-ratio', '100000'];
    const r = await runCli(['analyze', ...order.map((k) => paths[k]), '--format', 'json', ...flags]);
    expectNoTrace(r);
    expect(r.stderr).not.toContain('raise it with');
    const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { bundle: { path: string }; findings: { rule: string; subject: { name: string } }[] });
    expect(results.map((x) => x.bundle.path)).toEqual(order.map((k) => paths[k]));
    for (const x of results) expect(x.findings.some((f) => f.rule === 'msg-image-not-found-tag' && f.subject.name === GOOD_POD)).toBe(true);
  });

  it('--max-total-bytes stops a bundle whose ratio was allowed', async () => {
    const r = await runCli(['analyze', paths.ratio, '--format', 'json', '--max-compression-ratio', '100000', '--max-total-bytes', '1MiB']);
    expectNoTrace(r);
    expect(r.stderr).toContain('raise it with --max-total-bytes');
    expect(hasGoodFinding(r)).toBe(false);
  });
});

describe('bombs and floods', () => {
  it('a 2 GiB gzip bomb stops early: bounded time and memory far below the bomb size', async () => {
    // gzip members concatenate: one member of 64 MiB of zeros (~64 KiB) repeated 32 times
    const header = tarHeader('support-bundle/logs/huge.log', { size: 2 * 1024 ** 3 });
    const first = gzipSync(Buffer.concat([header, Buffer.alloc(64 * 1024 ** 2 - 512)]), { level: 9 });
    const member = gzipSync(Buffer.alloc(64 * 1024 ** 2), { level: 9 });
    const path = write('bomb.tgz', Buffer.concat([first, ...Array.from({ length: 31 }, () => member)]));
    const r = await runCli(['analyze', path, '--format', 'json'], { probe: true, timeoutMs: 30_000 });
    expectNoTrace(r);
    expect(r.stderr).toContain('raise it with --max-compression-ratio');
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.maxRss).toBeDefined();
    expect(r.maxRss!).toBeLessThan(400 * 1024 ** 2); // the bomb is 2048 MiB
  });

  it('100k tiny entries: read in bounded time, the good file still analyzed', async () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < 100_000; i++) parts.push(tarEntry(`support-bundle/host/proc/${i}/status`, `${i}\n`));
    parts.push(tarEntry('support-bundle/pods.json', goodPods()));
    const path = write('flood.tar', tarArchive(...parts));
    const r = await runCli(['analyze', path, '--format', 'json'], { probe: true, timeoutMs: 45_000 });
    expectNoTrace(r);
    expect(hasGoodFinding(r)).toBe(true);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.maxRss!).toBeLessThan(500 * 1024 ** 2);
  });
});

describe.concurrent('broken containers: a one-line message, partial results, exit 2 only when nothing was read', () => {
  // the log is incompressible, so a cut in the second half of the stream falls inside it
  const good = () => tarArchive(tarEntry('support-bundle/pods.json', goodPods()), tarEntry('support-bundle/logs/a.log', randomBytes(150_000).toString('base64')));

  it('truncated gzip keeps what was read before the cut', async () => {
    const gz = gzipSync(good());
    const path = write('truncated.tgz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = await runCli(['analyze', path, '--format', 'json']);
    expectNoTrace(r);
    expect(r.code).toBe(1);
    expect(hasGoodFinding(r)).toBe(true);
    const lines = r.stderr.split('\n').filter((l) => l.includes('truncated'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/gzip stream is truncated/);
  });

  it('a corrupt tar header: one warning, the entries around it kept', async () => {
    const tar = tarArchive(tarEntry('support-bundle/logs/a.log', 'aaa'), tarEntry('support-bundle/logs/b.log', 'bbb'), tarEntry('support-bundle/pods.json', goodPods()));
    tar[512 * 2 + 20] ^= 0x55; // the second header's name: its checksum no longer matches
    const path = write('corrupt.tgz', gzipSync(tar));
    const r = await runCli(['analyze', path, '--format', 'json']);
    expectNoTrace(r);
    expect(hasGoodFinding(r)).toBe(true);
    expect(r.stderr.split('\n').filter((l) => l.includes('corrupt tar header'))).toHaveLength(1);
  });

  const unreadable: [string, Buffer | string, RegExp][] = [
    ['zip.tgz', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(300, 7)]), /zip archive/],
    ['notes.tgz', 'Customer says: pods do not start since Monday.\nPlease advise.\n', /not a tar or gzip archive/],
    ['empty.tgz', '', /empty file/],
  ];
  for (const [name, data, why] of unreadable) {
    it(`${name}: exit 2 with a short explanation`, async () => {
      const path = write(name, data);
      const r = await runCli(['analyze', path, '--format', 'markdown']);
      expectNoTrace(r);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).toContain('nothing could be read');
    });
  }

  it('one unreadable bundle among good ones: the good one is reported, exit 2', async () => {
    const okPath = write('fine.tgz', gzipSync(good()));
    const badPath = write('empty2.tgz', '');
    const r = await runCli(['analyze', okPath, badPath, '--format', 'json']);
    expectNoTrace(r);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(GOOD_IMAGE);
  });
});
