/**
 * Parse workers started while the command loads (warm-workers.ts): a big
 * archive is analyzed by them exactly as on the main thread, and a process
 * that started them but never used them still exits on its own.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_ARCHIVE_BYTES, isBigArchive } from '../../src/ingest/warm-workers.js';
import { ensureBuilt, ROOT, runCli, SAMPLES_DIR } from '../cli/run-cli.js';

let tmp: string;
let big: string;

beforeAll(async () => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'podmortem-warm-'));
  const dir = join(tmp, 'bundle');
  mkdirSync(dir);
  cpSync(join(SAMPLES_DIR, 'ctx-troubleshoot'), join(dir, 'ctx-troubleshoot'), { recursive: true });
  // incompressible filler, skipped by the reader, makes the archive "big"
  writeFileSync(join(dir, 'ctx-troubleshoot', 'filler.bin'), randomBytes(BIG_ARCHIVE_BYTES + 200_000));
  big = join(tmp, 'big.tar.gz');
  await tar.c({ gzip: true, file: big, cwd: dir }, ['ctx-troubleshoot']);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('warm parse workers', () => {
  it('count an archive over the threshold as big, and a folder or a missing path as not', () => {
    expect(statSync(big).size).toBeGreaterThan(BIG_ARCHIVE_BYTES);
    expect(isBigArchive(big)).toBe(true);
    expect(isBigArchive(SAMPLES_DIR)).toBe(false);
    expect(isBigArchive(join(tmp, 'missing.tgz'))).toBe(false);
  });

  it('analyze a big archive as the main thread alone does', async () => {
    const [main, warm] = await Promise.all([
      runCli(['analyze', '--format', 'json', '--fail-on', 'never', big], { env: { PODMORTEM_PARSE_WORKERS: '0' } }),
      runCli(['analyze', '--format', 'json', '--fail-on', 'never', big], { env: { PODMORTEM_PARSE_WORKERS: '1' } }),
    ]);
    expect(main.code).toBe(0);
    expect(JSON.parse(main.stdout).findings.length).toBeGreaterThan(0);
    expect(warm.stderr).toBe(main.stderr);
    expect(warm.stdout).toBe(main.stdout);
  });

  it('do not keep a process alive that never used them', () => {
    const module = pathToFileURL(join(ROOT, 'dist', 'ingest', 'warm-workers.js')).href;
    // a script file, not -e: workers inherit the parent's execArgv, and --input-type would stop them
    const script = join(tmp, 'warm-only.mjs');
    writeFileSync(
      script,
      `import { adoptWarmWorker, warmUpFor, WORKER_SCRIPT } from ${JSON.stringify(module)};
warmUpFor(${JSON.stringify(big)}, 2);
// one adopted and given back, one left warm: both must let the process end
const w = adoptWarmWorker(WORKER_SCRIPT);
w.on('online', () => { console.log('online'); w.terminate(); });`,
    );
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('online\n');
  });
});
