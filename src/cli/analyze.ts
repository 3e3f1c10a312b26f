import { basename } from 'node:path';
import { stripTerminalControls } from '../common/terminal.js';
import { assembleResult } from '../findings/assemble.js';
import type { AnalysisResult } from '../findings/result.js';
import { SEVERITIES, type Severity } from '../findings/types.js';
import { readBundleFile } from '../ingest/index.js';
import { renderJson } from '../report/json.js';
import { compileRegexes, evaluate, type RuleSet } from '../rules/index.js';
import { canRunTui } from '../tui/can-run.js';
import { VERSION } from '../version.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import type { BundleLimits } from '../bundle/types.js';
import { writeFileAtomic, writeText } from './output.js';
import { loadForCommand, nothingRead } from './load.js';
import { loadRuleSet, rulesVersion } from './rules.js';

export interface AnalyzeOptions {
  format?: string;
  output?: string;
  rules: string[];
  failOn: string;
  namespace: string[];
  color: boolean;
  limits: Partial<BundleLimits>;
}

const FORMATS = ['markdown', 'json', 'tui'];
const FAIL_ON = ['critical', 'warning', 'info', 'never'];

export async function analyzeCommand(bundles: string[], opts: AnalyzeOptions): Promise<number> {
  if (opts.format && !FORMATS.includes(opts.format)) throw new UsageError(`unknown --format ${opts.format}: use markdown, json or tui`);
  if (!FAIL_ON.includes(opts.failOn)) throw new UsageError(`unknown --fail-on ${opts.failOn}: use critical, warning, info or never`);
  const interactive = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  const format = opts.format ?? (interactive && !opts.output ? 'tui' : 'markdown');
  if (format === 'tui') {
    if (opts.output) throw new UsageError('--output cannot be used with --format tui; use --format markdown or json');
    if (bundles.length > 1) throw new UsageError('--format tui opens one bundle at a time');
    const check = canRunTui(process.stdin, process.stdout);
    if (!check.ok) throw new UsageError(check.reason ?? 'the terminal UI needs a terminal; use --format markdown (or json) instead');
  }
  const rules = loadRuleSet(opts.rules);
  const version = rulesVersion(rules);

  const results: AnalysisResult[] = [];
  let unreadable = false;
  for (const input of bundles) {
    const result = await analyzeOne(input, rules, version, opts);
    if (!result) {
      unreadable = true;
      continue;
    }
    results.push(result);
  }

  if (format === 'tui' && results.length === 1) {
    // Ink and React load only for the TUI: they are most of the start-up time.
    // Ink draws nothing but the last frame when CI is set in the environment; a
    // terminal on both ends (checked above) is interactive whatever CI says.
    for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (key in process.env) process.env[key] = 'false';
    const { runTui } = await import('../tui/run.js');
    await runTui(results[0], { readFile: (path) => readBundleFile(bundles[0], path, opts.limits) });
  } else if (results.length > 0) {
    // the Markdown renderer loads only when it is used
    const text = format === 'json' ? results.map((r) => renderJson(r, { compact: bundles.length > 1 })).join('\n') + '\n' : (await import('../report/markdown.js')).renderMarkdown(results);
    if (opts.output) writeFileAtomic(opts.output, text);
    else writeText(process.stdout, text);
  }
  if (unreadable) return EXIT_USAGE;
  return reachesFailOn(results, opts.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

async function analyzeOne(input: string, rules: RuleSet, rulesVersionText: string, opts: AnalyzeOptions): Promise<AnalysisResult | undefined> {
  const shown = stripTerminalControls(input);
  // the rules' regexes compile while the main thread would wait for the parse workers' last files
  const loaded = await loadForCommand(input, opts.limits, () => compileRegexes(rules));
  if (!loaded) return undefined;
  const { model, summary } = loaded;
  for (const w of summary.warnings) {
    process.stderr.write(`warning: ${stripTerminalControls(w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '')}${stripTerminalControls(w.message)}\n`);
  }
  if (nothingRead(loaded)) {
    process.stderr.write(`podmortem: ${shown}: nothing could be read from this bundle\n`);
    return undefined;
  }
  reportParseProblems(shown, model.warnings.length - summary.warnings.length, model.warnings);
  const { findings, notChecked } = evaluate(model, rules, { namespaces: opts.namespace.length ? opts.namespace : undefined });
  return assembleResult({
    input,
    name: basename(input.replace(/[/\\]+$/, '')),
    model,
    summary,
    findings,
    notChecked,
    version: VERSION,
    rulesVersion: rulesVersionText,
    namespaces: opts.namespace,
  });
}

/**
 * Files that could not be parsed are listed in the report's appendix; say so
 * on stderr too (the first few, then a count), since a terminal UI user or a
 * JSON pipeline would otherwise not notice.
 */
function reportParseProblems(shown: string, count: number, warnings: AnalysisResult['warnings']): void {
  if (count <= 0) return;
  const SHOWN = 3;
  for (const w of warnings.slice(0, Math.min(count, SHOWN))) {
    process.stderr.write(`warning: ${stripTerminalControls(w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '')}${stripTerminalControls(w.message)}\n`);
  }
  const more = count > SHOWN ? ` (${count - SHOWN} more)` : '';
  process.stderr.write(`podmortem: ${shown}: ${count} problem(s) reading files${more}; the rest was analyzed. \`podmortem inventory\` lists them all.\n`);
}

function reachesFailOn(results: AnalysisResult[], failOn: string): boolean {
  if (failOn === 'never') return false;
  const limit = SEVERITIES.indexOf(failOn as Severity);
  return results.some((r) => r.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit));
}
