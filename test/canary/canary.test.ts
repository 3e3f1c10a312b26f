/**
 * The canary test: every sample bundle, seeded with unique fake credentials
 * in every place a real bundle carries them, run through every command and
 * format. No output — stdout, stderr, written files — may contain a canary,
 * its base64 form, or the base64 of user:password.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertBuilt, runCli, tempDir, type RunResult } from '../hostile/cli.js';
import { LOCATIONS, base64Needles, needlesOf, seedSample, type Seeded } from './seed.js';

let dir: string;
let seeded: Seeded[];
let needles: { label: string; needle: string }[];

/** Labels of every canary form found in `text` (empty when clean). */
function leaks(text: string): string[] {
  const found = needles.filter((n) => text.includes(n.needle)).map((n) => n.label);
  if (found.length === 0 && text.includes('CANARY-')) {
    const at = text.indexOf('CANARY-');
    found.push(`unlabelled canary: ${text.slice(at, at + 40)}`);
  }
  return [...new Set(found)];
}

function expectNoLeak(what: string, r: RunResult): void {
  expect(r.timedOut, what).toBe(false);
  expect(leaks(r.stdout), `${what}: stdout`).toEqual([]);
  expect(leaks(r.stderr), `${what}: stderr`).toEqual([]);
  // nothing written besides the named --output: cwd, HOME and TMPDIR stay empty
  expect(r.cwdEntries, what).toEqual([]);
  expect(r.homeEntries, what).toEqual([]);
}

const runs: Record<string, RunResult> = {};
const written: Record<string, string> = {};

beforeAll(async () => {
  assertBuilt();
  dir = tempDir('canary');
  const samples = readdirSync(join(ROOT, 'samples')).sort();
  mkdirSync(join(dir, 'seeded'));
  seeded = samples.map((s, i) => seedSample(join(ROOT, 'samples'), s, join(dir, 'seeded'), i + 1));
  needles = seeded.flatMap(needlesOf);
  const all = seeded.map((s) => s.path);

  // a rule whose inline tests point at every seeded bundle; the wrong expectations make FAIL lines quote subjects and messages
  const rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir);
  const base = readFileSync(join(ROOT, 'rules/msg-auth-rejected-credentials.yaml'), 'utf8');
  const tests = seeded.map((s) => `  - bundle: ${JSON.stringify(s.path)}\n    expect:\n      - { subject: ${s.pod}/api, fires: false }\n`).join('');
  writeFileSync(join(rulesDir, 'canary.yaml'), base.slice(0, base.indexOf('\ntests:') + 1).replace('id: msg-auth-rejected-credentials', 'id: canary-auth-rejected') + `tests:\n${tests}`);

  const redacted = seeded.map((s, i) => join(dir, `redacted-${i + 1}-${s.sample.replace(/\.tar\.gz$/, '-tgz')}.tgz`));
  const jobs: [string, string[]][] = [
    ['analyze markdown (all bundles)', ['analyze', ...all, '--format', 'markdown', '--fail-on', 'never']],
    ['analyze json (all bundles)', ['analyze', ...all, '--format', 'json', '--fail-on', 'never']],
    ['analyze markdown --output', ['analyze', ...all, '--format', 'markdown', '--output', join(dir, 'report.md')]],
    ['rules test', ['rules', 'test', rulesDir]],
    ...seeded.flatMap((s, i): [string, string[]][] => [
      [`inventory ${s.sample}`, ['inventory', s.path]],
      [`inventory json ${s.sample}`, ['inventory', s.path, '--format', 'json']],
      [`redact ${s.sample}`, ['redact', s.path, '--output', redacted[i]]],
    ]),
  ];
  // two at a time: the machine has two cores
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) runs[job[0]] = await runCli(job[1], { timeoutMs: 120_000 });
  };
  await Promise.all([worker(), worker()]);
  runs['analyze json (redacted)'] = await runCli(['analyze', ...redacted, '--format', 'json', '--fail-on', 'never'], { timeoutMs: 120_000 });
  runs['analyze markdown (redacted)'] = await runCli(['analyze', ...redacted, '--format', 'markdown', '--fail-on', 'never'], { timeoutMs: 120_000 });
  written['report.md'] = readFileSync(join(dir, 'report.md'), 'utf8');
  // the redacted bundles are written files too: their whole uncompressed content must be clean
  for (const r of redacted) written[r] = gunzipSync(readFileSync(r)).toString('latin1');
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the seeding is real', () => {
  it('base64 needles find a canary wherever it sits in a base64 stream', () => {
    const c = 'CANARY-SECRET-PW-1-x7Q';
    for (let pad = 0; pad < 6; pad++) {
      const enc = Buffer.from(`${'{"auths":'.slice(0, pad)}${c}"}`).toString('base64');
      expect(base64Needles(c).some((n) => enc.includes(n)), `pad ${pad}`).toBe(true);
    }
  });

  it('the needles catch every location in the seeded input itself (so a clean output means something)', () => {
    for (const s of seeded) {
      const raw = s.sample.endsWith('.tar.gz') ? gunzipSync(readFileSync(s.path)).toString('latin1') : s.files.map((f) => readFileSync(join(s.path, f), 'utf8')).join('\n');
      const found = new Set(leaks(raw).map((l) => l.replace(/ \(.*\)$/, '')));
      for (const loc of LOCATIONS) expect(found, `${s.sample} ${loc}`).toContain(`${s.sample} ${loc}`);
    }
  });

  it('every sample was seeded and podmortem read every canary file (inventory json lists them as artifacts)', () => {
    expect(seeded.length).toBeGreaterThanOrEqual(16);
    for (const s of seeded) {
      const r = runs[`inventory json ${s.sample}`];
      const inv = JSON.parse(r.stdout) as { artifacts: { file: string; kind: string }[]; counts: { pullSecrets: number } };
      const read = new Set(inv.artifacts.map((a) => a.file));
      for (const f of s.files) expect(read, `${s.sample}: ${f}`).toContain(f);
      expect(inv.counts.pullSecrets, s.sample).toBeGreaterThan(0);
    }
  });

  it('the canary pod is analyzed in every bundle: an auth finding names it', () => {
    const docs = runs['analyze json (all bundles)'].stdout.trim().split('\n').map((l) => JSON.parse(l) as { bundle: { path: string }; findings: { category: string; subject: { namespace?: string; name: string } }[] });
    expect(docs).toHaveLength(seeded.length);
    for (const [i, s] of seeded.entries()) {
      const mine = docs[i].findings.filter((f) => `${f.subject.namespace}/${f.subject.name}` === s.pod);
      expect(mine.length, s.sample).toBeGreaterThan(0);
    }
  });
});

describe('no canary in any output', () => {
  it('analyze: markdown and json, several bundles at once, and the --output file', () => {
    expectNoLeak('analyze markdown', runs['analyze markdown (all bundles)']);
    expectNoLeak('analyze json', runs['analyze json (all bundles)']);
    expectNoLeak('analyze --output', runs['analyze markdown --output']);
    expect(leaks(written['report.md']), 'report.md').toEqual([]);
  });

  it('inventory text and json of every bundle', () => {
    for (const s of seeded) {
      expectNoLeak(`inventory ${s.sample}`, runs[`inventory ${s.sample}`]);
      expectNoLeak(`inventory json ${s.sample}`, runs[`inventory json ${s.sample}`]);
    }
  });

  it('rules test with tests pointing at the seeded bundles', () => {
    const r = runs['rules test'];
    expectNoLeak('rules test', r);
    expect(r.stdout).toMatch(/FAIL canary-auth-rejected/);
  });

  it('redact: its report, and every redacted bundle it wrote', () => {
    for (const s of seeded) {
      const r = runs[`redact ${s.sample}`];
      expectNoLeak(`redact ${s.sample}`, r);
      expect(r.code, `redact ${s.sample}: ${r.stderr}`).toBe(0);
    }
    for (const [file, text] of Object.entries(written)) {
      if (file === 'report.md') continue;
      expect(leaks(text), file).toEqual([]);
    }
  });

  it('analyze of the redacted bundles', () => {
    expectNoLeak('analyze json (redacted)', runs['analyze json (redacted)']);
    expectNoLeak('analyze markdown (redacted)', runs['analyze markdown (redacted)']);
    // the redacted copies are still bundles podmortem reads: one result each, the canary pod still there
    const docs = runs['analyze json (redacted)'].stdout.trim().split('\n').map((l) => JSON.parse(l) as { findings: { subject: { name: string } }[] });
    expect(docs).toHaveLength(seeded.length);
    for (const [i, s] of seeded.entries()) expect(docs[i].findings.some((f) => s.pod.endsWith(`/${f.subject.name}`)), s.sample).toBe(true);
  });
});

export { leaks };
