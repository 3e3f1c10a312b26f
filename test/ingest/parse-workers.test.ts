/**
 * Parse workers change where files are parsed, never what comes out: the CLI's
 * JSON and Markdown with every file parsed in two workers must equal those
 * with every file parsed on the main thread, on every sample and on a
 * generated troubleshoot bundle big enough to keep both workers busy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle } from '../../src/bench/generate.js';
import { parseWorkersFromEnv } from '../../src/cli/load.js';
import { ensureBuilt, listSamples, runCli, SAMPLES_DIR } from '../cli/run-cli.js';

let tmp: string;
let generated: string;

beforeAll(async () => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'podmortem-workers-'));
  generated = await generateBundle(tmp, 'pods-600', { pods: 600, eventsPerPod: 6, failingShare: 0.1, podsPerNamespace: 60, nodes: 12, logBytes: 1 << 20 });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function both(args: string[]) {
  const [main, workers] = await Promise.all([
    runCli(args, { env: { PODMORTEM_PARSE_WORKERS: '0' } }),
    runCli(args, { env: { PODMORTEM_PARSE_WORKERS: '2' } }),
  ]);
  return { main, workers };
}

describe('parse workers', () => {
  it.each(listSamples())('give the same analysis of %s as the main thread alone', async (name) => {
    const { main, workers } = await both(['analyze', '--format', 'json', '--fail-on', 'never', join(SAMPLES_DIR, name)]);
    expect(main.code).toBe(0);
    expect(workers.stderr).toBe(main.stderr);
    expect(workers.stdout).toBe(main.stdout);
  });

  it('give the same analysis and inventory of a generated troubleshoot bundle', async () => {
    const analyze = await both(['analyze', '--format', 'json', '--fail-on', 'never', generated]);
    expect(analyze.main.code).toBe(0);
    const result = JSON.parse(analyze.main.stdout) as { findings: unknown[] };
    expect(result.findings.length).toBeGreaterThan(50);
    expect(analyze.workers.stdout).toBe(analyze.main.stdout);
    const markdown = await both(['analyze', '--format', 'markdown', '--fail-on', 'never', generated]);
    expect(markdown.workers.stdout).toBe(markdown.main.stdout);
    const inventory = await both(['inventory', '--format', 'json', generated]);
    expect(inventory.workers.stdout).toBe(inventory.main.stdout);
  });

  it('are counted by PODMORTEM_PARSE_WORKERS; unset or not a number means auto', () => {
    expect(parseWorkersFromEnv({})).toBe('auto');
    expect(parseWorkersFromEnv({ PODMORTEM_PARSE_WORKERS: '0' })).toBe(0);
    expect(parseWorkersFromEnv({ PODMORTEM_PARSE_WORKERS: ' 3 ' })).toBe(3);
    expect(parseWorkersFromEnv({ PODMORTEM_PARSE_WORKERS: 'many' })).toBe('auto');
  });
});
