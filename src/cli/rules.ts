import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stripTerminalControls } from '../common/terminal.js';
import { loadBundle } from '../ingest/index.js';
import { lintRules, listRules, loadRules, readBuiltinSnapshot, runRuleTests, type RuleSet } from '../rules/index.js';
import { BUILTIN_RULES_DIR } from '../version.js';
import { EXIT_FINDINGS, EXIT_OK } from './errors.js';

/** Built-in rules plus the user's --rules folders. A broken rule file throws RuleLoadError (exit 2). */
export function loadRuleSet(extraDirs: string[]): RuleSet {
  return loadRulesFast([BUILTIN_RULES_DIR, ...extraDirs.map((d) => resolve(d))]);
}

/** loadRules with the build's snapshot of the built-in rules (a rule file whose text changed is read from YAML). */
export function loadRulesFast(dirs: string[]): RuleSet {
  return loadRules(dirs, { snapshot: readBuiltinSnapshot() });
}

/** The rules' version: a short digest of every loaded rule file, so a report says which catalogue judged it. */
export function rulesVersion(rules: RuleSet): string {
  const h = createHash('sha256');
  for (const file of [...new Set(rules.rules.map((r) => r.file))].sort()) {
    h.update(file.slice(file.lastIndexOf('/') + 1)).update('\0').update(readFileSync(file)).update('\0');
  }
  return `${rules.rules.length} rules, ${h.digest('hex').slice(0, 12)}`;
}

const dirsOf = (dir?: string) => (dir ? [resolve(dir)] : [BUILTIN_RULES_DIR]);

export function rulesListCommand(dir: string | undefined, opts: { format?: string }): number {
  const rules = listRules(loadRulesFast(dirsOf(dir)));
  if (opts.format === 'json') {
    process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    return EXIT_OK;
  }
  const width = Math.max(...rules.map((r) => r.id.length), 2);
  const cat = Math.max(...rules.map((r) => r.category.length), 8);
  process.stdout.write(`${'ID'.padEnd(width)}  ${'CATEGORY'.padEnd(cat)}  SEVERITY  SCOPE      TITLE\n`);
  for (const r of rules) {
    process.stdout.write(`${r.id.padEnd(width)}  ${r.category.padEnd(cat)}  ${r.severity.padEnd(8)}  ${r.scope.padEnd(9)}  ${stripTerminalControls(r.title)}\n`);
  }
  process.stdout.write(`${rules.length} rules\n`);
  return EXIT_OK;
}

export function rulesLintCommand(dir: string | undefined): number {
  const problems = lintRules(dirsOf(dir));
  for (const p of problems) process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${stripTerminalControls(p.message)}\n`);
  const errors = problems.filter((p) => p.severity === 'error');
  process.stdout.write(problems.length === 0 ? 'rules are valid\n' : `${errors.length} error(s), ${problems.length - errors.length} warning(s)\n`);
  return errors.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export async function rulesTestCommand(dir: string | undefined): Promise<number> {
  const rules = loadRulesFast(dirsOf(dir));
  const report = await runRuleTests(rules, async (bundle) => (await loadBundle(bundle)).model);
  for (const r of report.results) {
    if (!r.ok) process.stdout.write(`FAIL ${r.rule} (${r.file}) on ${r.bundle} ${r.subject}: ${stripTerminalControls(r.message)}\n`);
  }
  process.stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
  return report.failed > 0 ? EXIT_FINDINGS : EXIT_OK;
}
