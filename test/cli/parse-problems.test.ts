import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, SAMPLES_DIR } from './run-cli.js';

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'podmortem-parse-problems-'));
  cpSync(join(SAMPLES_DIR, 'ctx-loose-files'), dir, { recursive: true });
  // a customer's cut-off paste beside good files
  writeFileSync(join(dir, 'pods-cut.json'), '{"kind":"PodList","apiVersion":"v1","items":[{"metadata":');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('analyze reports unreadable files on stderr, and analyzes the rest', () => {
  it('names the file, line and column, counts the problems, and still finds the root causes', async () => {
    const r = await runCli(['analyze', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: pods-cut.json:1: invalid JSON at line 1, column 58');
    expect(r.stderr).toMatch(/: 1 problem\(s\) reading files; the rest was analyzed\./);
    const result = JSON.parse(r.stdout) as { findings: { primary: boolean; category: string }[]; warnings: { file: string }[] };
    expect(result.warnings.map((w) => w.file)).toContain('pods-cut.json');
    expect(result.findings.filter((f) => f.primary).map((f) => f.category)).toContain('pull-secret-wrong-registry');
  });

  it('says nothing on stderr for a clean bundle', async () => {
    const r = await runCli(['analyze', join(SAMPLES_DIR, 'default'), '--format', 'json']);
    expect(r.stderr).toBe('');
  });
});
