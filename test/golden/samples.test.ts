/**
 * Golden reports of every sample: `analyze --format markdown` and
 * `--format json` through the real CLI, compared with
 * test/fixtures/golden/<sample>.md / .json (UPDATE_GOLDEN=1 rewrites them;
 * read the diff before committing). The rules version is a digest of the
 * rule files: it stays in the output but is normalized here so that editing
 * one rule does not churn every golden; the findings still do when they change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import type { Configuration } from 'markdownlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectGolden, goldenPath } from '../helpers/golden.js';
import { ensureBuilt, listSamples, ROOT, runCli } from '../cli/run-cli.js';

const RULES_VERSION = /^\d+ rules, [0-9a-f]{12}$/;
const PLACEHOLDER = 'RULES-VERSION';
const config = JSON.parse(readFileSync(join(ROOT, '.markdownlint.json'), 'utf8')) as Configuration;

function normalizeMarkdown(md: string): string {
  const line = /^- \*\*podmortem:\*\* (\S+); \*\*rules:\*\* (.+)$/m.exec(md);
  expect(line, 'the report header names the podmortem and rules versions').not.toBeNull();
  expect(line![2]).toMatch(RULES_VERSION);
  return md.replace(line![0], `- **podmortem:** ${line![1]}; **rules:** ${PLACEHOLDER}`);
}

function normalizeJson(text: string): string {
  const doc = JSON.parse(text);
  expect(doc.tool.rulesVersion).toMatch(RULES_VERSION);
  doc.tool.rulesVersion = PLACEHOLDER;
  return JSON.stringify(doc, null, 2) + '\n';
}

beforeAll(() => ensureBuilt());

function lintErrors(name: string, text: string): string[] {
  return lint({ strings: { [name]: text }, config })[name].map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription} ${e.errorDetail ?? ''}`);
}

describe.concurrent('golden reports of every sample', () => {
  it.each(listSamples())('%s', { timeout: 120_000 }, async (name) => {
    const bundle = `samples/${name}`;
    const [md, json] = await Promise.all([runCli(['analyze', bundle, '--format', 'markdown', '--fail-on', 'never']), runCli(['analyze', bundle, '--format', 'json', '--fail-on', 'never'])]);
    expect(md.code, md.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    // Markdown and JSON are renderings of the same result
    const doc = JSON.parse(json.stdout);
    for (const f of doc.findings) expect(md.stdout).toContain(`\`${f.rule}\``);
    const normalized = normalizeMarkdown(md.stdout);
    expectGolden(`golden/${name}.md`, normalized);
    expectGolden(`golden/${name}.json`, normalizeJson(json.stdout));
    // the report as printed and the checked-in golden both pass markdownlint with the shipped config
    expect(lintErrors(name, md.stdout)).toEqual([]);
    expect(lintErrors(name, readFileSync(goldenPath(`golden/${name}.md`), 'utf8'))).toEqual([]);
  });
});
