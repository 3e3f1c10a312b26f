/**
 * Bundle JSON and YAML with `__proto__`, `constructor` and `prototype` keys
 * everywhere a parser or the model copies objects (metadata, labels, env,
 * dockerconfig auths, secret data): analyzed in-process so that any
 * prototype pollution would be visible on Object.prototype afterwards.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleResult } from '../../src/findings/assemble.js';
import { loadBundle } from '../../src/ingest/index.js';
import { renderJson, renderMarkdown } from '../../src/report/index.js';
import { evaluate, loadRules } from '../../src/rules/index.js';
import { BUILTIN_RULES_DIR } from '../../src/version.js';
import { GOOD_POD, goodPods } from './corpus.js';
import { tempDir } from './cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('hostile-proto');
  const polluter = { polluted: 'yes', toString: 'x', isAdmin: true };
  const pods = JSON.parse(goodPods()) as { items: Record<string, unknown>[] };
  // JSON text with literal __proto__ keys (JSON.stringify of an object would not write them)
  const proto = `"__proto__": ${JSON.stringify(polluter)}, "constructor": {"prototype": ${JSON.stringify(polluter)}}`;
  let text = JSON.stringify(pods, null, 2);
  text = text.replace('"metadata": {', `"metadata": { ${proto}, "labels": { ${proto} }, "annotations": { ${proto} },`);
  text = text.replace('"imagePullPolicy"', `"env": [{"name": "__proto__", "value": "x"}], ${proto}, "imagePullPolicy"`);
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'b', 'pods.json'), text);
  writeFileSync(join(dir, 'b', 'config.json'), `{"auths": { ${proto}, "registry.example.com": {"auth": "dXNlcjpwYXNz", ${proto}} }, ${proto}}`);
  writeFileSync(
    join(dir, 'b', 'secret.json'),
    `{"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/dockerconfigjson", "metadata": {"name": "regcred", "namespace": "shop", ${proto}}, "data": {".dockerconfigjson": "${Buffer.from(`{"auths": {${proto}}}`).toString('base64')}", ${proto}}}`,
  );
  writeFileSync(join(dir, 'b', 'events.yaml'), 'apiVersion: v1\nkind: Event\nmetadata:\n  name: e\n  namespace: shop\n  __proto__:\n    polluted: yes\ninvolvedObject: {kind: Pod, name: x, namespace: shop, __proto__: {polluted: yes}}\nreason: Failed\nmessage: x\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prototype keys in bundle documents', () => {
  it('leave Object.prototype untouched and the good finding intact', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const { model, summary } = await loadBundle(join(dir, 'b'));
    const rules = loadRules([BUILTIN_RULES_DIR]);
    const { findings, notChecked } = evaluate(model, rules);
    const result = assembleResult({ input: join(dir, 'b'), name: 'b', model, summary, findings, notChecked, version: '0', rulesVersion: 'x', namespaces: [] });
    const md = renderMarkdown([result]);
    const json = renderJson(result);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(String({})).toBe('[object Object]');
    expect(result.findings.some((f) => f.rule === 'msg-image-not-found-tag' && f.subject.name === GOOD_POD)).toBe(true);
    // the documents were really parsed (a skipped file would prove nothing)
    expect(result.inventory.artifacts.map((a) => a.file).sort()).toEqual(expect.arrayContaining(['config.json', 'pods.json', 'secret.json']));
    expect(result.warnings.filter((w) => /parser failed/.test(w.message))).toEqual([]);
    expect(md).not.toContain('[object Object]');
    expect(json).not.toMatch(/"polluted"|"isAdmin"/);
  });
});
