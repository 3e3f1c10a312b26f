import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from './run-cli.js';

const USER_RULES = 'test/fixtures/cli/user-rules';
// the same one-pod bundle as rate-limited, with a (made-up) Harbor quota refusal instead of the 429
const HARBOR_QUOTA = 'test/fixtures/cli/harbor-quota';
const QUOTA_POD = { kind: 'container', namespace: 'ml', name: 'feature-cache-6b7c8d9f5-k2p4r', container: 'feature-cache' };

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'podmortem-rules-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeRuleDir(name: string, file: string, text: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, file), text);
  return dir;
}

const builtinIds = () =>
  readdirSync(join(ROOT, 'rules'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => (parse(readFileSync(join(ROOT, 'rules', f), 'utf8')) as { id: string }).id)
    .sort();

describe.concurrent('built-in rules', () => {
  it('rules test runs every inline test: exit 0, "N passed, 0 failed"', { timeout: 120_000 }, async () => {
    const r = await runCli(['rules', 'test']);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    const m = /^(\d+) passed, 0 failed$/m.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    // every rule has at least one expectation
    expect(Number(m![1])).toBeGreaterThanOrEqual(builtinIds().length);
    expect(r.stdout).not.toMatch(/^FAIL /m);
  });

  it('rules lint: exit 0 and no errors', async () => {
    const r = await runCli(['rules', 'lint']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toMatch(/: error: /);
    expect(r.stdout).toMatch(/^(rules are valid|0 error\(s\), \d+ warning\(s\))$/m);
  });

  it('rules list names every rule id of rules/*.yaml, once, and the count', async () => {
    const r = await runCli(['rules', 'list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +CATEGORY +SEVERITY +SCOPE +TITLE$/);
    const ids = builtinIds();
    expect(lines.at(-1)).toBe(`${ids.length} rules`);
    expect(lines.slice(1, -1).map((l) => l.split(/\s+/)[0]).sort()).toEqual(ids);
  });

  it('rules list --format json has id, category and severity of each rule', async () => {
    const r = await runCli(['rules', 'list', '--format', 'json']);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as { id: string; category: string; severity: string }[];
    expect(rules.map((x) => x.id).sort()).toEqual(builtinIds());
    const server = rules.find((x) => x.id === 'msg-registry-error-server');
    expect(server).toMatchObject({ category: 'registry-error', severity: 'critical' });
  });
});

describe.concurrent('user rules with --rules', () => {
  it('without the user rule the Harbor quota refusal is unclassified', async () => {
    const r = await runCli(['analyze', HARBOR_QUOTA, '--format', 'json']);
    expect(r.code).toBe(0); // only a warning
    const findings = JSON.parse(r.stdout).findings;
    expect(findings.map((f: { rule: string }) => f.rule)).toEqual(['msg-unknown-unclassified']);
  });

  it('a new root cause written only in YAML fires, becomes the primary cause and counts in the rules version', async () => {
    const r = await runCli(['analyze', HARBOR_QUOTA, '--rules', USER_RULES, '--format', 'json']);
    expect(r.code).toBe(1); // the user rule is critical
    const doc = JSON.parse(r.stdout);
    const primary = doc.findings.filter((f: { primary: boolean }) => f.primary);
    expect(primary).toHaveLength(1);
    expect(primary[0]).toMatchObject({ rule: 'site-registry-error-harbor-quota', category: 'registry-error', severity: 'critical', subject: QUOTA_POD, captures: { project: 'ml' } });
    expect(primary[0].message).toContain('harbor.acme.io refused harbor.acme.io/ml/feature-cache:3.2.0 because project ml is over its storage quota');
    expect(primary[0].evidence[0]).toMatchObject({ file: 'ml/events.json', line: 84 });
    expect(primary[0].remediation[0]).toContain('Raise the quota of project ml');
    expect(doc.tool.rulesVersion).toMatch(new RegExp(`^${builtinIds().length + 1} rules, `));
  });

  it('the user rule does not fire where its message is absent', async () => {
    const r = await runCli(['analyze', 'test/fixtures/cli/rate-limited', '--rules', USER_RULES, '--format', 'json']);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['msg-rate-limited-registry']);
  });

  it('rules lint and rules test accept the user folder', async () => {
    const [lint, test] = await Promise.all([runCli(['rules', 'lint', USER_RULES]), runCli(['rules', 'test', USER_RULES])]);
    expect(lint.code, lint.stdout).toBe(0);
    expect(test.code, test.stdout).toBe(0);
    expect(test.stdout.trim()).toBe('2 passed, 0 failed');
  });

  it('a rule file that breaks the schema: exit 2, file:line:col of the bad value', async () => {
    const dir = writeRuleDir(
      'bad-category',
      'bad.yaml',
      ['id: bad-category', 'title: Bad', 'category: not-a-category', 'severity: critical', 'scope: container', 'stage: message', 'specificity: 10', 'match:', '  any:', '    - field: pull.cause', "      regex: 'x'", 'message: m', 'remediation: []', ''].join('\n'),
    );
    const r = await runCli(['analyze', 'samples/msg-auth', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(dir, 'bad.yaml')}:3:11: category`);
  });

  it('a rule regex re2 cannot run is refused with its position', async () => {
    const dir = writeRuleDir(
      'backref',
      'backref.yaml',
      ['id: backref', 'title: Backreference', 'category: unknown', 'severity: warning', 'scope: container', 'stage: message', 'specificity: 10', 'match:', '  any:', '    - field: pull.cause', "      regex: '(a+)\\1'", 'message: m', 'remediation: []', ''].join('\n'),
    );
    const r = await runCli(['analyze', 'samples/msg-auth', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^podmortem: ${join(dir, 'backref.yaml').replace(/[.]/g, '\\.')}:11:\\d+: `));
  });

  // yaml leaves linePos unset with prettyErrors: false; the position must come from the error offset, not 1:1
  it('a YAML syntax error: exit 2, file:line:col where the error is', async () => {
    const dir = writeRuleDir('syntax', 'broken.yaml', ['id: broken', 'title: Broken', 'category: registry-error', 'severity: critical', 'scope: container', 'match:', '  any:', '    - field: pull.cause', '      regex: "unterminated', ''].join('\n'));
    const r = await runCli(['analyze', 'samples/msg-auth', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Missing closing "quote');
    expect(r.stderr).toMatch(/broken\.yaml:(9|10):\d+: YAML: /);
  });
});
