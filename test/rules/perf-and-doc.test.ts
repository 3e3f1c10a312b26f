import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, loadRules } from '../../src/rules/index.js';
import { knownFields } from '../../src/rules/fields.js';
import { container, event, model, pod } from './helpers.js';

describe('docs/rule-language.md', () => {
  it('documents every field path the loader accepts', () => {
    const doc = readFileSync('docs/rule-language.md', 'utf8');
    const missing: string[] = [];
    for (const scope of ['container', 'pod', 'node', 'bundle'] as const) {
      const all = knownFields(scope);
      for (const f of all) {
        // object paths (`node.df`) are documented through their members
        if (all.some((g) => g.startsWith(`${f}.`))) continue;
        const variants = ['<Type>', '<key>'].map((w) => f.split('*').join(w));
        const segs = f.split('.');
        const suffixes = segs.map((_, i) => `.${segs.slice(i).join('.')}`);
        const ok = [...variants, ...suffixes].some((v) => doc.includes(`\`${v}\``) || doc.includes(`\`${v.replace(/^\./, '')}\``));
        if (!ok) missing.push(`${scope}: ${f}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('evaluate performance', () => {
  it('is linear: 100k pods, 20k failing, in well under the time budget', () => {
    const rules = loadRules(['test/fixtures/rules/good']);
    const pods = [];
    for (let i = 0; i < 100_000; i++) {
      const failing = i % 5 === 0;
      const img = `registry.acme.internal/team/app-${i % 50}:1.${i % 7}`;
      const msg = `Failed to pull image "${img}": rpc error: code = NotFound desc = failed to pull and unpack image "${img}": failed to resolve reference "${img}": ${img}: not found`;
      const c = failing
        ? container('app', img, { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${img}"` } }, [event('Failed', msg, { line: i })])
        : container('app', img, { running: {} });
      pods.push(pod(`ns-${i % 100}`, `app-${i}`, [c]));
    }
    const m = model(pods);
    const t0 = performance.now();
    const r = evaluate(m, rules);
    const ms = performance.now() - t0;
    console.log(`evaluate: 100k pods, 20k failing, ${rules.rules.length} rules: ${ms.toFixed(0)} ms, ${r.findings.length} findings`);
    expect(r.findings.filter((f) => f.primary)).toHaveLength(20_000);
    expect(ms).toBeLessThan(15_000);
  });
});
