/**
 * Broken and hostile file contents in one bundle beside a good pods.json:
 * every bad file yields a warning naming it (and its line where there is
 * one), nothing crashes or hangs, and the good file's finding still appears.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_POD, goodPods, notFoundMessage } from './corpus.js';
import { assertBuilt, runCli, tempDir, type RunResult } from './cli.js';

let root: string;

function put(rel: string, data: string | Buffer): void {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** The alias chain that expands to 9^9 strings if a parser resolves it eagerly. */
function billionLaughs(): string {
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: lol-0', '  namespace: shop', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 0; i < 8; i++) {
    const prev = String.fromCharCode(97 + i);
    const cur = String.fromCharCode(98 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  lines.push('spec:', '  containers:', '  - name: app', '    image: *i');
  return lines.join('\n') + '\n';
}

const DESCRIBE_BROKEN_EVENTS = `Name:             web-7d9c6b5f4d-x2x9k
Namespace:        shop
Priority:         0
Service Account:  default
Node:             ip-10-0-1-23.eu-west-1.compute.internal/10.0.1.23
Status:           Pending
Containers:
  api:
    Image:          registry.acme.internal/team/api:1.0.7
    State:          Waiting
      Reason:       ImagePullBackOff
    Ready:          False
Events:
  Type     Reason     Age    From     Message
  ----     ------     ----   ----
  Warning  Failed
  Normal   Pulling    2m25s (x4 over
Warning  Failed     2m25s (x4 over 4m47s)  kubelet            Failed to pull image "registry.acme.internal/team/api:1.0.7": ${'"'.repeat(5000)}
  \x00\x00\x00
  Warning  BackOff    ${' '.repeat(20000)}kubelet
`;

let analyze: RunResult;
let inventory: RunResult;

beforeAll(async () => {
  assertBuilt();
  root = tempDir('hostile-content');
  put('pods.json', goodPods());
  put('broken.json', '{"kind": "PodList", "apiVersion": "v1", "items": [\n  {"metadata": {"name": "half"},,\n  ]\n');
  put('broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n  namespace: shop\nspec: {containers: [\n');
  put('laughs.yaml', billionLaughs());
  put('deep.json', '['.repeat(100_000));
  put('deep.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec: ${'['.repeat(100_000)}\n`);
  put('deep-closed.json', '{"kind":"PodList","apiVersion":"v1","items":[' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000) + ']}');
  // 50 MB on one line in a journal (the line the kubelet would print for a huge error)
  const huge = `Nov 24 09:12:01 ip-10-0-1-23 kubelet[1187]: E1124 09:12:01.514276    1187 remote_image.go:180] "PullImage from image service failed" err="${'A'.repeat(50 * 1024 * 1024)}"\n`;
  put('journal-kubelet.txt', huge);
  // events with invalid UTF-8 and NUL bytes inside a message
  const ev = Buffer.from(
    JSON.stringify({ kind: 'EventList', apiVersion: 'v1', items: [{ kind: 'Event', metadata: { name: 'e1', namespace: 'shop' }, involvedObject: { kind: 'Pod', name: GOOD_POD, namespace: 'shop' }, reason: 'Failed', type: 'Warning', message: 'MARK' }] }, null, 2),
  );
  const at = ev.indexOf('MARK');
  put('events.json', Buffer.concat([ev.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x00, 0x00]), ev.subarray(at + 4)]));
  put('describe-web.txt', DESCRIBE_BROKEN_EVENTS);
  put('nul.txt', Buffer.concat([Buffer.from('Name:   x\nNamespace: shop\n'), Buffer.alloc(4096), Buffer.from('Events:\n')]));
  analyze = await runCli(['analyze', root, '--format', 'json'], { timeoutMs: 90_000, probe: true });
  inventory = await runCli(['inventory', root, '--format', 'json'], { timeoutMs: 90_000 });
}, 180_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Report {
  findings: { rule: string; subject: { name: string } }[];
  warnings: { file?: string; line?: number; message: string }[];
}

const report = () => JSON.parse(analyze.stdout) as Report;
const warningsFor = (file: string) => report().warnings.filter((w) => w.file === file);

describe('malformed and hostile contents (a loose-files bundle: every file is sniffed by content)', () => {
  it('analyze finishes, without a trace, and the good pods.json still gives its finding', () => {
    expect(analyze.timedOut).toBe(false);
    expect(analyze.stderr).not.toMatch(/^\s+at /m);
    expect(analyze.code).toBe(1);
    expect(report().findings.some((f) => f.rule === 'msg-image-not-found-tag' && f.subject.name === GOOD_POD)).toBe(true);
    expect(analyze.ms).toBeLessThan(60_000);
    // the 50 MB line is read once, not copied per rule: peak memory stays within a few times the file
    expect(analyze.maxRss!).toBeLessThan(1024 ** 3);
    expect(analyze.cwdEntries).toEqual([]);
    expect(analyze.homeEntries).toEqual([]);
  });

  it('malformed JSON: a warning with file and line', () => {
    expect(warningsFor('broken.json')).toContainEqual({ file: 'broken.json', line: 2, message: expect.stringMatching(/^invalid JSON at line 2, column \d+: .*; file skipped$/) });
  });

  it('malformed YAML: a warning with file and line', () => {
    const w = warningsFor('broken.yaml');
    expect(w.length).toBeGreaterThan(0);
    expect(w[0].line).toBeGreaterThan(0);
  });

  it('YAML alias bomb: skipped with a warning, not expanded', () => {
    expect(warningsFor('laughs.yaml')).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/alias/) }));
    expect(warningsFor('laughs.yaml')[0].line).toBeGreaterThan(0);
  });

  it('100k unclosed brackets: a warning with file and line', () => {
    expect(warningsFor('deep.json')).toEqual([{ file: 'deep.json', line: 1, message: 'invalid JSON at line 1, column 100001: unexpected end of input; file skipped' }]);
  });

  it('100k unclosed YAML flow brackets: a warning with file and line', () => {
    const w = warningsFor('deep.yaml');
    expect(w.length).toBeGreaterThan(0);
    expect(w[0].line).toBeGreaterThan(0);
  });

  it('invalid UTF-8 and NUL bytes: named in warnings, the event still read', () => {
    const text = warningsFor('events.json').map((w) => w.message).join('\n');
    expect(text).toMatch(/invalid UTF-8/);
    expect(text).toMatch(/NUL byte/);
  });

  it('the broken describe Events table: warnings with lines, no parser failure', () => {
    const w = warningsFor('describe-web.txt');
    expect(w.some((x) => /Events/.test(x.message) && (x.line ?? 0) > 0)).toBe(true);
    expect(report().warnings.some((x) => /parser failed/.test(x.message))).toBe(false);
  });

  it('the 50 MB journal line does not stop the bundle', () => {
    expect(analyze.stdout).not.toContain('A'.repeat(100_000));
  });

  it('inventory lists the bad files and their problems and still counts the good pod', () => {
    expect(inventory.timedOut).toBe(false);
    expect(inventory.code).toBe(0);
    const inv = JSON.parse(inventory.stdout) as { warnings: { file?: string }[]; counts: { pods: number }; artifacts: { file: string; kind: string }[] };
    // the 50 MB line was read as a journal, not skipped
    expect(inv.artifacts).toContainEqual(expect.objectContaining({ file: 'journal-kubelet.txt', kind: 'journal' }));
    const named = new Set(inv.warnings.map((w) => w.file));
    for (const f of ['broken.json', 'broken.yaml', 'laughs.yaml', 'deep.json', 'events.json']) expect(named).toContain(f);
    expect(inv.counts.pods).toBeGreaterThanOrEqual(1);
  });
});

describe('a 5 MB describe line of bait for the shipped message rules', () => {
  // fragments just before what rule regexes expect, repeated; runs of spaces, colons, quotes
  const BAIT = [
    'lookup registry.example.com on '.repeat(60_000),
    'failed to fetch oauth token: '.repeat(60_000),
    '(?:request to '.repeat(60_000),
    'x509: '.repeat(200_000),
    'proxyconnect tcp: '.repeat(100_000),
    ' '.repeat(1_000_000),
    ':'.repeat(500_000),
    '"'.repeat(500_000),
    'Unable to retrieve some image pull secrets ('.repeat(30_000),
    'status code ['.repeat(100_000),
  ].join('');

  it('analyze finishes in bounded time with the bait in pod status, event and journal', async () => {
    const dir = tempDir('hostile-bait');
    try {
      const image = 'registry.example.com/shop/api:1.0';
      const pods = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(goodPods()).items[0], { ...JSON.parse(goodPods()).items[0], metadata: { name: 'bait-0', namespace: 'shop' }, status: { phase: 'Pending', containerStatuses: [{ name: 'cart-api', image, ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull', message: BAIT } } }] } }] });
      writeFileSync(join(dir, 'pods.json'), pods);
      writeFileSync(join(dir, 'events.json'), JSON.stringify({ kind: 'EventList', apiVersion: 'v1', items: [{ kind: 'Event', metadata: { name: 'e', namespace: 'shop' }, involvedObject: { kind: 'Pod', name: 'bait-0', namespace: 'shop' }, reason: 'Failed', type: 'Warning', message: `Failed to pull image "${image}": ${BAIT}` }] }));
      writeFileSync(join(dir, 'journal-kubelet.txt'), `Nov 24 09:12:01 ip-10-0-1-23 kubelet[1187]: E1124 09:12:01.514276    1187 remote_image.go:180] "PullImage from image service failed" err="${BAIT}" image="${image}"\n` + `Nov 24 09:12:02 ip-10-0-1-23 kubelet[1187]: E1124 09:12:02.1 1187 x.go:1] "Failed to pull image" err="${notFoundMessage(image)}"\n`);
      writeFileSync(join(dir, 'describe-bait.txt'), DESCRIBE_BROKEN_EVENTS.replace(/Events:[\s\S]*$/, `Events:\n  Type     Reason  Age   From     Message\n  ----     ------  ----  ----     -------\n  Warning  Failed  2m    kubelet  Failed to pull image "${image}": ${BAIT}\n`));
      expect(BAIT.length).toBeGreaterThan(5_000_000);
      const r = await runCli(['analyze', dir, '--format', 'markdown'], { timeoutMs: 40_000 });
      expect(r.timedOut).toBe(false);
      expect(r.ms).toBeLessThan(20_000);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toContain(GOOD_POD);
      // excerpts are bounded: a 5 MB message is not pasted into the report
      expect(r.stdout.length).toBeLessThan(2_000_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
