/**
 * `npm run eval`: measures how many labelled messages the rules classify as
 * labelled. It measures, it does not gate: exit 0 whatever the accuracy,
 * 1 only when it could not run (unreadable case file, rules that do not load).
 *
 *   node dist/eval/run-eval.js [cases.jsonl] [--rules <dir>]...
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../rules/index.js';
import { parseCases } from './cases.js';
import { evaluateCases, formatReport } from './evaluate-cases.js';

/** The project root: two levels up from src/eval or dist/eval. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_CASES = resolve(PROJECT_ROOT, '../shared/cases/messages.jsonl');
export const DEFAULT_RULES = resolve(PROJECT_ROOT, 'rules');

export interface EvalArgs {
  cases: string;
  rules: string[];
}

export function parseArgs(argv: string[], cwd = process.cwd()): EvalArgs {
  const rules: string[] = [];
  let cases: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rules' && i + 1 < argv.length) rules.push(abs(argv[++i], cwd));
    else if (!a.startsWith('--')) cases = abs(a, cwd);
    else throw new Error(`unknown option ${a} (usage: run-eval [cases.jsonl] [--rules <dir>]...)`);
  }
  return { cases: cases ?? DEFAULT_CASES, rules: rules.length ? rules : [DEFAULT_RULES] };
}

function abs(p: string, cwd: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}

export async function runEval(args: EvalArgs): Promise<string> {
  const { cases, warnings } = parseCases(readFileSync(args.cases, 'utf8'), args.cases);
  const report = await evaluateCases(cases, loadRules(args.rules));
  report.warnings.unshift(...warnings);
  return formatReport(report);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    console.log(await runEval(parseArgs(process.argv.slice(2))));
  } catch (e) {
    console.error(`eval failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
