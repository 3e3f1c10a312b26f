import { describe, expect, it } from 'vitest';
import { loadRules, runRuleTests } from '../../src/rules/index.js';
import { loadSample } from './load-sample.js';

describe('context rules against their samples', () => {
  it('every inline test expectation of every ctx- rule holds', async () => {
    // message rules run too: context rules read their verdict
    const rules = loadRules(['rules']);
    const report = await runRuleTests(rules, loadSample);
    const mine = report.results.filter((r) => r.rule.startsWith('ctx-'));
    expect(mine.length).toBeGreaterThan(40);
    expect(mine.filter((r) => !r.ok).map((r) => `${r.rule} @ ${r.bundle} ${r.subject}: ${r.message}`)).toEqual([]);
  }, 60_000);
});
