import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/bundle/index.js';

const DIR = new URL('../../../shared/bundles/troubleshoot/', import.meta.url).pathname;

async function collect(name: string) {
  const files = new Map<string, Buffer>();
  const summary = await readBundle(DIR + name, { onFile: (f) => files.set(f.path, f.content) });
  return { summary, files };
}

/** The system tar's listing: regular files only, as the reference. */
function systemTarFiles(name: string): string[] {
  const out = execFileSync('tar', ['tzvf', DIR + name], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.startsWith('-'))
    .map((l) => l.slice(l.indexOf(':') + 4).trim())
    .sort();
}

describe('real troubleshoot bundles', () => {
  it('current-k3s-v0.123: every regular file, version.yaml content, 2 links skipped', async () => {
    const { summary, files } = await collect('current-k3s-v0.123.tar.gz');
    expect(summary.kind).toBe('tar.gz');
    expect(summary.incomplete).toBe(false);
    expect(summary.entriesSeen).toBe(149);
    expect(summary.filesRead).toBe(147);
    expect([...files.keys()].sort()).toEqual(systemTarFiles('current-k3s-v0.123.tar.gz'));
    expect(files.get('supportbundle/version.yaml')!.toString()).toContain('kind: SupportBundle');
    expect(summary.warnings.map((w) => w.message)).toEqual(['2 symbolic links skipped (links are never followed)']);
    const sha = createHash('sha256').update(readFileSync(DIR + 'current-k3s-v0.123.tar.gz')).digest('hex');
    expect(summary.sha256).toBe(sha);
  });

  it('legacy-k3d-v0.50: the 18 all-logs links and static-hi.log are skipped, not followed', async () => {
    const { summary, files } = await collect('legacy-k3d-v0.50.tar.gz');
    expect(summary.entriesSeen).toBe(121);
    expect(summary.filesRead).toBe(102);
    expect([...files.keys()].some((p) => p.startsWith('support-bundle/all-logs/'))).toBe(false);
    expect(files.has('support-bundle/static-hi.log')).toBe(false);
    expect(files.has('support-bundle/cluster-resources/pods/kube-system.json')).toBe(true);
    expect(summary.warnings.map((w) => w.message)).toEqual(['19 symbolic links skipped (links are never followed)']);
    expect(summary.incomplete).toBe(false);
  });

  it('kurl-v1.23: directories are entries but not files; the redacted pull secret is read', async () => {
    const { summary, files } = await collect('kurl-v1.23-redacted.tar.gz');
    expect(summary.entriesSeen).toBe(169);
    expect(summary.filesRead).toBe(137);
    expect(summary.warnings).toEqual([]);
    const secret = files.get('kurl-support-bundle/cluster-resources/image-pull-secrets/default/registry-creds.json');
    expect(JSON.parse(secret!.toString())).toEqual({ '***HIDDEN***': 'kurl' });
  });

  it('missing-version: one file', async () => {
    const { summary, files } = await collect('missing-version.tar.gz');
    expect([...files.keys()]).toEqual(['support-bundle/analysis.json']);
    expect(summary.entriesSeen).toBe(2);
  });

  it('a loose JSON file is one file named by its basename', async () => {
    const { summary, files } = await collect('nodes-7-mixed-runtimes.json');
    expect(summary.kind).toBe('file');
    expect([...files.keys()]).toEqual(['nodes-7-mixed-runtimes.json']);
    expect(JSON.parse(files.get('nodes-7-mixed-runtimes.json')!.toString()).items).toHaveLength(7);
    expect(summary.warnings).toEqual([]);
  });
});
