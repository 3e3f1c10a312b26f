/**
 * Runs the real CLI (`node bin/podmortem`) as a child process. The build runs
 * at most once per test run, and only when a file under src/ is newer than
 * the compiled entry point; concurrent test files wait on a lock directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'podmortem');
export const SAMPLES_DIR = join(ROOT, 'samples');
export const SHARED_BUNDLES = join(ROOT, '..', 'shared', 'bundles');

const ENTRY = join(ROOT, 'dist', 'cli', 'main.js');
const LOCK = join(ROOT, 'dist', '.test-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function mtimeOr0(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

const isStale = () => newestMtime(join(ROOT, 'src')) > mtimeOr0(ENTRY);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/ when src/ is newer; safe to call from every test file. */
export function ensureBuilt(): void {
  if (!isStale()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A stale lock (a crashed run) older than two minutes is taken over.
      if (Date.now() - mtimeOr0(LOCK) > 120_000) rmdirSync(LOCK);
      if (Date.now() > deadline) throw new Error('timed out waiting for another test file to build dist/');
      sleep(250);
    }
  }
  try {
    if (!isStale()) return; // another test file built it while we waited
    const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmdirSync(LOCK);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs podmortem with `args`. stdin is an empty pipe and stdout a pipe (not
 * terminals), so the default format is Markdown. Async so the tests of a file
 * can run their processes side by side.
 */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', PODMORTEM_DEBUG: '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The sample bundles, listed now so a new sample is covered without editing the tests. */
export function listSamples(): string[] {
  return readdirSync(SAMPLES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.isFile() && /\.(tar\.gz|tgz|tar)$/.test(e.name)))
    .map((e) => e.name)
    .sort();
}
