/**
 * Runs the built CLI (dist/) as a user would: a child process with its own
 * empty working directory and HOME, so a test can assert nothing was written
 * anywhere while a bundle was read. Optionally records peak RSS through the
 * bench probe (dist/bench/probe.js).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/podmortem');
const PROBE = join(ROOT, 'dist/bench/probe.js');

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/cli/main.js')) || !existsSync(PROBE)) {
    throw new Error('dist/ is missing: run `npm run build` before the hostile/canary suites');
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** peak RSS in bytes, when run with { probe: true } */
  maxRss?: number;
  /** what the child's cwd and HOME held afterwards (both start empty) */
  cwdEntries: string[];
  homeEntries: string[];
  timedOut: boolean;
}

export interface RunOptions {
  probe?: boolean;
  timeoutMs?: number;
  /** keep stdout as raw bytes too (for invalid UTF-8 / control byte checks) */
  env?: Record<string, string>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `podmortem-${prefix}-`));
}

export async function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const cwd = tempDir('cwd');
  const home = tempDir('home');
  const probeFile = join(tempDir('probe'), 'rss.json');
  const nodeArgs = opts.probe ? ['--import', PROBE, BIN, ...args] : [BIN, ...args];
  const t0 = performance.now();
  const child = spawn(process.execPath, nodeArgs, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      TMPDIR: home,
      NO_COLOR: '1',
      ...(opts.probe ? { PODMORTEM_BENCH_PROBE: probeFile } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  const ms = performance.now() - t0;
  let maxRss: number | undefined;
  if (opts.probe && existsSync(probeFile)) maxRss = (JSON.parse(readFileSync(probeFile, 'utf8')) as { maxRssBytes: number }).maxRssBytes;
  const result: RunResult = {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    ms,
    maxRss,
    cwdEntries: readdirSync(cwd),
    homeEntries: readdirSync(home),
    timedOut,
  };
  for (const d of [cwd, home, join(probeFile, '..')]) rmSync(d, { recursive: true, force: true });
  return result;
}

/** Every C0 control except \n and \t, DEL, ESC and the C1 range: what must never reach a terminal. */
export function controlChars(text: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x09) || c === 0x7f || (c >= 0x80 && c <= 0x9f)) found.add(`U+${c.toString(16).padStart(4, '0')}`);
  }
  return [...found];
}
