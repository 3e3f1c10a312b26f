/**
 * Reads rule files, validates them (YAML syntax, JSON Schema, regexes, field
 * paths, template variables, unique ids) and compiles them once. Every
 * problem carries the rule file, line and column.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { yaml } from '../common/lazy-yaml.js';
import { RE2JS } from 're2js';
import { isKnownField } from './fields.js';
import { parseTemplate, templateVariables } from './template.js';
import type { Capability } from '../model/types.js';
import type { Category, Severity } from '../findings/types.js';
import {
  RuleLoadError,
  type Block,
  type CompiledRule,
  type Condition,
  type Operator,
  type RuleProblem,
  type RuleScope,
  type RuleSet,
  type RuleTest,
  type StepTemplate,
  type Template,
} from './types.js';

const MAX_RULE_BYTES = 256 * 1024;
const MODELINE = '# yaml-language-server: $schema=';
const OPERATORS = ['equals', 'in', 'regex', 'contains', 'exists', 'empty', 'gt', 'gte', 'lt', 'lte'] as const;

const require = createRequire(import.meta.url);
let validator: ReturnType<AjvClass['compile']> | undefined;

function schemaValidator(): ReturnType<AjvClass['compile']> {
  if (!validator) {
    // schema/ is shipped next to dist/ and src/: two levels up from this file in both
    const schema = require('../../schema/rule.schema.json') as object;
    // loaded on first use: with the rules snapshot, analyze never needs it
    const { Ajv } = require('ajv') as typeof import('ajv');
    const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, verbose: true });
    validator = ajv.compile(schema);
  }
  return validator;
}

/** A rule file read and checked; `rule` is set when it had no errors. */
interface FileResult {
  file: string;
  problems: RuleProblem[];
  rule?: CompiledRule;
  idPos?: { line: number; column: number };
  /** the checked rule data and the lines its tests start on (to snapshot it) */
  checked?: RuleSnapshotEntry;
}

/**
 * A rule file already checked at build time, keyed by the SHA-256 of its text:
 * a file with exactly that text skips YAML parsing and schema validation (its
 * regexes and templates are still compiled). Lint never uses it.
 */
export interface RuleSnapshotEntry {
  raw: RawRule;
  idPos: { line: number; column: number };
  testLines: number[];
  /** each regex's named groups: with them, a regex is compiled when a rule first tests it, not at load */
  regexGroups?: Record<string, string[]>;
}

export interface RuleSnapshot {
  /** SHA-256 of the rule schema the entries were checked against */
  schema: string;
  entries: Record<string, RuleSnapshotEntry>;
}

export interface LoadRulesOptions {
  snapshot?: RuleSnapshot;
}

export function loadRules(dirs: string[], opts: LoadRulesOptions = {}): RuleSet {
  const snapshot = opts.snapshot && opts.snapshot.schema === schemaHash() ? opts.snapshot : undefined;
  const { rules, problems } = loadAll(dirs, snapshot);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new RuleLoadError(errors);
  return { rules, dirs: [...dirs] };
}

export function lintRules(dirs: string[]): RuleProblem[] {
  return loadAll(dirs).problems;
}

/** Snapshot of every rule file in `dir` that loads without error. */
export function snapshotRules(dir: string): RuleSnapshot {
  const entries: Record<string, RuleSnapshotEntry> = {};
  for (const name of ruleFileNames(dir)) {
    const file = join(dir, name);
    const r = loadFile(file);
    // only data that survives JSON unchanged (a YAML .inf would not)
    if (r.rule && r.checked && isDeepStrictEqual(JSON.parse(JSON.stringify(r.checked)), r.checked)) entries[sha256(readFileSync(file, 'utf8'))] = r.checked;
  }
  return { schema: schemaHash(), entries };
}

function ruleFileNames(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
}

let schemaSha: string | undefined;
function schemaHash(): string {
  schemaSha ??= sha256(readFileSync(require.resolve('../../schema/rule.schema.json'), 'utf8'));
  return schemaSha;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function loadAll(dirs: string[], snapshot?: RuleSnapshot): { rules: CompiledRule[]; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const rules: CompiledRule[] = [];
  const ids = new Map<string, string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = ruleFileNames(dir);
    } catch (e) {
      problems.push({ file: dir, line: 1, column: 1, message: `cannot read rule directory: ${(e as Error).message}`, severity: 'error' });
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      const r = loadFile(file, snapshot);
      problems.push(...r.problems);
      if (!r.rule) continue;
      const prev = ids.get(r.rule.id);
      if (prev) {
        problems.push({ file, line: r.idPos?.line ?? 1, column: r.idPos?.column ?? 1, message: `duplicate rule id "${r.rule.id}" (also in ${prev})`, severity: 'error' });
        continue;
      }
      ids.set(r.rule.id, file);
      rules.push(r.rule);
    }
  }
  return { rules, problems };
}

function loadFile(file: string, snapshot?: RuleSnapshot): FileResult {
  const problems: RuleProblem[] = [];
  const err = (line: number, column: number, message: string) => problems.push({ file, line, column, message, severity: 'error' });
  let text: string;
  try {
    if (statSync(file).size > MAX_RULE_BYTES) {
      err(1, 1, `rule file is larger than ${MAX_RULE_BYTES} bytes`);
      return { file, problems };
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    err(1, 1, `cannot read rule file: ${(e as Error).message}`);
    return { file, problems };
  }
  const known = snapshot?.entries[sha256(text)];
  if (known) {
    const rule = compile(known.raw, file, snapshotLocator(known), problems, known.regexGroups);
    return { file, problems, rule: problems.some((p) => p.severity === 'error') ? undefined : rule, idPos: known.idPos };
  }
  const lc = new (yaml().LineCounter)();
  // core schema, no custom tags: a rule file is data, never code
  const doc = yaml().parseDocument(text, { lineCounter: lc, schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    // prettyErrors is off (its messages quote the source), so the position comes from the offset
    const pos = e.linePos?.[0] ?? (e.pos ? lc.linePos(e.pos[0]) : { line: 1, col: 1 });
    err(pos.line, pos.col, `YAML: ${firstLine(e.message)}`);
  }
  if (problems.length) return { file, problems };
  if (!text.startsWith(MODELINE)) {
    problems.push({ file, line: 1, column: 1, message: `first line should be "${MODELINE}../schema/rule.schema.json"`, severity: 'warning' });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  const loc = locator(doc, lc);
  const validate = schemaValidator();
  if (!validate(data)) {
    for (const e of pickSchemaErrors(validate.errors ?? [], data)) {
      const pos = loc(pointerToPath(e.instancePath), e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined);
      err(pos.line, pos.column, schemaMessage(e));
    }
    return { file, problems };
  }
  const raw = data as RawRule;
  const regexGroups: Record<string, string[]> = {};
  const rule = compile(raw, file, loc, problems, undefined, regexGroups);
  const idPos = loc(['id']);
  if (rule) warnOnTests(rule, file, loc, problems);
  const ok = !problems.some((p) => p.severity === 'error');
  const checked = ok ? { raw, idPos, testLines: (raw.tests ?? []).map((_, i) => loc(['tests', i]).line), regexGroups } : undefined;
  return { file, problems, rule: ok ? rule : undefined, idPos, checked };
}

/** Positions a snapshot keeps: the id and each test; anything else (only asked for on errors) is the file's start. */
function snapshotLocator(entry: RuleSnapshotEntry): Locate {
  return (path) => {
    if (path.length === 1 && path[0] === 'id') return entry.idPos;
    if (path.length === 2 && path[0] === 'tests' && typeof path[1] === 'number') return { line: entry.testLines[path[1]] ?? 1, column: 1 };
    return { line: 1, column: 1 };
  };
}

interface RawStep {
  text?: string;
  command?: string;
}

export interface RawRule {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  scope: RuleScope;
  stage?: 'message' | 'context';
  applies_to?: 'pull-failure' | 'all';
  specificity: number;
  requires?: Capability[];
  match: Record<string, unknown>;
  capture?: Record<string, string>;
  message: string;
  remediation?: RawStep[];
  verify?: RawStep[];
  references?: string[];
  evidence?: string[];
  tests?: { bundle: string; expect: { subject: string; fires: boolean; primary?: boolean; capture?: Record<string, string> }[] }[];
}

type Locate = (path: (string | number)[], key?: string) => { line: number; column: number };

/**
 * `checkedGroups` (from a snapshot): regexes already compiled at build time, with their named groups, compile lazily.
 * `groupsOut` receives each regex's named groups (to snapshot them).
 */
function compile(
  raw: RawRule,
  file: string,
  loc: Locate,
  problems: RuleProblem[],
  checkedGroups?: Record<string, string[]>,
  groupsOut?: Record<string, string[]>,
): CompiledRule | undefined {
  const regexes: RegexCompiler = { checked: checkedGroups, out: groupsOut };
  const err = (path: (string | number)[], message: string) => {
    const p = loc(path);
    problems.push({ file, line: p.line, column: p.column, message, severity: 'error' });
  };
  const scope = raw.scope;
  const groupNames = new Set<string>();
  const match = compileBlock(raw.match, ['match'], scope, err, groupNames, regexes);
  const captures: CompiledRule['captures'] = [];
  for (const [name, path] of Object.entries(raw.capture ?? {})) {
    if (name in Object.prototype) err(['capture', name], `capture name "${name}" is reserved; rename it`);
    if (!isKnownField(scope, path)) err(['capture', name], unknownField(path, scope));
    captures.push({ name, path: path.split('.') });
  }
  const captureNames = new Set([...groupNames, ...captures.map((c) => c.name)]);
  const template = (text: string, path: (string | number)[]): Template => {
    const { template: t, errors } = parseTemplate(text);
    for (const e of errors) err(path, e.message);
    for (const v of templateVariables(t)) {
      if (v.path.length === 1 && captureNames.has(v.name)) continue;
      if (!isKnownField(scope, v.name)) err(path, `unknown template variable "{{ ${v.name} }}": not a capture of this rule nor a ${scope} field path`);
    }
    return t;
  };
  const steps = (list: RawStep[] | undefined, key: string): StepTemplate[] =>
    (list ?? []).map((s, i) =>
      s.command !== undefined
        ? { kind: 'command' as const, template: template(s.command, [key, i, 'command']) }
        : { kind: 'text' as const, template: template(s.text ?? '', [key, i, 'text']) },
    );
  const evidence: string[][] = [];
  (raw.evidence ?? []).forEach((p, i) => {
    if (!isKnownField(scope, p)) err(['evidence', i], unknownField(p, scope));
    evidence.push(p.split('.'));
  });
  const tests: RuleTest[] = (raw.tests ?? []).map((t, i) => ({
    bundle: resolve(dirname(file), t.bundle),
    bundleAsWritten: t.bundle,
    expect: t.expect.map((e) => ({ subject: e.subject, fires: e.fires, ...(e.primary !== undefined ? { primary: e.primary } : {}), ...(e.capture ? { capture: e.capture } : {}) })),
    line: loc(['tests', i]).line,
  }));
  const stage = raw.stage ?? 'message';
  if (stage === 'context' && (scope === 'bundle')) err(['stage'], 'stage: context needs a container, pod or node scope');
  return {
    id: raw.id,
    title: raw.title,
    category: raw.category,
    severity: raw.severity,
    scope,
    stage,
    appliesTo: raw.applies_to ?? (scope === 'container' || scope === 'pod' ? 'pull-failure' : 'all'),
    specificity: raw.specificity,
    requires: raw.requires ?? [],
    match,
    captures,
    message: template(raw.message, ['message']),
    remediation: steps(raw.remediation, 'remediation'),
    verify: steps(raw.verify, 'verify'),
    references: raw.references ?? [],
    evidence,
    tests,
    file,
  };
}

function compileBlock(
  raw: Record<string, unknown>,
  path: (string | number)[],
  scope: RuleScope,
  err: (path: (string | number)[], message: string) => void,
  groupNames: Set<string>,
  regexes: RegexCompiler,
): Block {
  const block: Block = { kind: 'block' };
  for (const key of ['all', 'any', 'none'] as const) {
    const list = raw[key] as Record<string, unknown>[] | undefined;
    if (!list) continue;
    block[key] = list.map((c, i): Condition => {
      const p = [...path, key, i];
      if (!('field' in c)) return compileBlock(c, p, scope, err, groupNames, regexes);
      const field = String(c.field);
      if (!isKnownField(scope, field)) err([...p, 'field'], unknownField(field, scope));
      return { kind: 'predicate', field, path: field.split('.'), test: compileOperator(c, p, err, groupNames, regexes) };
    });
  }
  return block;
}

function compileOperator(
  c: Record<string, unknown>,
  path: (string | number)[],
  err: (path: (string | number)[], message: string) => void,
  groupNames: Set<string>,
  regexes: RegexCompiler,
): Operator {
  const op = OPERATORS.find((o) => o in c)!;
  const v = c[op];
  switch (op) {
    case 'equals':
      return { op, value: v as string | number | boolean };
    case 'in':
      return { op, values: v as (string | number | boolean)[] };
    case 'contains':
      return { op, value: v as string };
    case 'exists':
    case 'empty':
      return { op, value: v as boolean };
    case 'regex': {
      const source = v as string;
      const checked = regexes.checked && Object.hasOwn(regexes.checked, source) ? regexes.checked[source] : undefined;
      if (checked) {
        for (const g of checked) groupNames.add(g);
        let re: RE2JS | undefined;
        return {
          op,
          get re() {
            return (re ??= RE2JS.compile(source));
          },
          groups: checked,
        };
      }
      try {
        const re = RE2JS.compile(source);
        const groups = Object.keys(re.namedGroups());
        for (const g of groups) {
          // captures live in plain objects: a group named like an Object.prototype member would resolve to it
          if (g in Object.prototype) err([...path, 'regex'], `capture group name "${g}" is reserved; rename the group`);
          groupNames.add(g);
        }
        if (regexes.out) regexes.out[source] = groups;
        return { op, re, groups };
      } catch (e) {
        err([...path, 'regex'], `regex does not compile (RE2 syntax: no backreferences or lookaround): ${firstLine((e as Error).message)}`);
        return { op: 'exists', value: false };
      }
    }
    default:
      return { op, value: v as number };
  }
}

interface RegexCompiler {
  checked?: Record<string, string[]>;
  out?: Record<string, string[]>;
}

function warnOnTests(rule: CompiledRule, file: string, loc: Locate, problems: RuleProblem[]): void {
  const all = rule.tests.flatMap((t) => t.expect);
  const pos = all.length ? loc(['tests']) : loc(['id']);
  if (!all.some((e) => e.fires)) problems.push({ file, ...pos, message: `rule ${rule.id} has no positive test (an expectation with fires: true)`, severity: 'warning' });
  if (!all.some((e) => !e.fires)) problems.push({ file, ...pos, message: `rule ${rule.id} has no negative test (an expectation with fires: false)`, severity: 'warning' });
}

function unknownField(path: string, scope: RuleScope): string {
  return `unknown field path "${path}" for scope ${scope} (see docs/rule-language.md)`;
}

/** Maps a data path to the line/column of its YAML node (the key itself when `key` is given). */
function locator(doc: Document, lc: LineCounter): Locate {
  return (path, key) => {
    let node: unknown = doc.contents;
    let found: YamlNode | undefined = doc.contents ?? undefined;
    for (const seg of path) {
      const next = yaml().isMap(node) || yaml().isSeq(node) ? node.get(seg, true) : undefined;
      if (!next) break;
      node = next;
      found = next as YamlNode;
    }
    if (key !== undefined && yaml().isMap(node)) {
      const pair = node.items.find((it) => yaml().isPair(it) && yaml().isScalar(it.key) && String(it.key.value) === key);
      if (pair && yaml().isPair(pair) && yaml().isScalar(pair.key)) found = pair.key as YamlNode;
    }
    const offset = found?.range?.[0] ?? 0;
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function dataAt(data: unknown, path: (string | number)[]): unknown {
  let v = data;
  for (const s of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}

/**
 * A condition is a block or a predicate (oneOf): keep only the errors of the
 * branch the author meant (a `field` key means a predicate), so the message
 * says what is wrong instead of "must match exactly one schema".
 */
function pickSchemaErrors(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const out: ErrorObject[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'oneOf') continue;
    const target = dataAt(data, pointerToPath(e.instancePath));
    const isPredicate = !!target && typeof target === 'object' && 'field' in (target as object);
    const branch = schemaBranch(e);
    if (branch === 'block' && isPredicate) continue;
    if (branch === 'predicate' && !isPredicate && target && typeof target === 'object' && !Array.isArray(target)) continue;
    const msg = `${e.instancePath}|${schemaMessage(e)}`;
    if (seen.has(msg)) continue;
    seen.add(msg);
    out.push(e);
  }
  return out.length ? out : errors.slice(0, 1);
}

/** Which definition an error comes from (schemaPath is relative to a $ref target, so look at the schema itself). */
function schemaBranch(e: ErrorObject): 'block' | 'predicate' | undefined {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!props) return undefined;
  if ('field' in props) return 'predicate';
  if ('all' in props && 'none' in props) return 'block';
  return undefined;
}

function schemaMessage(e: ErrorObject): string {
  const where = e.instancePath ? `${pointerToDotted(e.instancePath)}: ` : '';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}unknown key "${String(p.additionalProperty)}"`;
    case 'required':
      return `${where}missing required key "${String(p.missingProperty)}"`;
    case 'enum':
      return `${where}must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'minProperties':
    case 'maxProperties':
      if (schemaBranch(e) === 'predicate') return `${where}a predicate needs "field" and exactly one operator (${OPERATORS.join(', ')})`;
      return `${where}a block needs at least one of all, any, none`;
    case 'pattern':
      if (e.instancePath === '/id') return `id: must be kebab-case (lower-case letters, digits and single dashes)`;
      return `${where}${e.message ?? 'does not match the expected pattern'}`;
    default:
      return `${where}${e.message ?? 'is invalid'}`;
  }
}

function pointerToDotted(pointer: string): string {
  return pointerToPath(pointer)
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}
