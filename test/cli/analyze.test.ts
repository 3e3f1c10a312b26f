import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT, runCli } from './run-cli.js';

// A sample whose only finding is a warning (Docker Hub 429), cut from msg-registry.
const RATE_LIMITED = 'test/fixtures/cli/rate-limited';
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'result.schema.json'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'podmortem-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One line, no stack trace, names what was wrong. */
function expectOneLineError(stderr: string, ...mentions: string[]) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^podmortem: /);
  expect(stderr).not.toMatch(/\n\s+at .*\(|node:internal|Error:/);
  for (const m of mentions) expect(lines[0]).toContain(m);
}

describe.concurrent('analyze exit codes', () => {
  it('exits 1 when a critical finding exists (default --fail-on critical), Markdown on stdout when not a terminal', async () => {
    const r = await runCli(['analyze', 'samples/msg-auth']);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('# podmortem report: msg-auth\n')).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('--fail-on never exits 0 on the same bundle', async () => {
    const r = await runCli(['analyze', 'samples/msg-auth', '--fail-on', 'never', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.some((f: { severity: string }) => f.severity === 'critical')).toBe(true);
  });

  it('a warning-only bundle passes --fail-on critical and fails --fail-on warning / info', async () => {
    const json = await runCli(['analyze', RATE_LIMITED, '--format', 'json']);
    expect(json.code).toBe(0);
    const findings = JSON.parse(json.stdout).findings as { rule: string; severity: string; category: string }[];
    expect(findings.map((f) => [f.category, f.severity])).toEqual([['rate-limited', 'warning']]);
    expect((await runCli(['analyze', RATE_LIMITED, '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli(['analyze', RATE_LIMITED, '--fail-on', 'info'])).code).toBe(1);
  });

  it('a bundle without any image-pull problem exits 0 even with --fail-on info', async () => {
    const r = await runCli(['analyze', '../shared/bundles/troubleshoot/kurl-v1.23-redacted.tar.gz', '--fail-on', 'info', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it('unknown --format and --fail-on are usage errors (2) with a one-line message', async () => {
    const f = await runCli(['analyze', 'samples/msg-auth', '--format', 'html']);
    expect(f.code).toBe(2);
    expect(f.stdout).toBe('');
    expectOneLineError(f.stderr, '--format html', 'markdown');
    const s = await runCli(['analyze', 'samples/msg-auth', '--fail-on', 'error']);
    expect(s.code).toBe(2);
    expectOneLineError(s.stderr, '--fail-on error');
  });

  it('a missing bundle path exits 2 with one line naming the path, no stack', async () => {
    const missing = join(tmp, 'no-such-bundle.tar.gz');
    const r = await runCli(['analyze', missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, missing, 'no such file');
  });

  it('an empty directory exits 2: nothing could be read', async () => {
    const empty = join(tmp, 'empty-bundle');
    mkdirSync(empty);
    const r = await runCli(['analyze', empty]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, empty, 'nothing could be read');
  });

  it('a bundle that is not a Kubernetes capture (the troubleshoot edge case with only analysis.json) exits 2', async () => {
    const r = await runCli(['analyze', '../shared/bundles/troubleshoot/missing-version.tar.gz']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, 'missing-version.tar.gz', 'nothing could be read');
  });

  it('one unreadable bundle among readable ones: the rest is reported, exit 2', async () => {
    const r = await runCli(['analyze', 'samples/msg-disk', join(tmp, 'gone'), '--format', 'json']);
    expect(r.code).toBe(2);
    const docs = r.stdout.trimEnd().split('\n');
    expect(docs).toHaveLength(1);
    expect(JSON.parse(docs[0]).bundle.name).toBe('msg-disk');
    expectOneLineError(r.stderr, join(tmp, 'gone'));
  });

  it('--format tui without a terminal exits 2 and suggests --format markdown, once', async () => {
    const r = await runCli(['analyze', 'samples/msg-auth', '--format', 'tui']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, 'not a terminal', '--format markdown');
    expect(r.stderr.split('--format markdown')).toHaveLength(2);
  });
});

describe.concurrent('analyze on damaged input', () => {
  it('a truncated .tar.gz: what was read is reported, the truncation is a warning naming the archive', async () => {
    const cut = join(tmp, 'cut.tar.gz');
    writeFileSync(cut, readFileSync(join(ROOT, 'samples/ctx-troubleshoot.tar.gz')).subarray(0, 3000));
    const r = await runCli(['analyze', cut, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: cut\.tar\.gz: the gzip stream is truncated/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const doc = JSON.parse(r.stdout);
    expect(doc.warnings.map((w: { message: string }) => w.message).join('\n')).toContain('truncated');
    expect(doc.inventory.counts.pods).toBe(0);
  });

  it('random bytes named .tgz: exit 2, a warning and one error line, no stack', async () => {
    const junk = join(tmp, 'junk.tgz');
    writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
    const r = await runCli(['analyze', junk]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('podmortem: '))).toEqual([`podmortem: ${junk}: nothing could be read from this bundle`]);
    expect(lines.every((l) => /^(warning|podmortem): /.test(l))).toBe(true);
  });

  it('a cut-off PodList: a warning with file and line in the report, the command still succeeds', async () => {
    const pods = join(tmp, 'pods-cut.json');
    writeFileSync(pods, readFileSync(join(ROOT, 'test/fixtures/cli/rate-limited/platform/pods.json'), 'utf8').slice(0, 900));
    const r = await runCli(['analyze', pods, '--format', 'json']);
    expect(r.code).toBe(0);
    const w = JSON.parse(r.stdout).warnings;
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ file: 'pods-cut.json' });
    expect(w[0].line).toBeGreaterThan(1);
    expect(w[0].message).toMatch(/invalid JSON at line \d+, column \d+/);
  });
});

// util-linux `script` gives the CLI a pseudo-terminal for stdin and stdout
const SCRIPT = '/usr/bin/script';
describe.skipIf(process.platform !== 'linux' || !existsSync(SCRIPT))('analyze on a terminal', () => {
  it('without --format opens the TUI; q quits, the screen is restored, the exit code still follows --fail-on', { timeout: 60_000 }, async () => {
    const child = spawn(SCRIPT, ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} analyze samples/msg-auth`, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' },
    });
    let out = '';
    let quit = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (!quit && out.includes('Findings')) {
        quit = true;
        child.stdin.write('q');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    clearTimeout(timer);
    expect(quit, out.slice(0, 500)).toBe(true);
    expect(code).toBe(1);
    expect(out).toContain('\u001b[?1049h'); // alternate screen entered
    expect(out).toContain('\u001b[?1049l'); // and left again
    expect(out).toContain('msg-auth');
  });

  it('on a terminal with --output, writes Markdown to the file instead of opening the TUI', { timeout: 60_000 }, async () => {
    const dir = join(tmp, 'tty-out');
    mkdirSync(dir);
    const target = join(dir, 'report.md');
    const child = spawn(SCRIPT, ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} analyze samples/msg-auth -o ${JSON.stringify(target)}`, '/dev/null'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(out).not.toContain('\u001b[?1049h');
    expect(readFileSync(target, 'utf8')).toMatch(/^# podmortem report: msg-auth\n/);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });
});

describe.concurrent('analyze --format json', () => {
  it('validates against schema/result.schema.json and carries the contract fields', async () => {
    const r = await runCli(['analyze', 'samples/ctx-troubleshoot.tar.gz', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool.name).toBe('podmortem');
    expect(doc.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.tool.rulesVersion).toMatch(/^\d+ rules, [0-9a-f]{12}$/);
    expect(doc.bundle).toMatchObject({ name: 'ctx-troubleshoot.tar.gz', kind: 'tar.gz', layout: 'troubleshoot' });
    expect(doc.bundle.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const key of ['findings', 'notChecked', 'warnings', 'pods', 'nodes']) expect(Array.isArray(doc[key])).toBe(true);
    expect(doc.inventory.layout).toBe('troubleshoot');
    // every finding cites evidence with file and line, and only primaries answer "why"
    for (const f of doc.findings) {
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) expect(e.file).toMatch(/^support-bundle-2026-11-20T09_14_03\//);
    }
    expect(doc.findings.filter((f: { primary: boolean }) => f.primary).length).toBeGreaterThan(0);
  });

  it('the archive digest is the sha256 of the file as given', async () => {
    const { createHash } = await import('node:crypto');
    const r = await runCli(['analyze', 'samples/ctx-troubleshoot.tar.gz', '--format', 'json']);
    const sha = createHash('sha256').update(readFileSync(join(ROOT, 'samples/ctx-troubleshoot.tar.gz'))).digest('hex');
    expect(JSON.parse(r.stdout).bundle.sha256).toBe(sha);
  });

  it('several bundles give one compact JSON document per line, in argument order, each valid', async () => {
    const r = await runCli(['analyze', 'samples/msg-auth', 'samples/msg-disk', RATE_LIMITED, '--format', 'json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    const docs = lines.slice(0, -1).map((l) => JSON.parse(l));
    expect(docs.map((d) => d.bundle.name)).toEqual(['msg-auth', 'msg-disk', 'rate-limited']);
    for (const d of docs) expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe.concurrent('analyze --format markdown', () => {
  it('several bundles give one section each under one title', async () => {
    const r = await runCli(['analyze', 'samples/msg-auth', 'samples/msg-disk', '--format', 'markdown']);
    expect(r.code).toBe(1);
    const h1 = r.stdout.split('\n').filter((l) => l.startsWith('# '));
    const h2 = r.stdout.split('\n').filter((l) => /^## Bundle \d+:/.test(l));
    expect(h1).toEqual(['# podmortem report: 2 bundles']);
    expect(h2).toEqual(['## Bundle 1: msg-auth', '## Bundle 2: msg-disk']);
  });
});

describe.concurrent('analyze colour', () => {
  it('piped Markdown carries no terminal escapes, with or without --no-color', async () => {
    const [plain, noColor] = await Promise.all([runCli(['analyze', 'samples/msg-disk'], { env: { NO_COLOR: '' } }), runCli(['analyze', 'samples/msg-disk', '--no-color'])]);
    expect(plain.code).toBe(1);
    expect(noColor.stdout).toBe(plain.stdout);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });
});

describe.concurrent('analyze --output', () => {
  it('writes the report atomically to that file and nothing else; stdout stays empty', async () => {
    const dir = join(tmp, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'unrelated');
    const before = readdirSync(dir).sort();
    const target = join(dir, 'report.md');
    const r = await runCli(['analyze', 'samples/msg-auth', '--output', target]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual([...before, 'report.md'].sort());
    expect(readFileSync(target, 'utf8')).toBe((await runCli(['analyze', 'samples/msg-auth', '--format', 'markdown'])).stdout);
  });

  it('replaces an existing file and leaves no temporary file behind (JSON too)', async () => {
    const dir = join(tmp, 'out-json');
    mkdirSync(dir);
    const target = join(dir, 'result.json');
    writeFileSync(target, 'old content');
    const r = await runCli(['analyze', 'samples/msg-disk', '--format', 'json', '-o', target]);
    expect(r.code).toBe(1);
    expect(readdirSync(dir)).toEqual(['result.json']);
    expect(JSON.parse(readFileSync(target, 'utf8')).bundle.name).toBe('msg-disk');
  });

  it('an unwritable destination fails with one line and leaves no debris', async () => {
    const dir = join(tmp, 'out-missing-parent');
    mkdirSync(dir);
    const r = await runCli(['analyze', 'samples/msg-disk', '-o', join(dir, 'no', 'such', 'dir', 'r.md')]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--output with --format tui is refused before anything is read', async () => {
    const dir = join(tmp, 'out-tui');
    mkdirSync(dir);
    const r = await runCli(['analyze', 'samples/msg-disk', '--format', 'tui', '-o', join(dir, 'r.md')]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, '--output');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe.concurrent('analyze --namespace', () => {
  it('reports only the pods and findings of the given namespaces; the inventory still counts everything', async () => {
    const all = JSON.parse((await runCli(['analyze', 'samples/msg-crio', '--format', 'json'])).stdout);
    const nsOf = (d: { findings: { subject: { namespace?: string } }[] }) => [...new Set(d.findings.map((f) => f.subject.namespace))].sort();
    expect(nsOf(all)).toEqual(['fulfillment', 'shipping']);

    const r = await runCli(['analyze', 'samples/msg-crio', '--namespace', 'shipping', '--format', 'json']);
    expect(r.code).toBe(1);
    const only = JSON.parse(r.stdout);
    expect(nsOf(only)).toEqual(['shipping']);
    expect(new Set(only.pods.map((p: { namespace: string }) => p.namespace))).toEqual(new Set(['shipping']));
    expect(only.pods).toHaveLength(4);
    expect(only.findings.length).toBeLessThan(all.findings.length);
    expect(only.inventory.counts.pods).toBe(all.inventory.counts.pods);

    const both = JSON.parse((await runCli(['analyze', 'samples/msg-crio', '-n', 'shipping', '-n', 'fulfillment', '--format', 'json'])).stdout);
    expect(both.findings).toHaveLength(all.findings.length);
  });

  it('a namespace with no pods reports nothing and exits 0', async () => {
    const r = await runCli(['analyze', 'samples/msg-crio', '--namespace', 'kube-system', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings).toEqual([]);
    expect(doc.pods).toEqual([]);
  });
});

describe.concurrent('help and version', () => {
  it('--version prints the package version and exits 0', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
    }
  });

  it.each([
    [[], ['analyze', 'inventory', 'redact', 'rules']],
    [['analyze'], ['--format', '--output', '--rules', '--fail-on', '--namespace', '--no-color']],
    [['inventory'], ['--format']],
    [['redact'], ['--output']],
    [['rules'], ['list', 'lint', 'test']],
    [['rules', 'list'], ['--format']],
    [['rules', 'lint'], ['[dir]']],
    [['rules', 'test'], ['[dir]']],
  ])('%j --help exits 0 and documents %j', async (cmd, mentions) => {
    const r = await runCli([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: podmortem/);
    for (const m of mentions) expect(r.stdout).toContain(m);
  });

  it('an unknown command or option is a usage error (2), without a stack', async () => {
    const a = await runCli(['analyse', 'samples/msg-auth']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("unknown command 'analyse'");
    const b = await runCli(['analyze', 'samples/msg-auth', '--colour']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("unknown option '--colour'");
    expect(a.stderr + b.stderr).not.toMatch(/\n\s+at /);
  });
});
