/**
 * Runs compiled rules over the subjects of a model: message-stage rules
 * first, then context rules that see the top message finding, then ranks the
 * findings of each subject (one primary). Linear in subjects × rules.
 */
import type { Evidence } from '../common/source.js';
import type { Finding, NotChecked, Subject } from '../findings/types.js';
import type { Container, Model, Pod } from '../model/types.js';
import { CAPABILITY_GAPS, fillPlaceholders } from './capabilities.js';
import { evalBlock, renderValue, resolvePath, type MatchState, type Resolved } from './match.js';
import { isPodPullFailing, isPullFailing } from './pull.js';
import { looksLikeCredential } from './redact.js';
import { renderTemplate } from './template.js';
import type { CompiledRule, RuleScope, RuleSet, StepTemplate } from './types.js';
import { containerStatus } from '../model/status.js';
import { ViewFactory, type ViewObject } from './view.js';

export interface EvaluateOptions {
  namespaces?: string[];
}

export interface EvaluateResult {
  findings: Finding[];
  notChecked: NotChecked[];
}

const MAX_EXCERPT = 500;
const MAX_CAPTURE = 500;
const MAX_EVIDENCE = 20;

interface Subj {
  subject: Subject;
  status?: string;
  image?: string;
  pullFailing: boolean;
  view: () => ViewObject;
  placeholders: Record<string, string | undefined>;
}

export function evaluate(model: Model, rules: RuleSet, opts: EvaluateOptions = {}): EvaluateResult {
  const factory = new ViewFactory(model);
  const nsFilter = opts.namespaces?.length ? new Set(opts.namespaces) : undefined;
  const findings: Finding[] = [];
  const notChecked: NotChecked[] = [];
  const byScope = new Map<RuleScope, { runnable: CompiledRule[]; blocked: CompiledRule[] }>();
  for (const scope of ['container', 'pod', 'node', 'bundle'] as const) byScope.set(scope, { runnable: [], blocked: [] });
  for (const r of rules.rules) {
    const slot = byScope.get(r.scope)!;
    (r.requires.every((c) => model.capabilities.has(c)) ? slot.runnable : slot.blocked).push(r);
  }

  const pods = nsFilter ? model.pods.filter((p) => nsFilter.has(p.namespace)) : model.pods;
  const subjects: Record<RuleScope, Subj[]> = { container: [], pod: [], node: [], bundle: [] };
  // a subject that pulls fine is seen only by rules for all subjects: without any, it is not built
  const forAllIn = (scope: RuleScope) => rules.rules.some((r) => r.scope === scope && r.appliesTo === 'all');
  const everyContainer = forAllIn('container');
  const everyPod = forAllIn('pod');
  // index loops: a for-of allocates an iterator result per step until the loop is optimized, and this one runs once
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i];
    for (let k = 0; k < p.containers.length; k++) {
      const c = p.containers[k];
      const failing = isPullFailing(c);
      if (failing || everyContainer) subjects.container.push(containerSubject(factory, p, c, failing));
    }
    const failing = isPodPullFailing(p);
    if (failing || everyPod) subjects.pod.push(podSubject(factory, p, failing));
  }
  for (const n of model.nodes.values()) {
    subjects.node.push({
      subject: { kind: 'node', name: n.name },
      pullFailing: false,
      view: memo(() => factory.nodeSubject(n)),
      placeholders: { node: n.name },
    });
  }
  subjects.bundle.push({ subject: { kind: 'bundle', name: 'bundle' }, pullFailing: false, view: memo(() => factory.bundleSubject()), placeholders: {} });

  for (const scope of ['container', 'pod', 'node', 'bundle'] as const) {
    const { runnable, blocked } = byScope.get(scope)!;
    const message = runnable.filter((r) => r.stage === 'message');
    const context = runnable.filter((r) => r.stage === 'context');
    // most subjects pull fine and see only the few rules that apply to all: pick the lists once
    const forAll = (rs: CompiledRule[]) => rs.filter((r) => r.appliesTo === 'all');
    const rulesOf = { failing: { message, context }, other: { message: forAll(message), context: forAll(context) } };
    for (const s of subjects[scope]) {
      const mine = s.pullFailing ? rulesOf.failing : rulesOf.other;
      if (mine.message.length === 0 && mine.context.length === 0) continue;
      const own: Finding[] = [];
      for (const r of mine.message) fire(r, s, own);
      if (mine.context.length) {
        const top = rank(own)[0];
        if (top) s.view().message = { category: top.category, rule: top.rule, specificity: top.specificity, $value: top.category };
        for (const r of mine.context) fire(r, s, own);
      }
      if (own.length) findings.push(...rank(own));
    }
    const failing = subjects[scope].filter((s) => s.pullFailing);
    for (const r of blocked) {
      const hit = r.appliesTo === 'all' ? subjects[scope] : failing;
      if (hit.length === 0 && (scope === 'container' || scope === 'pod')) continue;
      notChecked.push(notCheckedFor(r, model, hit.length === 1 ? hit[0] : undefined));
    }
  }
  return { findings, notChecked };
}

function memo(f: () => ViewObject): () => ViewObject {
  let v: ViewObject | undefined;
  return () => (v ??= f());
}

function containerSubject(factory: ViewFactory, p: Pod, c: Container, pullFailing: boolean): Subj {
  return {
    subject: { kind: 'container', namespace: p.namespace, name: p.name, container: c.name },
    status: containerStatus(c),
    image: c.image.raw,
    pullFailing,
    view: memo(() => factory.container(p, c)),
    placeholders: { ns: p.namespace, pod: p.name, node: p.nodeName, registry: c.image.registry, repository: c.image.repository, tag: c.image.tag, name: p.pullSecrets[0]?.name },
  };
}

function podSubject(factory: ViewFactory, p: Pod, pullFailing: boolean): Subj {
  return {
    subject: { kind: 'pod', namespace: p.namespace, name: p.name },
    pullFailing,
    view: memo(() => factory.pod_(p)),
    placeholders: { ns: p.namespace, pod: p.name, node: p.nodeName, name: p.pullSecrets[0]?.name },
  };
}

/** Highest specificity first, ties by rule id; the first is primary. */
function rank(fs: Finding[]): Finding[] {
  const sorted = [...fs].sort((a, b) => b.specificity - a.specificity || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  sorted.forEach((f, i) => (f.primary = i === 0));
  return sorted;
}

/** One match state for every rule tried: most rules do not match, and a failed try leaves it to be emptied. */
const scratch: MatchState = { captures: {}, evidence: [] };

function freshState(): MatchState {
  if (scratch.evidence.length > 0) scratch.evidence = [];
  for (const _ in scratch.captures) {
    scratch.captures = {};
    break;
  }
  return scratch;
}

function fire(rule: CompiledRule, s: Subj, out: Finding[]): void {
  const view = s.view();
  const st = freshState();
  if (!evalBlock(rule.match, view, st)) return;
  const captures: Record<string, string> = {};
  for (const [k, v] of Object.entries(st.captures)) captures[k] = v;
  for (const c of rule.captures) {
    if (c.name in captures) continue;
    const first = resolvePath(view, c.path)[0];
    const v = first ? renderValue([first]) : undefined;
    if (v !== undefined) captures[c.name] = v;
  }
  for (const [k, v] of Object.entries(captures)) {
    if (v.length > MAX_CAPTURE || looksLikeCredential(v)) delete captures[k];
  }
  const lookup = (name: string, path: string[]) => (path.length === 1 && name in captures ? captures[name] : renderValue(resolvePath(view, path)));
  const render = (steps: StepTemplate[]) => steps.map((st) => ({ kind: st.kind, text: renderTemplate(st.template, lookup) }));
  const remediationSteps = render(rule.remediation);
  out.push({
    rule: rule.id,
    category: rule.category,
    severity: rule.severity,
    primary: false,
    title: rule.title,
    message: renderTemplate(rule.message, lookup),
    subject: s.subject,
    ...(s.status ? { status: s.status } : {}),
    ...(s.image ? { image: s.image } : {}),
    evidence: evidenceOf(rule, s, view, st.evidence),
    remediation: remediationSteps.map((r) => r.text),
    remediationSteps,
    verify: render(rule.verify).map((r) => r.text),
    references: [...rule.references],
    captures,
    specificity: rule.specificity,
  });
}

function evidenceOf(rule: CompiledRule, s: Subj, view: ViewObject, matched: Resolved[]): Evidence[] {
  const all: Resolved[] = [...matched];
  if (s.subject.kind === 'container') all.push(...resolvePath(view, ['pull', 'message']));
  for (const p of rule.evidence) all.push(...resolvePath(view, p));
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const r of all) {
    if (!r.source || !r.source.file) continue;
    const raw = r.excerpt ?? (typeof r.value === 'string' || typeof r.value === 'number' || typeof r.value === 'boolean' ? String(r.value) : '');
    const excerpt = raw.length > MAX_EXCERPT ? `${raw.slice(0, MAX_EXCERPT)}…` : raw;
    // one line of one file is quoted once, whichever path reached it first (the matched one)
    const key = r.source.line ? `${r.source.file}\u0000${r.source.line}` : `${r.source.file}\u0000\u0000${excerpt}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: r.source.file, ...(r.source.line ? { line: r.source.line } : {}), excerpt });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

function notCheckedFor(rule: CompiledRule, model: Model, only: Subj | undefined): NotChecked {
  const missing = rule.requires.filter((c) => !model.capabilities.has(c));
  const gaps = missing.map((c) => CAPABILITY_GAPS[c]);
  const capture = gaps.map((g) => (only ? fillPlaceholders(g.capture, only.placeholders) : g.capture)).join('\n');
  return {
    rule: rule.id,
    title: rule.title,
    reason: gaps.map((g) => g.reason).join('; '),
    capture,
    ...(only ? { subject: only.subject } : {}),
  };
}
