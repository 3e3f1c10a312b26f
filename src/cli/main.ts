/**
 * The command line: parses arguments, runs a command, maps outcomes to exit
 * codes (0 ok, 1 findings at or above --fail-on, 2 usage or unreadable input).
 * No stack trace ever reaches the user.
 */
import { Command, CommanderError } from 'commander';
import { stripTerminalControls } from '../common/terminal.js';
import { VERSION } from '../version.js';
import { EXIT_USAGE, UsageError } from './errors.js';
import { addLimitOptions, limitsFromOptions } from './limits.js';
import { warmUpFor } from '../ingest/warm-workers.js';
import { parseWorkersFromEnv } from './workers-env.js';

// Each command's modules load when it runs: `analyze --format json` does not pay for redact, inventory or rule tests.
const analyze = () => import('./analyze.js');
const inventory = () => import('./inventory.js');
const redact = () => import('./redact.js');
const rulesCli = () => import('./rules.js');

/** A big archive's parse workers start loading now, on other cores, while this thread loads the command. */
async function warmUp(input: string | undefined): Promise<void> {
  if (input !== undefined) warmUpFor(input, parseWorkersFromEnv());
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function buildProgram(run: (code: Promise<number> | number) => void): Command {
  const program = new Command('podmortem')
    .description('Offline forensic analyzer for Kubernetes support bundles: why pods cannot pull their images, with evidence and fixes.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  addLimitOptions(
    program
      .command('analyze')
      .description('analyze one or more bundles (directory, .tar, .tar.gz/.tgz or a single file) and report root causes')
      .argument('<bundle...>', 'bundle paths')
      .option('-f, --format <format>', 'markdown | json | tui (default: tui on a terminal, else markdown)')
      .option('-o, --output <file>', 'write the report to this file (atomically) instead of stdout')
      .option('--rules <dir>', 'also load rules from this folder (repeatable)', collect, [])
      .option('--fail-on <severity>', 'exit 1 when a finding reaches this severity: critical | warning | info | never', 'critical')
      .option('-n, --namespace <ns>', 'only report pods in this namespace (repeatable)', collect, [])
      .option('--no-color', 'no colour in terminal output'),
  ).action((bundles: string[], opts: Record<string, unknown>) =>
    run(warmUp(bundles[0]).then(analyze).then((m) => m.analyzeCommand(bundles, { format: opts.format as string | undefined, output: opts.output as string | undefined, rules: opts.rules as string[], failOn: opts.failOn as string, namespace: opts.namespace as string[], color: opts.color !== false && !process.env.NO_COLOR, limits: limitsFromOptions(opts) }))),
  );

  addLimitOptions(
    program
      .command('inventory')
      .description('list what was recognized in a bundle: layout, artifacts, counts, unrecognized files and parse problems')
      .argument('<bundle>', 'bundle path')
      .option('-f, --format <format>', 'text | json', 'text')
      .option('--no-color', 'no colour'),
  ).action((bundle: string, opts: Record<string, unknown>) => run(warmUp(bundle).then(inventory).then((m) => m.inventoryCommand(bundle, { format: opts.format as string, color: opts.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY), limits: limitsFromOptions(opts) }))));

  addLimitOptions(
    program
      .command('redact')
      .description('write a sanitized copy of a bundle (credentials replaced by tagged fingerprints) as a .tgz')
      .argument('<bundle>', 'bundle path')
      .requiredOption('-o, --output <file.tgz>', 'where to write the sanitized copy'),
  ).action((bundle: string, opts: Record<string, unknown>) => run(redact().then((m) => m.redactCommand(bundle, { output: opts.output as string, limits: limitsFromOptions(opts) }))));

  const rules = program.command('rules').description('work with rule files');
  rules
    .command('list')
    .description('print the rule catalogue')
    .argument('[dir]', 'rules folder (default: the built-in rules)')
    .option('-f, --format <format>', 'text | json', 'text')
    .action((dir: string | undefined, opts: { format?: string }) => run(rulesCli().then((m) => m.rulesListCommand(dir, opts))));
  rules
    .command('lint')
    .description('validate rule files against the schema')
    .argument('[dir]', 'rules folder (default: the built-in rules)')
    .action((dir: string | undefined) => run(rulesCli().then((m) => m.rulesLintCommand(dir))));
  rules
    .command('test')
    .description("run each rule's inline tests against their sample bundles")
    .argument('[dir]', 'rules folder (default: the built-in rules)')
    .action((dir: string | undefined) => run(rulesCli().then((m) => m.rulesTestCommand(dir))));
  return program;
}

function fail(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return EXIT_USAGE; // commander already printed the message
  }
  const message = err instanceof Error ? err.message : String(err);
  const known = err instanceof UsageError || (err instanceof Error && err.name === 'RuleLoadError');
  process.stderr.write(`podmortem: ${stripTerminalControls(message)}\n`);
  if (!known && process.env.PODMORTEM_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
  return EXIT_USAGE;
}

export async function main(argv: string[]): Promise<number> {
  let pending: Promise<number> | number = 0;
  const program = buildProgram((code) => {
    pending = code;
  });
  try {
    await program.parseAsync(argv);
    return await pending;
  } catch (err) {
    return fail(err);
  }
}

// A closed pipe (podmortem ... | head) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = fail(err);
  },
);
