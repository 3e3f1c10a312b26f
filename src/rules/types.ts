/** Compiled rules: what loadRules produces and evaluate consumes. */
import type { RE2JS } from 're2js';
import type { Capability } from '../model/types.js';
import type { Category, Severity } from '../findings/types.js';

export type RuleScope = 'container' | 'pod' | 'node' | 'bundle';
export type RuleStage = 'message' | 'context';
export type AppliesTo = 'pull-failure' | 'all';

export type Operator =
  | { op: 'equals'; value: string | number | boolean }
  | { op: 'in'; values: (string | number | boolean)[] }
  | { op: 'regex'; re: RE2JS; groups: string[] }
  | { op: 'contains'; value: string }
  | { op: 'exists'; value: boolean }
  | { op: 'empty'; value: boolean }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: number };

export interface Predicate {
  kind: 'predicate';
  /** pre-split field path */
  path: string[];
  field: string;
  test: Operator;
}

export interface Block {
  kind: 'block';
  all?: Condition[];
  any?: Condition[];
  none?: Condition[];
}

export type Condition = Predicate | Block;

/** A template split once into literal text and lookups. */
export type TemplatePart = string | { path: string[]; name: string; fallback?: string };
export type Template = TemplatePart[];

export interface StepTemplate {
  kind: 'text' | 'command';
  template: Template;
}

export interface RuleTestExpect {
  subject: string;
  fires: boolean;
  primary?: boolean;
  capture?: Record<string, string>;
}

export interface RuleTest {
  /** absolute path of the sample bundle */
  bundle: string;
  /** as written in the rule file */
  bundleAsWritten: string;
  expect: RuleTestExpect[];
  line?: number;
}

export interface CompiledRule {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  scope: RuleScope;
  stage: RuleStage;
  appliesTo: AppliesTo;
  specificity: number;
  requires: Capability[];
  match: Block;
  captures: { name: string; path: string[] }[];
  message: Template;
  remediation: StepTemplate[];
  verify: StepTemplate[];
  references: string[];
  evidence: string[][];
  tests: RuleTest[];
  /** the rule file, as given (relative to the cwd when the dir was relative) */
  file: string;
}

export interface RuleSet {
  rules: CompiledRule[];
  /** the directories the rules came from */
  dirs: string[];
}

export interface RuleProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export class RuleLoadError extends Error {
  readonly problems: RuleProblem[];
  constructor(problems: RuleProblem[]) {
    const first = problems[0];
    super(first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : 'rule load error');
    this.name = 'RuleLoadError';
    this.problems = problems;
  }
}
