import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/bundle/index.js';

let root: string;
let bundle: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'podmortem-dir-'));
  bundle = join(root, 'must-gather');
  const put = (rel: string, text: string) => {
    mkdirSync(join(bundle, rel, '..'), { recursive: true });
    writeFileSync(join(bundle, rel), text);
  };
  put('namespaces/shop/core/pods.yaml', 'apiVersion: v1\nkind: PodList\nitems: []\n');
  put('namespaces/shop/core/events.yaml', 'apiVersion: v1\nkind: EventList\nitems: []\n');
  put('namespaces/shop/pods/web/web/web/logs/current.log', '2024-05-01T10:00:00Z started\n');
  put('cluster-scoped-resources/core/nodes/worker-0.yaml', 'kind: Node\nmetadata:\n  name: worker-0\n');
  put('a.json', '{}');
  put('a/b.json', '{}');
  put('.hidden/resolv.conf', 'nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local\n');
  symlinkSync('/etc/passwd', join(bundle, 'namespaces/shop/passwd-link'));
  symlinkSync('/etc', join(bundle, 'etc-dir-link'));
  symlinkSync('namespaces/shop/core/pods.yaml', join(bundle, 'pods-link.yaml'));
  execFileSync('mkfifo', [join(bundle, 'a-fifo')]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(opts: Partial<Parameters<typeof readBundle>[1]> = {}) {
  const files = new Map<string, string>();
  const summary = await readBundle(bundle, { ...opts, onFile: (f) => files.set(f.path, f.content.toString()) });
  return { summary, files, messages: summary.warnings.map((w) => w.message) };
}

describe('directory input', () => {
  it('reads regular files in sorted path order; links and the FIFO are not followed', async () => {
    const { summary, files, messages } = await collect();
    expect(summary.kind).toBe('directory');
    expect([...files.keys()]).toEqual([
      '.hidden/resolv.conf',
      'a.json',
      'a/b.json',
      'cluster-scoped-resources/core/nodes/worker-0.yaml',
      'namespaces/shop/core/events.yaml',
      'namespaces/shop/core/pods.yaml',
      'namespaces/shop/pods/web/web/web/logs/current.log',
    ]);
    expect([...files.values()].some((t) => t.includes('root:x:0:0'))).toBe(false);
    expect(messages).toEqual([
      '3 symbolic links skipped (links are never followed)',
      '1 special entry (device, FIFO or unknown type) skipped, e.g. a-fifo (FIFO)',
    ]);
    expect(summary.entriesSeen).toBe(11);
    expect(summary.filesRead).toBe(7);
    expect(summary.incomplete).toBe(false);
  });

  it('the directory sha256 is stable, and changes when a read file changes', async () => {
    const a = (await collect()).summary.sha256;
    const b = (await collect()).summary.sha256;
    expect(a).toBe(b);
    writeFileSync(join(bundle, 'a.json'), '{"x":1}');
    const c = (await collect()).summary.sha256;
    writeFileSync(join(bundle, 'a.json'), '{}');
    expect(c).not.toBe(a);
  });

  it('applies select, sniff and the per-file limits like archives', async () => {
    const sniffed: string[] = [];
    const { files, messages, summary } = await collect({
      select: (p) => (p.endsWith('.log') ? 'skip' : p.endsWith('.yaml') ? 'sniff' : 'read'),
      sniffBytes: 12,
      sniff: (p, head) => {
        sniffed.push(`${p}:${head.toString()}`);
        return head.toString().startsWith('apiVersion');
      },
      limits: { maxFileBytes: 40, maxPathDepth: 5 },
    });
    expect(sniffed).toEqual([
      'cluster-scoped-resources/core/nodes/worker-0.yaml:kind: Node\nm',
      'namespaces/shop/core/events.yaml:apiVersion: ',
      'namespaces/shop/core/pods.yaml:apiVersion: ',
    ]);
    expect([...files.keys()]).toEqual(['a.json', 'a/b.json', 'namespaces/shop/core/pods.yaml']);
    expect(messages).toEqual([
      'entry "namespaces/shop/pods/web/web" skipped: limit maxPathDepth = 5; raise it with --max-path-depth',
      '.hidden/resolv.conf skipped: 70 bytes is over limit maxFileBytes = 40 B; raise it with --max-file-bytes',
      'namespaces/shop/core/events.yaml skipped: 41 bytes is over limit maxFileBytes = 40 B; raise it with --max-file-bytes',
      '3 symbolic links skipped (links are never followed)',
      '1 special entry (device, FIFO or unknown type) skipped, e.g. a-fifo (FIFO)',
    ]);
    expect(summary.incomplete).toBe(false);
  });

  it('stops listing at maxEntries', async () => {
    const { summary, messages } = await collect({ limits: { maxEntries: 2 } });
    expect(summary.filesRead).toBeLessThanOrEqual(2);
    expect(summary.incomplete).toBe(true);
    expect(messages[0]).toBe('must-gather: stopped reading, more than 2 entries: limit maxEntries = 2; raise it with --max-entries');
  });
});
