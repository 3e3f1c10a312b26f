/**
 * `npm run bench`: generates synthetic troubleshoot bundles of several sizes
 * and measures, in the same run, the floor (gunzip + tar walk + JSON.parse of
 * every JSON entry) against `podmortem analyze --format json`: wall time,
 * peak RSS and their ratio. Prints a table; asserts nothing.
 *
 * Options: --sizes 2000,20000,100000   --logs-gb 2   --dir <cache folder>   --runs 1
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBundle, type BundleSpec } from './generate.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Measure {
  wallMs: number;
  maxRssBytes: number;
  status: number | null;
}

function measure(args: string[]): Measure {
  const probeFile = join(tmpdir(), `podmortem-probe-${process.pid}-${Date.now()}.json`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', join(here, 'probe.js'), ...args], {
    env: { ...process.env, PODMORTEM_BENCH_PROBE: probeFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let maxRssBytes = 0;
  try {
    maxRssBytes = (JSON.parse(readFileSync(probeFile, 'utf8')) as { maxRssBytes: number }).maxRssBytes;
    rmSync(probeFile);
  } catch {
    /* the process died before exit */
  }
  if (r.status !== 0 && r.status !== 1) process.stderr.write(`  command failed (${r.status}): ${r.stderr.toString().slice(0, 500)}\n`);
  return { wallMs, maxRssBytes, status: r.status };
}

const mb = (b: number) => (b / (1 << 20)).toFixed(0);

async function main(): Promise<void> {
  const sizes = arg('sizes', '2000,20000,100000').split(',').map(Number);
  const logsGb = Number(arg('logs-gb', '2'));
  const runs = Number(arg('runs', '1'));
  const dir = arg('dir', join(tmpdir(), 'podmortem-bench'));
  mkdirSync(dir, { recursive: true });
  const variants: { name: string; spec: BundleSpec }[] = sizes.map((pods) => ({
    name: `pods-${pods}`,
    spec: { pods, eventsPerPod: 6, failingShare: 0.05, podsPerNamespace: 100, nodes: Math.max(3, Math.ceil(pods / 50)), logBytes: 0 },
  }));
  if (logsGb > 0) {
    const pods = sizes.includes(20000) ? 20000 : sizes[0];
    variants.push({ name: `pods-${pods}-logs-${logsGb}g`, spec: { pods, eventsPerPod: 6, failingShare: 0.05, podsPerNamespace: 100, nodes: Math.max(3, Math.ceil(pods / 50)), logBytes: logsGb * (1 << 30) } });
  }
  const rows: string[] = [];
  const header = '| bundle | archive MB | floor s | analyze s | time ratio | floor RSS MB | analyze RSS MB |';
  process.stdout.write(`podmortem bench (node ${process.version}, ${runs} run(s) each, best wall time)\n`);
  for (const v of variants) {
    const cached = existsSync(join(dir, `${v.name}.tar.gz`));
    process.stderr.write(cached ? `using ${v.name} from ${dir} (delete it to generate it again)\n` : `generating ${v.name} ...\n`);
    const archive = await generateBundle(dir, v.name, v.spec);
    const size = statSync(archive).size;
    const better = (b: Measure | undefined, m: Measure): Measure => (!b || m.wallMs < b.wallMs ? { ...m, maxRssBytes: Math.max(m.maxRssBytes, b?.maxRssBytes ?? 0) } : { ...b, maxRssBytes: Math.max(m.maxRssBytes, b.maxRssBytes) });
    process.stderr.write(`measuring ${v.name} ...\n`);
    // floor and analyze take turns, so a slow spell of a shared machine falls on both
    let floor: Measure | undefined;
    let analyze: Measure | undefined;
    for (let i = 0; i < runs; i++) {
      floor = better(floor, measure([join(here, 'floor.js'), archive]));
      analyze = better(analyze, measure([join(root, 'bin', 'podmortem'), 'analyze', '--format', 'json', '--fail-on', 'never', archive]));
    }
    if (!floor || !analyze) throw new Error('--runs must be at least 1');
    rows.push(`| ${v.name} | ${mb(size)} | ${(floor.wallMs / 1000).toFixed(2)} | ${(analyze.wallMs / 1000).toFixed(2)} | ${(analyze.wallMs / floor.wallMs).toFixed(2)} | ${mb(floor.maxRssBytes)} | ${mb(analyze.maxRssBytes)} |`);
    process.stdout.write(`${rows.length === 1 ? `${header}\n|---|---|---|---|---|---|---|\n` : ''}${rows[rows.length - 1]}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
