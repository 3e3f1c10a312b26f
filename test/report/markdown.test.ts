import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AnalysisResult } from '../../src/findings/result.js';
import { expectGolden } from '../helpers/golden.js';
import { CANARIES, hostileResult, incidentResult } from '../fixtures/report/results.js';
import { flatten, lintErrors, parseTokens, shippedConfig, type MicromarkToken } from './md-tokens.js';

/*
 * .markdownlint.json (shipped with the reports) turns off only what a
 * generated report cannot honour:
 * - MD013 line length: evidence lines and commands are quoted verbatim and
 *   must stay copy-pasteable, so they cannot be wrapped;
 * - MD024 duplicate headings, limited to siblings: several bundles each get
 *   their own Summary / Findings / Not checked sections.
 */
describe('.markdownlint.json', () => {
  it('disables only line length and relaxes duplicate headings to siblings', () => {
    expect(shippedConfig()).toEqual({ default: true, MD013: false, MD024: { siblings_only: true } });
  });

  it('still reports real problems (the lint in these tests is not vacuous)', () => {
    const names = lintErrors('# a\n## b\ntext \n* x\n\n<b>html</b>\n').map((e) => e.ruleNames[0]);
    expect(names).toEqual(expect.arrayContaining(['MD022', 'MD009', 'MD032', 'MD033']));
  });
});

function headings(md: string): { depth: number; text: string }[] {
  return flatten(parseTokens(md))
    .filter((t) => t.type === 'atxHeading')
    .map((t) => ({
      depth: t.children.find((c) => c.type === 'atxHeadingSequence')!.text.length,
      text: t.children.find((c) => c.type === 'atxHeadingText')?.text ?? '',
    }));
}

function tables(md: string): MicromarkToken[] {
  return flatten(parseTokens(md)).filter((t) => t.type === 'table');
}

function rowsOf(table: MicromarkToken): number[] {
  return flatten([table])
    .filter((t) => t.type === 'tableRow')
    .map((r) => r.children.filter((c) => c.type === 'tableData' || c.type === 'tableHeader').length);
}

function fences(md: string): { info: string; body: string }[] {
  return flatten(parseTokens(md))
    .filter((t) => t.type === 'codeFenced')
    .map((t) => ({
      info: flatten(t.children).find((c) => c.type === 'codeFencedFenceInfo')?.text ?? '',
      body: t.children
        .filter((c) => c.type === 'codeFlowValue' || c.type === 'lineEnding')
        .map((c) => c.text)
        .join('')
        .replace(/^\n|\n$/g, ''),
    }));
}

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = heading.indexOf(' ');
  const rest = md.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

describe('renderMarkdown: incident bundle', () => {
  const result = incidentResult();
  const md = renderMarkdown([result]);

  it('passes markdownlint with the shipped config', () => {
    expect(lintErrors(md)).toEqual([]);
  });

  it('has one title and a clean heading hierarchy', () => {
    const hs = headings(md);
    expect(hs.filter((h) => h.depth === 1)).toHaveLength(1);
    expect(hs[0].text).toBe('podmortem report: support-bundle-2025-03-11T09_14_02');
    for (let i = 1; i < hs.length; i++) expect(hs[i].depth).toBeLessThanOrEqual(hs[i - 1].depth + 1);
    expect(hs.filter((h) => h.depth === 2).map((h) => h.text)).toEqual(['Summary', 'Findings', 'Not checked', 'Appendix: inventory']);
  });

  it('starts with the bundle name, hash, layout, capture time and versions', () => {
    const head = md.slice(0, md.indexOf('## Summary'));
    expect(head).toContain('`support-bundle-2025-03-11T09_14_02`');
    expect(head).toContain(`\`${result.bundle.sha256}\``);
    expect(head).toContain('**layout:** troubleshoot');
    expect(head).toContain('**Captured:** 2025-03-11T09:14:02Z');
    expect(head).toContain('**Cluster version:** v1.29.4');
    expect(head).toContain('**podmortem:** 0.1.0; **rules:** 2025.03.0');
  });

  it('summarizes one row per failing container with status, root cause and severity', () => {
    const summary = section(md, '## Summary');
    expect(summary).toContain('**By severity:** 4 critical, 1 warning, 0 info');
    expect(summary).toContain('5 (4 primary, 1 supporting)');
    const [t] = tables(summary);
    expect(rowsOf(t)).toEqual([6, 6, 6, 6, 6, 6]);
    expect(summary).toContain("| shop/checkout-6b8d9f7c4-4kq2n | checkout | `ImagePullBackOff` | The pod's pull secret has no credentials for ghcr.io | critical | 3 |");
    expect(summary).toContain('| shop/catalog-5f7c9d8b6-m8wz2 | catalog | `ErrImagePull` | The node cannot resolve the registry host name | critical | 2 |');
    // a container still waiting with no finding is listed, healthy ones are not
    expect(summary).toContain('| ml/trainer-5b9c8d7f6-xw4qp | metrics | `ContainerCreating` | No rule matched');
    expect(summary).not.toContain('frontend');
    expect(summary).not.toContain('fetch-data');
  });

  it('puts the supporting finding under its primary, after it', () => {
    const hs = headings(md).map((h) => `${h.depth} ${h.text}`);
    const primary = hs.indexOf("3 3. shop/checkout-6b8d9f7c4-4kq2n, container checkout: The pod's pull secret has no credentials for ghcr.io");
    expect(primary).toBeGreaterThan(0);
    expect(hs[primary + 1]).toBe('4 3.1 Supporting: The registry refused an anonymous pull');
    // primary findings of all subjects come before any supporting one
    expect(hs.filter((h) => /^3 \d+\. /.test(h))).toHaveLength(4);
  });

  it('quotes the evidence verbatim with its file and line', () => {
    const dns = section(md, '### 2. shop/catalog-5f7c9d8b6-m8wz2, container catalog: The node cannot resolve the registry host name');
    expect(dns).toContain('`cluster-resources/events/shop.json`, line 164:');
    const bodies = fences(dns);
    expect(bodies[0]).toEqual({ info: 'text', body: result.findings[1].evidence[0].excerpt });
    expect(bodies[0].body).toContain('dial tcp: lookup registry.acme.internal on 10.96.0.10:53: no such host');
    expect(bodies[1]).toEqual({ info: 'text', body: 'nameserver 10.96.0.10' });
    const disk = section(md, '### 1. ml/trainer-5b9c8d7f6-xw4qp, container trainer: The node ran out of disk space (or inodes) while pulling');
    expect(disk).toContain('`host-collectors/worker-3/run-host/df.txt`, line 4:');
    expect(fences(disk)[1].body).toBe('/dev/nvme0n1p1  100G   99G  1.1G  99% /');
    const secret = section(md, "### 3. shop/checkout-6b8d9f7c4-4kq2n, container checkout: The pod's pull secret has no credentials for ghcr.io");
    expect(secret).toContain('`cluster-resources/image-pull-secrets/shop/regcred.json`, line 1:');
  });

  it('gives commands as sh blocks in order, text steps as list items, and verify steps', () => {
    const secret = section(md, "### 3. shop/checkout-6b8d9f7c4-4kq2n, container checkout: The pod's pull secret has no credentials for ghcr.io");
    const sh = fences(secret).filter((f) => f.info === 'sh');
    expect(sh.map((f) => f.body)).toEqual([
      "kubectl -n shop create secret docker-registry ghcr-pull --docker-server=ghcr.io --docker-username=<github-user> --docker-password='<token with read:packages>'\n" +
        'kubectl -n shop patch serviceaccount default -p \'{"imagePullSecrets":[{"name":"regcred"},{"name":"ghcr-pull"}]}\'',
      'kubectl -n shop delete pod checkout-6b8d9f7c4-4kq2n',
      'kubectl -n shop get pod -l app=checkout -w',
    ]);
    const fix = secret.slice(secret.indexOf('**Fix:**'), secret.indexOf('**Verify:**'));
    expect(fix.indexOf('- Add ghcr.io credentials')).toBeLessThan(fix.indexOf('ghcr-pull --docker-server'));
    expect(fix.indexOf('ghcr-pull --docker-server')).toBeLessThan(fix.indexOf('- Then delete the pod'));
    expect(secret).toContain('- The new pod reaches Running without a Failed event.');
    expect(secret).toContain('- <https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/>');
  });

  it('lists each check that could not run with the command that captures the data', () => {
    const nc = section(md, '## Not checked');
    expect(nc).toContain('**Pull progress in the kubelet journal** (rule `msg-pull-stalled-journal`): the bundle has no kubelet or containerd journal for node worker-3. Applies to node worker-3.');
    expect(fences(nc).map((f) => f.body)).toEqual([result.notChecked[0].capture, result.notChecked[1].capture]);
  });

  it('ends with the inventory: files with counts, unrecognized files, warnings with file:line, nodes', () => {
    const inv = md.slice(md.indexOf('## Appendix: inventory'));
    expect(inv).toContain('**Totals:** 4 pods, 7 containers, 40 events, 3 nodes');
    expect(inv).toContain('| `cluster-resources/pods/ml.json` | pods | pods 1, containers 3 |');
    expect(inv).toContain('- `host-collectors/worker-1/run-host/hosts.txt`');
    expect(inv).toContain('- `host-collectors/worker-1/run-host/df.txt:9`: df row has 5 columns, expected 6: skipped');
    expect(inv).toContain('- no version.yaml: capture time taken from the archive name');
    // result.warnings duplicates inventory.warnings: each shown once
    expect(inv.match(/df row has 5 columns/g)).toHaveLength(1);
    expect(inv).toContain('| `worker-3` | linux/amd64 | containerd\\://1.7.13 | v1.29.4 | DiskPressure=True (KubeletHasDiskPressure) | / 99% used |');
    for (const t of tables(inv)) {
      const rows = rowsOf(t);
      expect(new Set(rows).size).toBe(1);
    }
  });

  it('has no trailing spaces, tabs, control characters or doubled blank lines, and ends with one newline', () => {
    expect(md).not.toMatch(/[ \t]$/m);
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(md).not.toContain('\n\n\n');
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });

  it('matches the golden report', () => {
    expectGolden('report/golden/incident.md', md);
  });

  it('bounds evidence per finding', () => {
    const short = renderMarkdown([result], { maxEvidencePerFinding: 1 });
    expect(short).toContain('… and 2 more evidence quotes (see the JSON output).');
    expect(lintErrors(short)).toEqual([]);
  });
});

describe('renderMarkdown: hostile bundle text', () => {
  const md = renderMarkdown([hostileResult()]);

  it('passes markdownlint', () => {
    expect(lintErrors(md)).toEqual([]);
  });

  it('leaks no credential', () => {
    for (const c of CANARIES) expect(md).not.toContain(c);
    expect(md).toContain('Authorization: Bearer ***REDACTED***');
    expect(md).toContain('"password":"***REDACTED***"');
    // a placeholder in a command stays usable
    expect(md).toContain("--docker-password='<password>'");
  });

  it('keeps no terminal escape or control character', () => {
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(md).not.toContain('52;c;');
    expect(md).not.toContain('owned title');
  });

  it('renders no HTML, link, image, emphasis or bare autolink from bundle text', () => {
    const types = flatten(parseTokens(md)).map((t) => t.type);
    for (const bad of ['htmlText', 'htmlFlow', 'link', 'image', 'emphasis', 'strikethrough', 'literalAutolink', 'characterReference', 'blockQuote', 'listOrdered']) {
      expect(types, bad).not.toContain(bad);
    }
    // `strong` only from the report's own labels
    const strong = flatten(parseTokens(md)).filter((t) => t.type === 'strong').map((t) => t.text);
    for (const s of strong) expect(s).toMatch(/^\*\*([A-Za-z0-9][A-Za-z0-9 ()-]*:|Check \\`with\\` \\\| pipes)\*\*$/);
    // the only autolink is the one safe reference
    const autolinks = flatten(parseTokens(md)).filter((t) => t.type === 'autolink').map((t) => t.text);
    expect(autolinks).toEqual(['<https://example.com/ok>']);
    expect(md).toContain('- `javascript:alert(1)`');
  });

  it('lets no bundle text create a heading', () => {
    const hs = headings(md).map((h) => h.depth);
    expect(hs).toEqual([1, 2, 2, 3, 2, 2]);
    expect(headings(md)[0].text).toBe('podmortem report: evil\\|bundle\\`\\<script\\> \\# injected');
  });

  it('keeps every table row at its column count', () => {
    const ts = tables(md);
    expect(ts.length).toBe(2);
    expect(rowsOf(ts[0])).toEqual([6, 6, 6]);
    expect(rowsOf(ts[1])).toEqual([3, 3]);
  });

  it('keeps fenced text inside its fence', () => {
    const fs = fences(md);
    expect(fs.map((f) => f.info)).toEqual(['text', 'text', 'sh', 'sh', 'sh']);
    expect(fs[0].body).toContain('```\nfence break\n````\n<img src=x onerror=alert(1)>');
    expect(fs[2].body).toContain('```\n# escaped the fence?');
    expect(fs[4].body).toBe("kubectl get secret -o json | jq '.items[] | {name: .metadata.name}'\n```sh\necho pwned");
  });

  it('matches the golden report', () => {
    expectGolden('report/golden/hostile.md', md);
  });
});

describe('renderMarkdown: several bundles and edge cases', () => {
  it('gives each bundle its own section under one title', () => {
    const md = renderMarkdown([incidentResult(), hostileResult()]);
    expect(lintErrors(md)).toEqual([]);
    const hs = headings(md);
    expect(hs.filter((h) => h.depth === 1).map((h) => h.text)).toEqual(['podmortem report: 2 bundles']);
    expect(hs.filter((h) => h.depth === 2).map((h) => h.text)).toEqual([
      'Bundle 1: support-bundle-2025-03-11T09_14_02',
      'Bundle 2: evil\\|bundle\\`\\<script\\> \\# injected',
    ]);
    expect(hs.filter((h) => h.text === 'Summary').map((h) => h.depth)).toEqual([3, 3]);
    expect(hs.some((h) => h.depth > 6)).toBe(false);
  });

  it('renders an empty list and a bundle with nothing found', () => {
    expect(renderMarkdown([])).toBe('# podmortem report\n\nNo bundle was analyzed.\n');
    const empty: AnalysisResult = {
      ...incidentResult(),
      findings: [],
      notChecked: [],
      warnings: [],
      pods: [],
      nodes: [],
      inventory: { layout: 'empty', artifacts: [], counts: { pods: 0, containers: 0, events: 0, nodes: 0, serviceAccounts: 0, pullSecrets: 0, nodeFiles: 0 }, unrecognized: [], warnings: [] },
    };
    const md = renderMarkdown([empty]);
    expect(lintErrors(md)).toEqual([]);
    expect(md).toContain('No failing pod or container was found.');
    expect(md).toContain('No rule found a problem in this bundle.');
    expect(md).toContain('Every rule had the data it needs.');
    expect(md).toContain('No file of the bundle was recognized.');
  });

  it('does not throw on a finding read back from JSON without its optional arrays', () => {
    const r = incidentResult();
    const f = r.findings[0] as unknown as Record<string, unknown>;
    for (const k of ['evidence', 'remediation', 'remediationSteps', 'verify', 'references']) delete f[k];
    const md = renderMarkdown([r]);
    expect(md).toContain('No source line was recorded for this finding.');
    expect(lintErrors(md)).toEqual([]);
  });

  it('stays bounded and lint-clean for a large bundle', () => {
    const base = incidentResult();
    const pods = Array.from({ length: 5000 }, (_, i) => ({
      namespace: 'load',
      name: `api-${i}`,
      status: 'ImagePullBackOff',
      containers: [{ name: 'api', init: false, image: 'registry.acme.internal/acme/api:1', status: 'ImagePullBackOff' }],
    }));
    const t0 = performance.now();
    const md = renderMarkdown([{ ...base, pods }], { maxListItems: 100 });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(md).toContain('… and 4904 more rows (see the JSON output).');
    expect(lintErrors(md)).toEqual([]);
  });
});
