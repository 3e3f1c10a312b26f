import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Warning } from '../../src/common/source.js';
import { createDispatcher } from '../../src/parsers/dispatch.js';
import { allParsers, parseFile, sniffHead } from '../../src/parsers/index.js';
import type { ArtifactParser } from '../../src/parsers/parser.js';
import type { PodRecord, TagsListRecord } from '../../src/parsers/records.js';

const SHARED = '/work/shared/bundles/troubleshoot';
const only = createDispatcher([]);
const tags = Buffer.from('{"name":"acme/api","tags":["v1","v2"]}\n');

describe('dispatcher (structured parsers only)', () => {
  it('uses ctx.kind when the path gave one, and sniffs by content otherwise', () => {
    const pods = readFileSync(`${SHARED}/image-pull-fail/pods.json`);
    expect(only.parseFile({ file: 'cluster-resources/pods/x.json', kind: 'pods', namespace: 'x' }, pods)?.kind).toBe('pods');
    expect(only.parseFile({ file: 'whatever.bin.txt' }, pods)?.kind).toBe('pods');
    expect(only.parseFile({ file: 't.json' }, tags)?.records[0]).toMatchObject({ kind: 'tags-list', repository: 'acme/api' });
  });

  it('returns undefined for content it does not know', () => {
    const sink: Warning[] = [];
    expect(only.parseFile({ file: 'notes.txt' }, Buffer.from('Customer says pods do not start since Monday.\n'), sink)).toBeUndefined();
    expect(only.parseFile({ file: 'deploy.json' }, Buffer.from('{"kind":"DeploymentList","apiVersion":"apps/v1","items":[]}'), sink)).toBeUndefined();
    expect(sink).toEqual([]);
  });

  it('invalid UTF-8: replacement characters and one warning, records still read', () => {
    const bad = Buffer.concat([Buffer.from('{"name":"acme/api","tags":["v1","caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"]}')]);
    const r = only.parseFile({ file: 'tags.json' }, bad)!;
    expect((r.records[0] as TagsListRecord).tags).toEqual(['v1', 'caf\uFFFD(']);
    expect(r.warnings).toEqual([{ file: 'tags.json', message: 'invalid UTF-8; bad bytes were replaced with U+FFFD' }]);
  });

  it('a few NUL bytes: warning, ignored; a binary file: skipped with a warning', () => {
    const padded = Buffer.concat([tags, Buffer.alloc(3)]);
    const r = only.parseFile({ file: 'tags.json' }, padded)!;
    expect(r.kind).toBe('tags-list');
    expect(r.warnings).toEqual([{ file: 'tags.json', message: '3 NUL byte(s) in a text file; they are ignored' }]);

    const sink: Warning[] = [];
    const binary = Buffer.alloc(4096, 0);
    binary.write('{"kind":"PodList"', 0);
    expect(only.parseFile({ file: 'core.dump' }, binary, sink)).toBeUndefined();
    expect(only.parseFile({ file: 'x.json' }, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4]), sink)).toBeUndefined();
    expect(sink.map((w) => w.message)).toEqual(['binary content (NUL bytes); file skipped', 'binary content (compressed or executable); file skipped']);
  });

  it('a BOM is dropped', () => {
    const r = only.parseFile({ file: 't.json' }, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), tags]));
    expect(r?.kind).toBe('tags-list');
  });

  it('malformed JSON with a path kind: warning with line and column, zero records', () => {
    const text = '{\n  "kind": "PodList",\n  "items": [\n    {"metadata": {"name": "a"}},\n    {"metadata": {"name": "b"}\n  ]\n}\n';
    const r = only.parseFile({ file: 'cluster-resources/pods/a.json', kind: 'pods' }, Buffer.from(text))!;
    expect(r).toEqual({ kind: 'pods', records: [], warnings: [{ file: 'cluster-resources/pods/a.json', line: 6, message: "invalid JSON at line 6, column 3: expected ',' or '}'; file skipped" }] });
  });

  it('a parser that throws costs its file, not the bundle', () => {
    const boom: ArtifactParser = { kind: 'df', sniff: (h) => h.startsWith('Filesystem'), parse: () => { throw new TypeError('x'); } };
    const d = createDispatcher([boom]);
    const sink: Warning[] = [];
    expect(d.parseFile({ file: 'df.txt' }, Buffer.from('Filesystem Size Used\n'), sink)).toBeUndefined();
    expect(sink).toEqual([{ file: 'df.txt', message: 'parser failed (TypeError); file skipped' }]);
    expect(d.parseFile({ file: 'df.txt', kind: 'df' }, Buffer.from('Filesystem\n'))).toEqual({ kind: 'df', records: [], warnings: [{ file: 'df.txt', message: 'parser failed (TypeError); file skipped' }] });
  });

  it('sniffHead: JSON and Kubernetes YAML yes; prose and binaries no', () => {
    expect(only.sniffHead('x', Buffer.from('  \n{"apiVersion": "v1"'))).toBe(true);
    expect(only.sniffHead('x', Buffer.from('[{"Id":"sha256:'))).toBe(true);
    expect(only.sniffHead('x', Buffer.from('---\napiVersion: v1\nkind: Pod\nmetadata:\n'))).toBe(true);
    expect(only.sniffHead('x', Buffer.from('Dear support, our pods fail.\n'))).toBe(false);
    expect(only.sniffHead('x', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
  });
});

describe('parsers/index (with the text parsers)', () => {
  it('lists every parser once per kind it reads', () => {
    const kinds = allParsers.map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['pods', 'events', 'nodes', 'secrets', 'dockerconfig', 'describe-pod', 'df', 'journal', 'resolv-conf']));
  });

  it('JSON is not taken by a text sniffer, and describe text is not taken for YAML', () => {
    const pods = parseFile({ file: 'loose/pods.json' }, readFileSync(`${SHARED}/image-pull-fail/pods.json`))!;
    expect(pods.kind).toBe('pods');
    expect((pods.records[0] as PodRecord).origin).toBe('json');
    const describe = [
      'Name:             api-5f7c9d8b4-hx2lm',
      'Namespace:        shop',
      'Priority:         0',
      'Service Account:  api',
      'Node:             gke-prod-pool-1-8f2a1c3b-x7kq/10.128.0.17',
      'Start Time:       Tue, 11 Jun 2024 09:12:03 +0000',
      'Labels:           app=api',
      'Status:           Pending',
      '',
    ].join('\n');
    expect(sniffHead('describe.txt', Buffer.from(describe))).toBe(true);
    const r = parseFile({ file: 'describe.txt' }, Buffer.from(describe));
    expect(r?.kind).toBe('describe-pod');
  });
});

describe('content beats the name', () => {
  it('`kubectl get pods > pods.json` in the own layout is read as the table it is', () => {
    const table = [
      'NAMESPACE   NAME                        READY   STATUS             RESTARTS   AGE',
      'shop        checkout-7d9f8b6c5d-q2xkz   0/1     ImagePullBackOff   0          28m',
      'shop        web-6c8d7f9b5-p4r8t         1/1     Running            0          2d',
      '',
    ].join('\n');
    const r = parseFile({ file: 'podmortem-bundle/pods.json', kind: 'pods' }, Buffer.from(table))!;
    expect(r.kind).toBe('get-pods');
    expect(r.records).toHaveLength(2);
  });

  it('`kubectl get pods -o yaml` (List kind at the end) is sniffed as pods', () => {
    const yaml = [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    name: checkout-7d9f8b6c5d-q2xkz',
      '    namespace: shop',
      '  spec:',
      '    containers:',
      '    - image: registry.acme.internal:5000/shop/checkout:1.8.2',
      '      name: checkout',
      'kind: List',
      'metadata:',
      '  resourceVersion: ""',
      '',
    ].join('\n');
    expect(sniffHead('get-pods.yaml', Buffer.from(yaml))).toBe(true);
    const r = parseFile({ file: 'get-pods.yaml' }, Buffer.from(yaml))!;
    expect(r.kind).toBe('pods');
    expect(r.records[0]).toMatchObject({ kind: 'pod', origin: 'yaml', name: 'checkout-7d9f8b6c5d-q2xkz', source: { line: 3 } });
  });
});
