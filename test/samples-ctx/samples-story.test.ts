import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, NotChecked } from '../../src/findings/types.js';
import { evaluate, loadRules, type RuleSet } from '../../src/rules/index.js';
import { loadSample } from './load-sample.js';

let rules: RuleSet;
beforeAll(() => {
  rules = loadRules(['rules']);
});

async function analyze(bundle: string): Promise<{ findings: Finding[]; notChecked: NotChecked[] }> {
  return evaluate(await loadSample(bundle), rules);
}

/** subject id -> category of its primary finding */
function primaries(findings: Finding[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findings) {
    if (!f.primary) continue;
    const s = f.subject;
    const id = s.kind === 'node' ? s.name : [s.namespace, s.name, s.container].filter(Boolean).join('/');
    out[id] = `${f.category} (${f.rule})`;
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('samples/default: the README showcase', () => {
  it('names a different, specific cause for each failing pod and leaves the healthy ones alone', async () => {
    const { findings } = await analyze('samples/default');
    const p = primaries(findings);
    expect(p).toMatchObject({
      'shop/checkout-api-7d9c6b5f4d-x2x9k/checkout-api': 'pull-secret-wrong-registry (ctx-pull-secret-wrong-registry)',
      'shop/catalog-sync-5f8b9c7d6-qp4lz/catalog-sync': 'image-not-found (ctx-image-not-found-closest-tag)',
      'shop/storefront-web-6c9d8f7b45-m2kdt/web': 'registry-dns (ctx-dns-nxdomain-node-resolver)',
      'shop/recommendations-84d6f9c5b7-vw8rx/model-server': 'disk-pressure (ctx-disk-pressure-node-condition)',
      'shop/pdf-export-7b5c4d9f8-hj6tn/pdf-export': 'platform-mismatch (ctx-platform-image-platforms)',
      'ip-10-0-2-57.eu-west-1.compute.internal': 'disk-pressure (ctx-disk-pressure-node-condition)'.replace('ctx-disk-pressure-node-condition', 'ctx-disk-node-pressure'),
    });
    for (const healthy of ['cart-api-69f7d8c5b-2xkqp', 'search-api-5d7f9b8c6-7rwzn', 'coredns-5b9dfbf96-l7x2c']) {
      expect(findings.filter((f) => f.subject.name === healthy), healthy).toEqual([]);
    }
    expect(findings.some((f) => f.subject.name === 'ip-10-0-1-23.eu-west-1.compute.internal')).toBe(false);
  });

  it('cites the exact evidence lines: the secret key, the tag list, the resolv.conf nameserver, the condition and df rows', async () => {
    const { findings } = await analyze('samples/default');
    const ev = (rule: string) => findings.find((f) => f.rule === rule && f.primary)?.evidence ?? [];
    const excerpts = (rule: string) => ev(rule).map((e) => `${e.file}:${e.line ?? ''} ${e.excerpt}`).join('\n');
    expect(excerpts('ctx-pull-secret-wrong-registry')).toMatch(/secrets\.json:\d+ regcred: https:\/\/index\.docker\.io\/v1\/ \(user acmebot\)/);
    expect(excerpts('ctx-dns-nxdomain-node-resolver')).toMatch(/nodes\/ip-10-0-1-23\.eu-west-1\.compute\.internal\/resolv\.conf:17 nameserver 10\.0\.0\.2/);
    expect(excerpts('ctx-disk-pressure-node-condition')).toMatch(/nodes\/ip-10-0-2-57[^\n]*df\.txt:5 [^\n]*94% used, mounted on \//);
    expect(excerpts('ctx-image-not-found-closest-tag')).toMatch(/registry\/shop-catalog-sync\.tags\.json/);
    const resolvLine = readFileSync('samples/default/podmortem-bundle/nodes/ip-10-0-1-23.eu-west-1.compute.internal/resolv.conf', 'utf8').split('\n')[16];
    expect(resolvLine).toBe('nameserver 10.0.0.2');
  });

  it('renders remediation with the real names', async () => {
    const { findings } = await analyze('samples/default');
    const f = findings.find((x) => x.rule === 'ctx-image-not-found-closest-tag')!;
    expect(f.remediation).toContain(
      'kubectl -n shop set image Deployment/catalog-sync catalog-sync=123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/catalog-sync:1.8.2',
    );
    const p = findings.find((x) => x.rule === 'ctx-platform-image-platforms')!;
    expect(p.message).toContain('linux/amd64');
    expect(p.message).toContain('arm64');
  });
});

describe('credentials never leave the samples', () => {
  // the fake credentials planted in the samples (user, password)
  const planted: [string, string, boolean?][] = [
    ['acmebot', 'FAKE-pw-ctx-default-regcred'],
    ['acme-ci', 'FAKE-pw-ctx-default-ghcr'],
    ['acmeshopci', 'FAKE-pw-ctx-loose-dockerhub'],
    ['AWS', 'FAKE-pw-ctx-auth-ecr-token-eyJwYXlsb2FkIjoiZmFrZSJ9'],
    ['acme-billing-bot', 'FAKE-pw-ctx-auth-ghcr'],
    ['robot$platform+docs', 'FAKE-pw-ctx-dns-harbor'],
    // pasted as raw JSON under data: (not base64), no auth field
    ['robot$finance+payout', 'FAKE-pw-ctx-auth-harbor-rawjson', false],
  ];

  it('the samples really contain those credentials (so the check below can fail)', () => {
    const decoded = filesUnder('samples')
      .filter((f) => !f.endsWith('.tar.gz'))
      .map((f) => readFileSync(f, 'utf8'))
      .map((t) => t + [...t.matchAll(/"\.dockerconfigjson": "([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('\n'))
      .join('\n');
    for (const [user, pw, hasAuth = true] of planted) {
      expect(decoded).toContain(pw);
      if (hasAuth) expect(decoded).toContain(Buffer.from(`${user}:${pw}`).toString('base64'));
    }
  });

  it('no finding, capture, evidence or not-checked entry contains a password or an auth value', async () => {
    for (const bundle of ['samples/default', 'samples/ctx-loose-files', 'samples/ctx-auth-refine', 'samples/ctx-dns', 'samples/ctx-troubleshoot.tar.gz']) {
      const text = JSON.stringify(await analyze(bundle));
      expect(text.length).toBeGreaterThan(1000);
      for (const [user, pw] of planted) {
        expect(text, bundle).not.toContain(pw);
        expect(text, bundle).not.toContain(Buffer.from(`${user}:${pw}`).toString('base64'));
      }
    }
  });
});

describe('a bundle without node data', () => {
  it('reports the node-dependent rules as not checked, with the capture command, instead of passing them', async () => {
    const { findings, notChecked } = await analyze('samples/ctx-no-node-data');
    const nc = (rule: string) => notChecked.filter((n) => n.rule === rule);
    for (const rule of ['ctx-disk-pressure-node-condition', 'ctx-platform-node-arch', 'ctx-disk-image-store-full']) {
      expect(nc(rule).length, rule).toBeGreaterThan(0);
    }
    expect(nc('ctx-platform-node-arch')[0].capture).toContain('kubectl get nodes -o json');
    expect(nc('ctx-disk-image-store-full')[0].capture).toContain('df -h');
    // what the text alone proves still comes through
    const p = primaries(findings);
    expect(p['billing/invoice-renderer-6c7d8b9f5-w2m4q/invoice-renderer']).toBe('registry-dns (ctx-dns-cluster-only-host)');
    expect(p['billing/audit-shipper-7d8e9f6c5-b3v6n/audit-shipper']).toBe('image-not-found (ctx-image-not-found-implicit-latest)');
    expect(p['billing/pdf-archiver-5f6b7c8d9-t7k2j/pdf-archiver']).toMatch(/^disk-pressure \(msg-/);
    expect(p['billing/edge-agent-7b8c9d6f5-m5x8c/edge-agent']).toMatch(/^platform-mismatch \(msg-/);
  });
});

describe('evidence points at real lines', () => {
  const dirs = ['samples/default', 'samples/ctx-loose-files', 'samples/ctx-dns', 'samples/ctx-auth-refine', 'samples/ctx-cluster-info-dump', 'samples/ctx-no-node-data', 'samples/ctx-troubleshoot'];
  it('every cited line of a context finding exists, and quoted event / resolv.conf / df lines are on that line', async () => {
    let checked = 0;
    for (const dir of dirs) {
      const { findings } = await analyze(dir);
      for (const f of findings.filter((x) => x.rule.startsWith('ctx-'))) {
        for (const e of f.evidence) {
          const lines = readFileSync(join(dir, e.file), 'utf8').split('\n');
          // a whole-file citation (e.g. a resolv.conf with no nameserver line) has no line
          if (e.line === undefined) continue;
          expect(e.line!, `${f.rule} ${e.file}`).toBeLessThanOrEqual(lines.length);
          const text = lines[e.line! - 1].replace(/\\"/g, '"');
          if (/^(Failed to pull image|Back-off pulling image|Unable to retrieve|Failed to garbage collect)/.test(e.excerpt) || e.excerpt.startsWith('nameserver ')) {
            expect(text, `${f.rule} ${e.file}:${e.line}`).toContain(e.excerpt.slice(0, 60));
            checked++;
          }
          const df = /^(\S+) (\d+)% used, mounted on (\S+)$/.exec(e.excerpt);
          if (df) {
            expect(text, `${f.rule} ${e.file}:${e.line}`).toMatch(new RegExp(`^${df[1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s.*\\s${df[2]}%\\s+${df[3].replace(/\//g, '\\/')}$`));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
