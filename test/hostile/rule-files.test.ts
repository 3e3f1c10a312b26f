/**
 * A rule file is data, never code: YAML tags that other loaders turn into
 * functions or objects, templates that look like expressions, and
 * prototype paths are a load error or inert text. Every payload would create
 * a marker file if it ever ran; the marker must never appear.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_POD, goodPods } from './corpus.js';
import { ROOT, assertBuilt, runCli, tempDir } from './cli.js';

let dir: string;
let bundle: string;
let marker: string;

beforeAll(() => {
  assertBuilt();
  dir = tempDir('hostile-rules');
  bundle = join(dir, 'bundle');
  mkdirSync(bundle);
  writeFileSync(join(bundle, 'pods.json'), goodPods());
  marker = join(dir, 'PWNED');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real shipped rule with a new id and one field replaced by the payload. */
function baseRule(id: string): string {
  const text = readFileSync(join(ROOT, 'rules/msg-image-not-found-tag.yaml'), 'utf8');
  const cut = text.indexOf('\ntests:');
  return text.slice(0, cut + 1).replace('id: msg-image-not-found-tag', `id: ${id}`);
}

function ruleDir(name: string, yaml: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'rule.yaml'), yaml);
  return d;
}

const js = () => `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`;

describe('YAML tags that execute code elsewhere', () => {
  const cases: [string, () => string][] = [
    ['js-function', () => baseRule('hostile-js-function').replace(/^title: .*$/m, `title: !!js/function "function () { ${js()} }"`)],
    ['js-function-block', () => baseRule('hostile-js-block') + `extra: !<tag:yaml.org,2002:js/function> |-\n  function () { ${js()} }\n`],
    ['python-object', () => baseRule('hostile-python').replace(/^title: .*$/m, "title: !!python/object/apply:os.system ['touch PWNED']")],
    ['js-regexp', () => baseRule('hostile-regexp').replace(/^title: .*$/m, 'title: !!js/regexp /(a+)+$/')],
  ];
  for (const [name, make] of cases) {
    it(`${name}: a load error (exit 2, one line naming the file) or inert, never run`, async () => {
      const rules = ruleDir(name, make());
      const r = await runCli(['analyze', bundle, '--rules', rules, '--format', 'json']);
      expect(existsSync(marker)).toBe(false);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      if (r.code === 2) {
        expect(r.stderr).toContain('rule.yaml');
        expect(r.stdout).toBe('');
      } else {
        // loaded as text: the payload is at most shown, never evaluated
        expect(r.stdout).toContain(GOOD_POD);
      }
      const lint = await runCli(['rules', 'lint', rules]);
      expect(existsSync(marker)).toBe(false);
      expect(lint.stderr).not.toMatch(/^\s+at /m);
      if (r.code === 2) expect(lint.stdout).toMatch(/rule\.yaml:\d+:\d+: error: /);
    });
  }
});

describe('templates that look like code', () => {
  it('an expression in {{ }} is a load error naming the file and line', async () => {
    const yaml = baseRule('hostile-template-call').replace(/^message: >-$/m, `message: >-\n  {{ constructor.constructor('${js().replace(/'/g, '"')}')() }}`);
    const rules = ruleDir('template-call', yaml);
    const r = await runCli(['analyze', bundle, '--rules', rules, '--format', 'markdown']);
    expect(existsSync(marker)).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rule.yaml');
    expect(r.stderr).toContain('not a plain variable lookup');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prototype paths in templates are a load error (unknown variable), never rendered', async () => {
    const payload = '{{ constructor }} {{ constructor.constructor }} {{ __proto__ }} {{ __proto__.polluted | default "safe" }} {{ image.constructor.name }} {{ toString }}';
    const yaml = baseRule('hostile-template-proto').replace(/^message: >-\n(  .*\n)+/m, `message: >-\n  PROTO[${payload}]\n`);
    const rules = ruleDir('template-proto', yaml);
    const r = await runCli(['analyze', bundle, '--rules', rules, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/rule\.yaml:\d+:\d+: unknown template variable "\{\{ constructor \}\}"/);
  });

  // regression: a group named like an Object.prototype member used to render as "function Object() { [native code] }" / "[object Object]"
  for (const group of ['__proto__', 'constructor', 'toString']) {
    it(`a regex capture group named ${group} is a load error, not a lookup into Object.prototype`, async () => {
      const yaml = baseRule(`hostile-group-${group.replace(/_/g, '').toLowerCase()}`)
        .replace('(?P<answer>', `(?P<${group}>`)
        .replace(/^message: >-\n(  .*\n)+/m, `message: >-\n  PROTO[{{ ${group} }}]\n`);
      const rules = ruleDir(`group-${group}`, yaml);
      const r = await runCli(['analyze', bundle, '--rules', rules, '--format', 'json']);
      expect(r.stdout).not.toContain('native code');
      expect(r.stdout).not.toContain('[object Object]');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`capture group name "${group}" is reserved`);
    });
  }

  it('a regex in a rule cannot backtrack catastrophically: (a+)+$ over 100k "a!" finishes at once (RE2 semantics)', async () => {
    const yaml = baseRule('hostile-redos').replace(/regex: '\(\?m\)\(\?P<answer>.*'$/m, "regex: '(?P<answer>(a+)+$)'");
    expect(yaml).toContain('(a+)+$');
    const rules = ruleDir('redos', yaml);
    const b = join(dir, 'redos-bundle');
    mkdirSync(b);
    const pods = JSON.parse(goodPods()) as { items: { status: { containerStatuses: { state: { waiting: { message: string } } }[] } }[] };
    pods.items[0].status.containerStatuses[0].state.waiting.message = `${'a'.repeat(100_000)}!`;
    writeFileSync(join(b, 'pods.json'), JSON.stringify(pods));
    const r = await runCli(['analyze', b, '--rules', rules, '--format', 'json'], { timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect(r.ms).toBeLessThan(20_000);
    expect([0, 1]).toContain(r.code);
  });
});
