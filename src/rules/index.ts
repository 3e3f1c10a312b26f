/** The rules engine: load, lint, list, evaluate and test declarative YAML rules. */
import type { RuleSet, RuleScope } from './types.js';
import type { Category, Severity } from '../findings/types.js';

export { loadRules, lintRules, snapshotRules, type LoadRulesOptions, type RuleSnapshot } from './load.js';
export { readBuiltinSnapshot } from './builtin-snapshot.js';
export { evaluate, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
export { compileRegexes } from './compile-regexes.js';
export { runRuleTests, subjectKey, type RuleTestReport, type RuleTestResult } from './test-runner.js';
export { normalizePullMessage, type NormalizedMessage, type PullFlag } from './normalize.js';
export { CAPABILITY_GAPS } from './capabilities.js';
export { isPullFailing, isPodPullFailing, pullFacts, PULL_WAITING_REASONS } from './pull.js';
export { RuleLoadError, type RuleSet, type CompiledRule, type RuleProblem, type RuleScope } from './types.js';

export interface RuleListing {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  scope: RuleScope;
  file: string;
}

export function listRules(rules: RuleSet): RuleListing[] {
  return rules.rules.map((r) => ({ id: r.id, title: r.title, category: r.category, severity: r.severity, scope: r.scope, file: r.file }));
}
