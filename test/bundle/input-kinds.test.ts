import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/bundle/index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podmortem-kinds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readPath(path: string) {
  const files = new Map<string, string>();
  const summary = await readBundle(path, { onFile: (f) => files.set(f.path, f.content.toString()) });
  return { summary, files, messages: summary.warnings.map((w) => w.message) };
}

async function read(name: string, data: Buffer | string) {
  writeFileSync(join(dir, name), data);
  return readPath(join(dir, name));
}

const describeText = `Name:             web-7d4b9c8f6-x2x9q
Namespace:        shop
Events:
  Type     Reason     Age                From     Message
  ----     ------     ----               ----     -------
  Warning  Failed     12s (x3 over 50s)  kubelet  Failed to pull image "registry.example.com/shop/web:1.4.2": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/shop/web:1.4.2": failed to resolve reference "registry.example.com/shop/web:1.4.2": registry.example.com/shop/web:1.4.2: not found
`;

/** A support bundle folder packed by the real `tar` package, as customers' tools do. */
async function makeBundle(name: string, gzip: boolean): Promise<string> {
  const src = join(dir, `${name}-src`);
  mkdirSync(join(src, 'support-bundle/cluster-resources/pods'), { recursive: true });
  mkdirSync(join(src, 'support-bundle/cluster-resources/events'), { recursive: true });
  writeFileSync(join(src, 'support-bundle/version.yaml'), 'apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundle\n');
  // ~400 KB of incompressible-ish events so a cut lands inside the stream
  const events = Array.from({ length: 3000 }, (_, i) => ({
    reason: 'Failed',
    message: `Failed to pull image "registry.example.com/shop/web:${i}": ${createHash('sha256').update(String(i)).digest('hex')}`,
  }));
  writeFileSync(join(src, 'support-bundle/cluster-resources/events/shop.json'), JSON.stringify({ kind: 'EventList', items: events }));
  writeFileSync(join(src, 'support-bundle/cluster-resources/pods/shop.json'), '{"kind":"PodList","items":[]}');
  const out = join(dir, name);
  await tar.c({ gzip, file: out, cwd: src, portable: true }, [
    'support-bundle/version.yaml',
    'support-bundle/cluster-resources/events/shop.json',
    'support-bundle/cluster-resources/pods/shop.json',
  ]);
  return out;
}

describe('input kinds by content, not by name', () => {
  it('a tar.gz and a plain tar made by tar, and a tar.gz named .json', async () => {
    const tgz = await makeBundle('bundle.tgz', true);
    const plain = await makeBundle('bundle.tar', false);
    const misnamed = join(dir, 'looks-like.json');
    writeFileSync(misnamed, readFileSync(tgz));
    for (const [path, kind] of [
      [tgz, 'tar.gz'],
      [plain, 'tar'],
      [misnamed, 'tar.gz'],
    ] as const) {
      const { summary, files, messages } = await readPath(path);
      expect(summary.kind).toBe(kind);
      expect([...files.keys()]).toEqual([
        'support-bundle/version.yaml',
        'support-bundle/cluster-resources/events/shop.json',
        'support-bundle/cluster-resources/pods/shop.json',
      ]);
      expect(JSON.parse(files.get('support-bundle/cluster-resources/events/shop.json')!).items).toHaveLength(3000);
      expect(messages).toEqual([]);
      expect(summary.incomplete).toBe(false);
      expect(summary.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  });

  it('a truncated .tgz keeps the entries before the cut, one-line warning', async () => {
    const full = readFileSync(await makeBundle('full.tgz', true));
    const { summary, files, messages } = await read('cut.tgz', full.subarray(0, Math.floor(full.length * 0.6)));
    expect(summary.kind).toBe('tar.gz');
    expect([...files.keys()]).toEqual(['support-bundle/version.yaml']);
    expect(summary.incomplete).toBe(true);
    expect(messages).toEqual(['cut.tgz: the gzip stream is truncated (unexpected end of file); the 1 file(s) read before it are kept']);
  });

  it('corrupt deflate data in a .tgz: warning, no throw', async () => {
    const full = Buffer.from(readFileSync(await makeBundle('full2.tgz', true)));
    for (let i = 2000; i < 2400; i++) full[i] ^= 0x5a;
    const { summary, messages } = await read('garbled.tgz', full);
    expect(summary.incomplete).toBe(true);
    expect(messages).toEqual([expect.stringMatching(/^garbled\.tgz: the gzip data is corrupt \(.+\); the \d file\(s\) read before it are kept$/)]);
  });

  it('a .tgz that is really a zip: warning, nothing read', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(200, 7)]);
    const { summary, files, messages } = await read('bundle-zip.tgz', zip);
    expect(files.size).toBe(0);
    expect(messages).toEqual(['bundle-zip.tgz is a zip archive, not tar/gzip; unzip it and pass the folder']);
    expect(summary.filesRead).toBe(0);
  });

  it('a .tgz that is plain text: warning, read as one file', async () => {
    const { summary, files, messages } = await read('describe-output.tgz', describeText);
    expect(summary.kind).toBe('file');
    expect(messages).toEqual(['describe-output.tgz is not a tar or gzip archive despite its name; reading it as a single file']);
    expect([...files.entries()]).toEqual([['describe-output.tgz', describeText]]);
  });

  it('an empty file: warning, nothing read; an xz archive: named, nothing read', async () => {
    const empty = await read('empty.tgz', '');
    expect(empty.files.size).toBe(0);
    expect(empty.messages).toEqual(['empty.tgz is an empty file; nothing to read']);
    expect(empty.summary.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const xz = await read('bundle.tar.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4]));
    expect(xz.messages).toEqual(['bundle.tar.xz is a xz archive, not tar/gzip; unpack it and pass the folder or the .tar']);
  });

  it('a gzipped single file (not a tar) is read decompressed, named without .gz', async () => {
    const pods = '{"kind":"PodList","apiVersion":"v1","items":[]}\n'.repeat(20);
    const { summary, files, messages } = await read('pods.json.gz', gzipSync(pods));
    expect(summary.kind).toBe('file');
    expect([...files.entries()]).toEqual([['pods.json', pods]]);
    expect(messages).toEqual([]);
  });

  it('a missing input rejects with one clear line', async () => {
    await expect(readBundle(join(dir, 'nope.tgz'), { onFile: () => undefined })).rejects.toThrow(
      /^cannot read .*nope\.tgz: no such file or directory$/,
    );
  });

  it('nothing is ever written: the temp dir holds only what the tests made', () => {
    const names = readdirSync(dir).sort();
    expect(names.every((n) => n.endsWith('-src') || /\.(tgz|tar|json|gz|xz)$/.test(n))).toBe(true);
  });
});
