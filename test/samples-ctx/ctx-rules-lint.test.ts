import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintRules, loadRules } from '../../src/rules/index.js';

const ctxFiles = readdirSync('rules').filter((f) => f.startsWith('ctx-') && f.endsWith('.yaml'));

describe('context rule catalogue', () => {
  it('has one rule per file, all ids prefixed ctx-', () => {
    expect(ctxFiles.length).toBeGreaterThanOrEqual(15);
    const rules = loadRules(['rules']).rules.filter((r) => r.file.includes('/ctx-') || r.file.startsWith('ctx-'));
    expect(rules.map((r) => r.id).sort()).toEqual(ctxFiles.map((f) => f.replace(/\.yaml$/, '')).sort());
  });

  it('lints clean: no errors and no warnings (every rule has positive and negative tests)', () => {
    const problems = lintRules(['rules']).filter((p) => p.file.includes('ctx-'));
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('every context rule runs in the context stage and declares what it requires', () => {
    const rules = loadRules(['rules']).rules.filter((r) => r.id.startsWith('ctx-'));
    for (const r of rules) {
      expect(r.stage, r.id).toBe('context');
      expect(r.requires.length, r.id).toBeGreaterThan(0);
    }
  });
});
