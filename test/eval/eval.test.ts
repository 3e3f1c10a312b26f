import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadRules } from '../../src/rules/index.js';
import { parseCases } from '../../src/eval/cases.js';
import { evaluateCases, formatReport } from '../../src/eval/evaluate-cases.js';
import { DEFAULT_CASES, DEFAULT_RULES } from '../../src/eval/run-eval.js';

// Accuracy gate on the labelled development set (../shared/cases/messages.jsonl), with every rule
// of rules/ (message and context), exactly what `npm run eval` measures.
describe('eval on the labelled message corpus', () => {
  it('classifies at least 95% of the cases as labelled', { timeout: 60_000 }, async () => {
    const { cases, warnings } = parseCases(readFileSync(DEFAULT_CASES, 'utf8'), DEFAULT_CASES);
    expect(warnings).toEqual([]);
    expect(cases.length).toBe(199);
    const report = await evaluateCases(cases, loadRules([DEFAULT_RULES]));
    expect(report.total).toBe(199);
    expect(report.warnings).toEqual([]);
    // the labels say what the message alone supports: the message rules must reproduce them
    expect(report.messageAccuracy, formatReport(report)).toBeGreaterThanOrEqual(0.95);
    expect(report.accuracy, formatReport(report)).toBeGreaterThanOrEqual(0.95);
  });
});
