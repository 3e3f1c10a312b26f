/**
 * `node dist/bench/phases.js <bundle>`: where analyze spends its time, in one
 * process: rule loading, bundle read + parse + model (streamed, as analyze
 * does it), evaluation, result assembly and JSON rendering, plus peak RSS.
 * A profiling aid for the bench; it asserts nothing.
 */
import { parseWorkersFromEnv } from '../cli/load.js';
import { loadRulesFast } from '../cli/rules.js';
import { assembleResult } from '../findings/assemble.js';
import { loadBundle } from '../ingest/index.js';
import { renderJson } from '../report/index.js';
import { evaluate } from '../rules/index.js';
import { BUILTIN_RULES_DIR } from '../version.js';

async function main(): Promise<void> {
  const input = process.argv[2];
  if (!input) {
    process.stderr.write('usage: phases <bundle>\n');
    process.exit(2);
  }
  const cpu0 = process.cpuUsage();
  const times: Record<string, number> = {};
  let t = performance.now();
  let c = process.cpuUsage();
  // wall and CPU (user + system, all threads: GC helpers and zlib count) per phase
  const lap = (name: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    times[name] = Math.round(now - t);
    times[`${name}Cpu`] = Math.round((cpu.user - c.user + cpu.system - c.system) / 1000);
    t = now;
    c = cpu;
  };
  const rules = loadRulesFast([BUILTIN_RULES_DIR]);
  lap('loadRules');
  const { model, summary } = await loadBundle(input, { parseWorkers: parseWorkersFromEnv() });
  lap('loadBundle');
  const { findings, notChecked } = evaluate(model, rules);
  lap('evaluate');
  const result = assembleResult({ input, name: 'bench', model, summary, findings, notChecked, version: '0', rulesVersion: '0' });
  lap('assemble');
  const json = renderJson(result);
  lap('renderJson');
  const cpu = process.cpuUsage(cpu0);
  const out = {
    ...times,
    pods: model.pods.length,
    events: model.eventCount,
    findings: findings.length,
    jsonMB: Number((json.length / 1e6).toFixed(1)),
    userMs: Math.round(cpu.user / 1000),
    systemMs: Math.round(cpu.system / 1000),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`phases failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
