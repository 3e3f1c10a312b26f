import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t as listTar } from 'tar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redactCommand } from '../../src/cli/redact.js';
import { fingerprint } from '../../src/common/secrets.js';
import { evaluate, loadRules, subjectKey } from '../../src/rules/index.js';
import { loadSample } from '../samples-ctx/load-sample.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const CANARIES = ['FAKE-redact-canary-pw-1', 'FAKE-redact-canary-pw-2', 'FAKE-redact-canary-token-3', 'FAKE-redact-canary-pw-4', 'FAKE-redact-canary-blob-5'];

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'podmortem-redact-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** samples/default plus the credentials a real capture drags along. */
function buildBundle(dir: string): string {
  const root = join(dir, 'podmortem-bundle');
  cpSync('samples/default/podmortem-bundle', root, { recursive: true });
  const secrets = JSON.parse(readFileSync(join(root, 'secrets.json'), 'utf8'));
  secrets.items.push(
    {
      apiVersion: 'v1',
      data: {
        '.dockerconfigjson': b64(
          JSON.stringify({ auths: { 'registry.acme.internal': { username: 'ci-bot', password: 'FAKE-redact-canary-pw-1', auth: b64('ci-bot:FAKE-redact-canary-pw-1') } } }),
        ),
      },
      kind: 'Secret',
      metadata: { name: 'acme-internal-canary', namespace: 'shop' },
      type: 'kubernetes.io/dockerconfigjson',
    },
    {
      apiVersion: 'v1',
      data: { '.dockerconfigjson': 'eyJhdXRocyI6!FAKE-redact-canary-blob-5' },
      kind: 'Secret',
      metadata: { name: 'broken-canary', namespace: 'shop' },
      type: 'kubernetes.io/dockerconfigjson',
    },
  );
  writeFileSync(join(root, 'secrets.json'), JSON.stringify(secrets, null, 4) + '\n');
  const pods = JSON.parse(readFileSync(join(root, 'pods.json'), 'utf8'));
  const pod = pods.items[0];
  pod.spec.containers[0].env = [
    { name: 'DB_HOST', value: 'db.shop.svc.cluster.local' },
    { name: 'DB_PASSWORD', value: 'FAKE-redact-canary-pw-2' },
    { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'redis' } } },
  ];
  pod.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { containers: [{ env: [{ name: 'DB_PASSWORD', value: 'FAKE-redact-canary-pw-2' }] }] } }) + '\n' };
  writeFileSync(join(root, 'pods.json'), JSON.stringify(pods, null, 4) + '\n');
  cpSync('test/fixtures/redact/describe-pod-env.txt', join(root, 'describe-pods.txt'));
  const journal = join(root, 'nodes/ip-10-0-2-57.eu-west-1.compute.internal/journal-kubelet.txt');
  writeFileSync(journal, readFileSync(journal, 'utf8') + readFileSync('test/fixtures/redact/kubelet-journal.txt', 'utf8'));
  writeFileSync(join(root, 'registry/layer.tar.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]));
  const deep = join(root, 'extra', 'a-rather-long-folder-name-to-need-a-pax-header-'.repeat(2), 'notes.txt');
  mkdirSync(join(deep, '..'), { recursive: true });
  writeFileSync(deep, 'ssh deploy@bastion with password=FAKE-redact-canary-pw-1\n');
  return root;
}

async function readTgz(path: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const pending: Promise<void>[] = [];
  await listTar({
    file: path,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      pending.push(new Promise((res) => entry.on('end', () => res(files.set(entry.path, Buffer.concat(chunks).toString('utf8')) && undefined))));
    },
  });
  await Promise.all(pending);
  return files;
}

async function run(input: string, output: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await redactCommand(input, { output, limits: {} }), stderr };
  } finally {
    spy.mockRestore();
  }
}

const rules = loadRules(['rules']);

async function primaryCategories(path: string): Promise<Record<string, string>> {
  const model = await loadSample(path);
  const out: Record<string, string> = {};
  for (const f of evaluate(model, rules).findings) if (f.primary) out[`${f.subject.kind}:${subjectKey(f.subject)}`] = `${f.category} (${f.rule})`;
  return out;
}

describe('podmortem redact on a bundle with credentials', () => {
  let input: string;
  let output: string;
  let files: Map<string, string>;
  let result: { code: number; stderr: string };

  beforeAll(async () => {
    const inDir = join(work, 'in');
    mkdirSync(inDir);
    input = buildBundle(inDir);
    mkdirSync(join(work, 'out'));
    output = join(work, 'out', 'redacted.tgz');
    result = await run(input, output);
    files = await readTgz(output);
  });

  it('exits 0, writes only the output file, keeps every text file path', () => {
    expect(result.code).toBe(0);
    expect(readdirSync(join(work, 'out'))).toEqual(['redacted.tgz']);
    expect(files.has('secrets.json')).toBe(true);
    expect(files.has('nodes/ip-10-0-2-57.eu-west-1.compute.internal/journal-kubelet.txt')).toBe(true);
    expect([...files.keys()].some((p) => p.endsWith('/notes.txt') && p.length > 100)).toBe(true);
    expect(files.has('registry/layer.tar.gz')).toBe(false);
  });

  it('leaves no canary, plain or base64, in any file', () => {
    for (const [path, text] of files) {
      for (const c of CANARIES) {
        expect(text, path).not.toContain(c);
        expect(text, path).not.toContain(b64(c));
        expect(text, path).not.toContain(b64(`ci-bot:${c}`));
      }
    }
    const secret = JSON.parse(files.get('secrets.json')!).items.find((s: { metadata: { name: string } }) => s.metadata.name === 'acme-internal-canary');
    const inner = Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString();
    expect(inner).not.toContain('FAKE-redact-canary');
  });

  it('keeps registry hosts and usernames, and marks equal values with one fingerprint', () => {
    const secret = JSON.parse(files.get('secrets.json')!).items.find((s: { metadata: { name: string } }) => s.metadata.name === 'acme-internal-canary');
    const entry = JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString()).auths['registry.acme.internal'];
    const pw1 = `***REDACTED-PASSWORD-${fingerprint('FAKE-redact-canary-pw-1')}***`;
    expect(entry).toEqual({ username: 'ci-bot', password: pw1, auth: b64(`ci-bot:${pw1}`) });
    const notes = [...files.entries()].find(([p]) => p.endsWith('/notes.txt'))![1];
    expect(notes).toBe(`ssh deploy@bastion with password=${pw1}\n`);
    const pw2 = `***REDACTED-PASSWORD-${fingerprint('FAKE-redact-canary-pw-2')}***`;
    const pods = files.get('pods.json')!;
    expect(pods).toContain(`"value": "${pw2}"`);
    expect(pods).toContain('"value": "db.shop.svc.cluster.local"');
    expect(pods).toContain(`\\"value\\":\\"${pw2}\\"`); // inside last-applied-configuration
    expect(files.get('describe-pods.txt')).toContain(`DB_PASSWORD:        ${pw2}`);
    expect(files.get('describe-pods.txt')).toContain('https://ci:***REDACTED-URL-CREDENTIAL-');
  });

  it('keeps a malformed pull secret malformed, with its secret-looking blob hidden', () => {
    const broken = JSON.parse(files.get('secrets.json')!).items.find((s: { metadata: { name: string } }) => s.metadata.name === 'broken-canary');
    expect(broken.data['.dockerconfigjson']).toBe(`***REDACTED-SECRET-${fingerprint('eyJhdXRocyI6!FAKE-redact-canary-blob-5')}***`);
  });

  it('reports per file and in total on stderr', () => {
    expect(result.stderr).toMatch(/^podmortem redact: wrote .*redacted\.tgz \(\d+ files, \d+ values redacted\)/);
    // samples/default already holds four pull-secret passwords; ours adds the password field and the one inside auth
    expect(result.stderr).toMatch(/\n {2}secrets\.json +PASSWORD 6, SECRET 1\n/);
    expect(result.stderr).toMatch(/\n {2}pods\.json +PASSWORD 2\n/);
    expect(result.stderr).toContain('  dropped registry/layer.tar.gz: binary\n');
    expect(result.stderr).toMatch(/\n {2}total: PASSWORD \d+, .*URL-CREDENTIAL \d+, PRIVATE-KEY 1\n$/);
    for (const c of CANARIES) expect(result.stderr).not.toContain(c);
  });

  it('gives the same primary root cause for every subject as the original', async () => {
    const before = await primaryCategories(input);
    expect(Object.keys(before).length).toBeGreaterThan(4);
    expect(await primaryCategories(output)).toEqual(before);
  });
});

describe('same analysis on the shipped samples', () => {
  const samples = readdirSync('samples').map((s) => `samples/${s}`);
  it('covers every shipped sample', () => expect(samples.length).toBeGreaterThanOrEqual(10));
  it.each(samples)('%s', async (sample) => {
    const out = join(work, `${sample.replace(/\W+/g, '-')}.tgz`);
    const r = await run(sample, out);
    expect(r.code).toBe(0);
    const before = await primaryCategories(sample);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(await primaryCategories(out)).toEqual(before);
  });

  it('ctx-loose-files: the decoded dockerconfig password is gone, the empty-password secret is untouched', async () => {
    const out = join(work, 'loose.tgz');
    expect((await run('samples/ctx-loose-files', out)).code).toBe(0);
    const files = await readTgz(out);
    expect(files.get('dockerconfig.json')).not.toContain('FAKE-pw-ctx-loose-dockerhub');
    expect(files.get('dockerconfig.json')).toContain('"username": "acmeshopci"');
    expect(files.get('secret.json')).toBe(readFileSync('samples/ctx-loose-files/secret.json', 'utf8'));
  });
});

describe('refusals: nothing is written', () => {
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

  it('an input that cannot be read: exit 2, output folder untouched', async () => {
    const dir = mkdtempSync(join(work, 'missing-'));
    const r = await run(join(work, 'no-such-bundle.tgz'), join(dir, 'out.tgz'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read no-such-bundle.tgz');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a zip (nothing readable): exit 2, no output', async () => {
    const dir = mkdtempSync(join(work, 'zip-'));
    const zip = join(work, 'bundle.zip');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60)]));
    const r = await run(zip, join(dir, 'out.tgz'));
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('output equal to the input: refused, input unchanged', async () => {
    const copy = join(work, 'same.tar.gz');
    cpSync('samples/ctx-troubleshoot.tar.gz', copy);
    const before = sha(copy);
    const r = await run(copy, join(work, '.', 'same.tar.gz'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to overwrite the input bundle');
    expect(sha(copy)).toBe(before);
  });

  it('missing --output, output inside the input folder, output a directory: refused', async () => {
    expect((await run('samples/ctx-dns', '')).code).toBe(2);
    const inDir = mkdtempSync(join(work, 'inside-'));
    cpSync('samples/ctx-dns', inDir, { recursive: true });
    const listing = readdirSync(inDir).sort();
    const r = await run(inDir, join(inDir, 'redacted.tgz'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('inside the input folder');
    expect(readdirSync(inDir).sort()).toEqual(listing);
    expect((await run('samples/ctx-dns', work)).code).toBe(2);
  });

  it('an output folder that does not exist: refused without creating it', async () => {
    const r = await run('samples/ctx-dns', join(work, 'nope', 'out.tgz'));
    expect(r.code).toBe(2);
    expect(readdirSync(work)).not.toContain('nope');
  });
});
