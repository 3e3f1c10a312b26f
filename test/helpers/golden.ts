/**
 * Golden-file comparison. `name` is a path under test/fixtures/ (for example
 * `report/golden/incident.md`). Run with UPDATE_GOLDEN=1 to (re)write the
 * files; review the diff before committing them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function goldenPath(name: string): string {
  const rel = normalize(name);
  if (isAbsolute(rel) || rel.split(sep).includes('..')) throw new Error(`golden name must stay under test/fixtures: ${name}`);
  return join(FIXTURES_DIR, rel);
}

export function expectGolden(name: string, actual: string): void {
  const file = goldenPath(name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`golden file ${name} is missing: run the test with UPDATE_GOLDEN=1 to create it`);
  }
  const expected = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  expect(actual, `output differs from golden ${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(expected);
}
