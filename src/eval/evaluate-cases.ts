/**
 * Runs every labelled case through parsers, model, and rules, and compares the
 * primary finding of the case's container with the label. Pure apart from the
 * model loader it is given; the default loader parses the case's JSON texts
 * with the real parsers, exactly as a bundle of loose `kubectl get -o json`
 * files would be read.
 */
import { formatSource, type Warning } from '../common/source.js';
import type { Finding } from '../findings/types.js';
import { ModelBuilder } from '../model/build.js';
import type { Model } from '../model/types.js';
import { classifyPath, parseFile } from '../parsers/index.js';
import { evaluate, subjectKey, type RuleSet } from '../rules/index.js';
import { buildCaseBundle } from './case-bundle.js';
import type { EvalCase } from './cases.js';

export interface EvalMiss {
  id: string;
  expected: string;
  /** category of the primary finding, or `none` */
  got: string;
  /** the rule that won, when any */
  rule?: string;
  /** the message of the case, for reading the miss */
  cause: string;
}

export interface EvalReport {
  total: number;
  correct: number;
  /** correct / total, 0 when there are no cases */
  accuracy: number;
  /**
   * Cases whose top message-stage finding has the label's category. The labels
   * say what the message alone supports; context rules may refine the primary
   * beyond that, and this count shows whether a miss comes from them.
   */
  messageCorrect: number;
  messageAccuracy: number;
  misses: EvalMiss[];
  /** per label: cases and correct ones */
  perCategory: Record<string, { total: number; correct: number }>;
  warnings: Warning[];
}

export type CaseLoader = (files: Record<string, string>) => Promise<Model> | Model;

export async function evaluateCases(cases: EvalCase[], rules: RuleSet, load: CaseLoader = parseCaseFiles): Promise<EvalReport> {
  const report: EvalReport = { total: 0, correct: 0, accuracy: 0, messageCorrect: 0, messageAccuracy: 0, misses: [], perCategory: {}, warnings: [] };
  const messageStage = new Set(rules.rules.filter((r) => r.stage === 'message').map((r) => r.id));
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const bundle = buildCaseBundle(c, i + 1);
    let got = 'none';
    let rule: string | undefined;
    let messageGot: string | undefined;
    try {
      const model = await load(bundle.files);
      const findings = evaluate(model, rules).findings.filter((f) => subjectKey(f.subject) === bundle.subject);
      const primary = primaryOf(findings);
      if (primary) {
        got = primary.category;
        rule = primary.rule;
      }
      messageGot = mostSpecific(findings.filter((f) => messageStage.has(f.rule)))?.category;
    } catch (e) {
      got = 'error';
      report.warnings.push({ message: `case ${c.id} (line ${c.line}): ${(e as Error).message}` });
    }
    const per = (report.perCategory[c.category] ??= { total: 0, correct: 0 });
    per.total++;
    report.total++;
    if (messageGot === c.category) report.messageCorrect++;
    if (got === c.category) {
      per.correct++;
      report.correct++;
    } else {
      report.misses.push({ id: c.id, expected: c.category, got, rule, cause: c.message });
    }
  }
  report.accuracy = report.total ? report.correct / report.total : 0;
  report.messageAccuracy = report.total ? report.messageCorrect / report.total : 0;
  return report;
}

/** The engine marks one primary per subject; the most specific stands in if none is marked. */
function primaryOf(findings: Finding[]): Finding | undefined {
  return findings.find((f) => f.primary) ?? mostSpecific(findings);
}

/** Highest specificity, ties to the lower rule id: the engine's ranking. */
function mostSpecific(findings: Finding[]): Finding | undefined {
  let best: Finding | undefined;
  for (const f of findings) {
    if (!best || f.specificity > best.specificity || (f.specificity === best.specificity && f.rule < best.rule)) best = f;
  }
  return best;
}

/** The default loader: every file through the parser dispatcher the CLI uses, then the model builder. */
export function parseCaseFiles(files: Record<string, string>): Model {
  const builder = new ModelBuilder();
  for (const [file, text] of Object.entries(files)) {
    const c = classifyPath(file);
    const parsed = parseFile({ file, kind: c.kind, node: c.node, namespace: c.namespace }, Buffer.from(text, 'utf8'));
    if (!parsed) {
      builder.addUnrecognized(file);
      continue;
    }
    builder.add({ file, kind: parsed.kind, records: parsed.records, warnings: parsed.warnings, layoutHint: c.layoutHint });
  }
  return builder.finish();
}

/** The report as the lines `npm run eval` prints. */
export function formatReport(r: EvalReport): string {
  const out: string[] = [];
  out.push(`total: ${r.total}`);
  out.push(`correct: ${r.correct}`);
  out.push(`accuracy: ${(r.accuracy * 100).toFixed(1)}%`);
  out.push(`message-stage accuracy: ${(r.messageAccuracy * 100).toFixed(1)}% (${r.messageCorrect}/${r.total}: top finding of the message rules alone)`);
  if (r.misses.length) {
    out.push('', 'misses (expected -> got):');
    const byExpected = new Map<string, EvalMiss[]>();
    for (const m of r.misses) {
      const list = byExpected.get(m.expected) ?? [];
      list.push(m);
      byExpected.set(m.expected, list);
    }
    for (const [expected, list] of [...byExpected].sort((a, b) => a[0].localeCompare(b[0]))) {
      const per = r.perCategory[expected];
      out.push(`${expected} (${per ? per.correct : 0}/${per ? per.total : 0} correct):`);
      for (const m of list) out.push(`  ${m.id}: ${m.expected} -> ${m.got}${m.rule ? ` [${m.rule}]` : ''}: ${oneLine(m.cause)}`);
    }
  }
  for (const w of r.warnings) out.push(`warning: ${w.file ? `${formatSource({ file: w.file, line: w.line })}: ` : ''}${w.message}`);
  return out.join('\n');
}

/** Cases can hold newlines (joined registry errors); a report line must stay one line. */
function oneLine(s: string): string {
  return s.replace(/\r?\n/g, '\\n');
}
