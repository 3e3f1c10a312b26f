import { describe, expect, it } from 'vitest';
import { lintRules, listRules, loadRules, RuleLoadError } from '../../src/rules/index.js';

const F = 'test/fixtures/rules';

function loadError(dir: string): RuleLoadError {
  try {
    loadRules([`${F}/${dir}`]);
  } catch (e) {
    if (e instanceof RuleLoadError) return e;
    throw e;
  }
  throw new Error('expected a RuleLoadError');
}

describe('loadRules', () => {
  it('loads and lists valid rules in file order', () => {
    const rs = loadRules([`${F}/good`]);
    expect(listRules(rs).map((r) => r.id)).toEqual([
      'auth-missing-basic',
      'node-image-store-full',
      'generic-pull-failure',
      'image-tag-not-found',
      'pull-secret-wrong-registry',
    ]);
    const r = rs.rules.find((x) => x.id === 'image-tag-not-found')!;
    expect(r.appliesTo).toBe('pull-failure');
    expect(r.stage).toBe('message');
    expect(r.tests[0].bundle.endsWith('test/fixtures/samples/missing-tag')).toBe(true);
    expect(rs.rules.find((x) => x.id === 'node-image-store-full')!.appliesTo).toBe('all');
  });

  it('names file, line and column of an unknown key', () => {
    const e = loadError('bad-key');
    expect(e.message).toBe(`${F}/bad-key/x.yaml:11:7: match.all[0]: unknown key "regexp"`);
  });

  it('rejects a regex re2 cannot compile, at the regex line', () => {
    const e = loadError('bad-regex');
    expect(e.message).toMatch(new RegExp(`^${F}/bad-regex/x.yaml:13:14: regex does not compile`));
  });

  it('rejects an unknown field path', () => {
    expect(loadError('bad-field').message).toBe(`${F}/bad-field/x.yaml:10:16: unknown field path "pull.causes" for scope container (see docs/rule-language.md)`);
  });

  it('rejects an unknown template variable but accepts regex group captures', () => {
    const e = loadError('bad-template');
    expect(e.problems).toHaveLength(1);
    expect(e.message).toBe(`${F}/bad-template/x.yaml:11:10: unknown template variable "{{ registy }}": not a capture of this rule nor a container field path`);
  });

  it('rejects duplicate ids across directories', () => {
    expect(() => loadRules([`${F}/dup-a`, `${F}/dup-b`])).toThrow(`${F}/dup-b/y.yaml:2:5: duplicate rule id "same-id" (also in ${F}/dup-a/x.yaml)`);
  });

  it('reports YAML syntax errors with a position', () => {
    expect(loadError('bad-yaml').message).toMatch(new RegExp(`^${F}/bad-yaml/x.yaml:\\d+:\\d+: YAML: `));
  });

  it('names a missing directory', () => {
    expect(() => loadRules([`${F}/nope`])).toThrow(/cannot read rule directory/);
  });
});

describe('lintRules', () => {
  it('warns about rules without positive and negative tests', () => {
    const problems = lintRules([`${F}/good`]);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    const ids = problems.map((p) => p.message);
    expect(ids).toContain('rule generic-pull-failure has no positive test (an expectation with fires: true)');
    expect(ids.some((m) => m.includes('image-tag-not-found'))).toBe(false);
  });

  it('collects every error rather than the first', () => {
    const problems = lintRules([`${F}/bad-field`, `${F}/bad-key`]).filter((p) => p.severity === 'error');
    expect(problems.map((p) => p.line)).toEqual([10, 11]);
  });
});
