import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

describe('scripts/build-samples.mjs', () => {
  it('the committed tar.gz samples are exactly what the script builds from their folders', () => {
    // exits 1 and names the archive when a source folder changed without a rebuild
    expect(() => execFileSync(process.execPath, ['scripts/build-samples.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('writes a troubleshoot-shaped archive: one root folder with version.yaml, fixed owner, mode and time', () => {
    const tar = gunzipSync(readFileSync('samples/ctx-troubleshoot.tar.gz'));
    const names: string[] = [];
    for (let off = 0; off + 512 <= tar.length; ) {
      const h = tar.subarray(off, off + 512);
      if (h.every((b) => b === 0)) break;
      const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const prefix = h.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(h.subarray(124, 136).toString('ascii'), 8);
      const mode = parseInt(h.subarray(100, 108).toString('ascii'), 8);
      const mtime = parseInt(h.subarray(136, 148).toString('ascii'), 8);
      expect([0o600, 0o700]).toContain(mode);
      expect(new Date(mtime * 1000).toISOString()).toBe('2026-11-20T09:14:03.000Z');
      names.push(prefix ? `${prefix}/${name}` : name);
      off += 512 + Math.ceil(size / 512) * 512;
    }
    const roots = new Set(names.map((n) => n.split('/')[0]));
    expect([...roots]).toEqual(['support-bundle-2026-11-20T09_14_03']);
    expect(names).toContain('support-bundle-2026-11-20T09_14_03/version.yaml');
    expect(names).toContain('support-bundle-2026-11-20T09_14_03/cluster-resources/image-pull-secrets/payments/acme-internal.json');
    expect(names).toContain('support-bundle-2026-11-20T09_14_03/host-collectors/run-host/resolv-conf.txt');
    expect([...names].sort()).toEqual(names);
  });
});
