/**
 * Runs the `tests:` of rule files: each sample bundle is loaded once (by the
 * loader the caller gives), evaluated with the whole rule set (so `primary`
 * means what it means in a real run), and every expectation is checked.
 */
import type { Finding } from '../findings/types.js';
import type { Model } from '../model/types.js';
import { evaluate } from './evaluate.js';
import type { CompiledRule, RuleSet, RuleTestExpect } from './types.js';

export interface RuleTestResult {
  rule: string;
  file: string;
  bundle: string;
  subject: string;
  ok: boolean;
  /** what went wrong (empty when ok) */
  message: string;
}

export interface RuleTestReport {
  passed: number;
  failed: number;
  results: RuleTestResult[];
}

export function subjectKey(f: Finding['subject']): string {
  if (f.kind === 'container') return `${f.namespace}/${f.name}/${f.container}`;
  if (f.kind === 'pod') return `${f.namespace}/${f.name}`;
  return f.name;
}

function subjectExists(model: Model, key: string): boolean {
  if (key === 'bundle') return true;
  const parts = key.split('/');
  if (parts.length === 1) return model.nodes.has(key);
  const pod = model.podIndex.get(`${parts[0]}/${parts[1]}`);
  if (!pod) return false;
  return parts.length === 2 || (parts.length === 3 && pod.containers.some((c) => c.name === parts[2]));
}

export async function runRuleTests(rules: RuleSet, load: (bundlePath: string) => Promise<Model>): Promise<RuleTestReport> {
  const byBundle = new Map<string, { rule: CompiledRule; expect: RuleTestExpect; written: string }[]>();
  for (const rule of rules.rules) {
    for (const t of rule.tests) {
      let list = byBundle.get(t.bundle);
      if (!list) byBundle.set(t.bundle, (list = []));
      for (const e of t.expect) list.push({ rule, expect: e, written: t.bundleAsWritten });
    }
  }
  const results: RuleTestResult[] = [];
  for (const [bundle, cases] of byBundle) {
    let model: Model | undefined;
    let loadError = '';
    try {
      model = await load(bundle);
    } catch (e) {
      loadError = `cannot load sample bundle: ${(e as Error).message}`;
    }
    const bySubject = new Map<string, Finding[]>();
    if (model) {
      for (const f of evaluate(model, rules).findings) {
        const k = `${f.rule}\u0000${subjectKey(f.subject)}`;
        let l = bySubject.get(k);
        if (!l) bySubject.set(k, (l = []));
        l.push(f);
      }
    }
    for (const { rule, expect, written } of cases) {
      const base = { rule: rule.id, file: rule.file, bundle: written, subject: expect.subject };
      if (!model) {
        results.push({ ...base, ok: false, message: loadError });
        continue;
      }
      results.push({ ...base, ...check(model, expect, bySubject.get(`${rule.id}\u0000${expect.subject}`) ?? []) });
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  return { passed: results.length - failed, failed, results };
}

function check(model: Model, e: RuleTestExpect, found: Finding[]): { ok: boolean; message: string } {
  if (!subjectExists(model, e.subject)) return { ok: false, message: `subject ${e.subject} is not in the sample bundle` };
  const f = found[0];
  if (!e.fires) return f ? { ok: false, message: `expected no finding, got: ${f.message}` } : { ok: true, message: '' };
  if (!f) return { ok: false, message: 'expected the rule to fire, it did not' };
  if (e.primary !== undefined && f.primary !== e.primary) {
    return { ok: false, message: e.primary ? 'fired but is not the primary finding of the subject' : 'fired as the primary finding, expected a supporting one' };
  }
  for (const [k, v] of Object.entries(e.capture ?? {})) {
    if (f.captures[k] !== v) return { ok: false, message: `capture ${k}: expected "${v}", got ${f.captures[k] === undefined ? 'nothing' : `"${f.captures[k]}"`}` };
  }
  return { ok: true, message: '' };
}
