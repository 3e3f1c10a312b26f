import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules, snapshotRules } from '../../src/rules/index.js';
import { BUILTIN_RULES_DIR } from '../../src/version.js';

const tmp = mkdtempSync(join(tmpdir(), 'podmortem-snapshot-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rules snapshot', () => {
  const snapshot = snapshotRules(BUILTIN_RULES_DIR);

  it('holds every built-in rule file, and loads the same compiled rules as the YAML', () => {
    expect(Object.keys(snapshot.entries)).toHaveLength(new Set(loadRules([BUILTIN_RULES_DIR]).rules.map((r) => r.file)).size);
    // through JSON, as the build stores it
    const stored = JSON.parse(JSON.stringify(snapshot));
    expect(loadRules([BUILTIN_RULES_DIR], { snapshot: stored })).toEqual(loadRules([BUILTIN_RULES_DIR]));
  });

  it('is not used for a rule file whose text changed, nor when the schema changed', () => {
    const dir = join(tmp, 'rules');
    cpSync(BUILTIN_RULES_DIR, dir, { recursive: true });
    const file = join(dir, 'msg-image-not-found-tag.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Edited after the build'));
    const edited = loadRules([dir], { snapshot }).rules.find((r) => r.file === file);
    expect(edited?.title).toBe('Edited after the build');

    const stale = { ...snapshot, entries: Object.fromEntries(Object.entries(snapshot.entries).map(([k, e]) => [k, { ...e, raw: { ...e.raw, title: 'from a stale snapshot' } }])) };
    expect(loadRules([BUILTIN_RULES_DIR], { snapshot: stale }).rules.every((r) => r.title === 'from a stale snapshot')).toBe(true);
    expect(loadRules([BUILTIN_RULES_DIR], { snapshot: { ...stale, schema: 'another schema' } }).rules.some((r) => r.title === 'from a stale snapshot')).toBe(false);
  });
});
