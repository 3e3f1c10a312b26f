import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluate, loadRules, runRuleTests, subjectKey, type RuleSet } from '../../src/rules/index.js';
import { CATEGORIES } from '../../src/findings/types.js';
import { loadBundle } from '../../src/ingest/index.js';

const loadSampleDir = async (path: string) => (await loadBundle(path)).model;

const ROOT = resolve(import.meta.dirname, '../..');
let scratch = '';
let rules: RuleSet;

// Only the msg-* rules, copied next to a link to samples/ (their tests name ../samples/...),
// so that another engineer's rule in progress cannot break these tests.
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pm-msg-rules-'));
  symlinkSync(join(ROOT, 'samples'), join(scratch, 'samples'));
  mkdirSync(join(scratch, 'rules'));
  for (const f of readdirSync(join(ROOT, 'rules'))) {
    if (f.startsWith('msg-') && f.endsWith('.yaml')) copyFileSync(join(ROOT, 'rules', f), join(scratch, 'rules', f));
  }
  rules = loadRules([join(scratch, 'rules')]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('message rules', () => {
  it('every inline rule test passes on the message samples', async () => {
    const report = await runRuleTests(rules, loadSampleDir);
    const failures = report.results.filter((r) => !r.ok).map((r) => `${r.rule} ${r.subject}: ${r.message}`);
    expect(failures).toEqual([]);
    expect(report.passed).toBeGreaterThan(80);
  });

  it('their tests still pass with every rule of rules/ loaded (context rules may refine, never contradict them)', async () => {
    const all = loadRules([join(ROOT, 'rules')]);
    const onlyMessageTests = { ...all, rules: all.rules.map((r) => (r.id.startsWith('msg-') ? r : { ...r, tests: [] })) };
    const report = await runRuleTests(onlyMessageTests, loadSampleDir);
    expect(report.results.filter((r) => !r.ok).map((r) => `${r.rule} ${r.subject}: ${r.message}`)).toEqual([]);
  });

  it('every rule has a positive and a negative expectation', () => {
    for (const r of rules.rules) {
      const all = r.tests.flatMap((t) => t.expect);
      expect(all.some((e) => e.fires), r.id).toBe(true);
      expect(all.some((e) => !e.fires), r.id).toBe(true);
    }
  });

  it('ids and file names follow msg-<category>-<variant>', () => {
    for (const r of rules.rules) {
      expect(r.file.endsWith(`${r.id}.yaml`), r.id).toBe(true);
      expect(r.id.startsWith(`msg-${r.category}-`), r.id).toBe(true);
    }
  });

  it('covers every category a message alone can decide', () => {
    const needsBundle = new Set(['pull-secret-wrong-registry', 'pull-secret-malformed']);
    const have = new Set(rules.rules.map((r) => r.category));
    for (const c of CATEGORIES) if (!needsBundle.has(c)) expect(have.has(c), c).toBe(true);
  });
});

describe('message samples', () => {
  const samples = readdirSync(join(ROOT, 'samples')).filter((d) => d.startsWith('msg-'));

  it('every category the rules own is the primary finding somewhere in the samples', async () => {
    const primaries = new Set<string>();
    for (const s of samples) {
      const model = await loadSampleDir(join(ROOT, 'samples', s));
      for (const f of evaluate(model, rules).findings) if (f.primary) primaries.add(f.category);
    }
    for (const c of new Set(rules.rules.map((r) => r.category))) expect(primaries.has(c), c).toBe(true);
  });

  it('read without parser warnings, and every failing container gets exactly one primary finding', async () => {
    for (const s of samples) {
      const model = await loadSampleDir(join(ROOT, 'samples', s));
      expect(model.warnings.map((w) => `${s}: ${w.file}:${w.line} ${w.message}`)).toEqual([]);
      const { findings } = evaluate(model, rules);
      const primaries = new Map<string, number>();
      for (const f of findings) if (f.primary) primaries.set(subjectKey(f.subject), (primaries.get(subjectKey(f.subject)) ?? 0) + 1);
      for (const pod of model.pods) {
        for (const c of pod.containers) {
          const key = `${pod.namespace}/${pod.name}/${c.name}`;
          const waiting = c.state?.waiting?.reason;
          if (waiting) expect(primaries.get(key), key).toBe(1);
          else expect(primaries.has(key), key).toBe(false);
        }
      }
    }
  });

  it('the rendered messages name the real subject and never leave a template placeholder', async () => {
    const model = await loadSampleDir(join(ROOT, 'samples', 'msg-auth'));
    const f = evaluate(model, rules).findings.find((x) => x.primary && x.subject.name === 'checkout-api-7d9c6b5f4d-x2x9k');
    expect(f?.category).toBe('auth-missing');
    expect(f?.message).toContain('123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    expect(f?.remediation.join('\n')).toContain(
      'kubectl create secret docker-registry <secret> --docker-server=123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    );
    expect(f?.remediation.join('\n')).toContain('-n payments');
    expect(f?.evidence.some((e) => e.file === 'payments/events.json' && (e.line ?? 0) > 0)).toBe(true);
    for (const s of samples) {
      for (const x of evaluate(await loadSampleDir(join(ROOT, 'samples', s)), rules).findings) {
        expect(x.message, x.rule).not.toContain('{{');
        for (const r of [...x.remediation, ...x.verify]) expect(r, x.rule).not.toContain('{{');
      }
    }
  });
});
