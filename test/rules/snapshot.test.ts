import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRegexes, loadRules, snapshotRules } from '../../src/rules/index.js';
import type { Block, Predicate } from '../../src/rules/types.js';
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

describe('rules snapshot: regexes', () => {
  it('compiles a regex when a rule first tests it, with the named groups checked at build time', () => {
    const snapshot = JSON.parse(JSON.stringify(snapshotRules(BUILTIN_RULES_DIR)));
    const rules = loadRules([BUILTIN_RULES_DIR], { snapshot }).rules;
    const regexes = rules.flatMap((r) => regexTests(r.match));
    expect(regexes.length).toBeGreaterThan(20);
    // not compiled by loading: the accessor is there, no RE2JS instance yet
    const lazy = regexes.filter((t) => Object.getOwnPropertyDescriptor(t, 're')?.get);
    expect(lazy).toHaveLength(regexes.length);
    const tag = rules.find((r) => r.id === 'msg-image-not-found-tag');
    const fromYaml = loadRules([BUILTIN_RULES_DIR]).rules.find((r) => r.id === 'msg-image-not-found-tag');
    const [a, b] = [regexTests(tag!.match), regexTests(fromYaml!.match)];
    const msg = 'Failed to pull image "docker.io/library/nginx:1.27.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27.99": failed to resolve reference "docker.io/library/nginx:1.27.99": docker.io/library/nginx:1.27.99: not found';
    expect(a.map((t) => t.re.matcher(msg).find())).toEqual(b.map((t) => t.re.matcher(msg).find()));
    expect(a.map((t) => t.groups)).toEqual(b.map((t) => t.groups));
    expect(a[0].re).toBe(a[0].re);
  });

  it('are all reached by compileRegexes (run while the main thread would wait for workers), nested blocks included', () => {
    const snapshot = JSON.parse(JSON.stringify(snapshotRules(BUILTIN_RULES_DIR)));
    const set = loadRules([BUILTIN_RULES_DIR], { snapshot });
    const regexes = set.rules.flatMap((r) => regexTests(r.match));
    expect(compileRegexes(set)).toBe(regexes.length);
    // each is a compiled RE2JS now, the same instance on every read
    for (const t of regexes) {
      expect(typeof t.re.matcher).toBe('function');
      expect(t.re).toBe(t.re);
    }
  });
});

type RegexTest = Extract<Predicate['test'], { op: 'regex' }>;
function regexTests(b: Block): RegexTest[] {
  const out: RegexTest[] = [];
  for (const list of [b.all, b.any, b.none]) {
    for (const c of list ?? []) {
      if (c.kind === 'block') out.push(...regexTests(c));
      else if (c.test.op === 'regex') out.push(c.test);
    }
  }
  return out;
}
