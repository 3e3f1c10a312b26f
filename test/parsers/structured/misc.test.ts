import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/common/secrets.js';
import type { EventRecord, SecretRecord } from '../../../src/parsers/records.js';
import { kindsInHead, parseStructured, structuredParsers } from '../../../src/parsers/structured/index.js';

const SHARED = '/work/shared/bundles/troubleshoot';
const sniffer = (kind: string) => structuredParsers.find((p) => p.kind === kind)!;

describe('structured sniffers on real heads', () => {
  const head = (f: string) => readFileSync(f, 'utf8').slice(0, 4096);

  it('name the kinds in a JSON or YAML head', () => {
    expect(kindsInHead(head(`${SHARED}/image-pull-fail/pods.json`))).toEqual(new Set(['PodList', 'Pod', 'ReplicaSet']));
    expect(kindsInHead('apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n')).toEqual(new Set(['Secret']));
  });

  it('each kind claims its own file and not the others', () => {
    const files: [string, string][] = [
      [`${SHARED}/image-pull-fail/pods.json`, 'pods'],
      [`${SHARED}/image-pull-fail/events.json`, 'events'],
      [`${SHARED}/nodes-7-mixed-runtimes.json`, 'nodes'],
      ['test/fixtures/structured/docker-config.json', 'dockerconfig'],
      ['test/fixtures/structured/oci-index.json', 'manifest-list'],
      ['test/fixtures/structured/tags-list.json', 'tags-list'],
    ];
    for (const [f, kind] of files) {
      expect(sniffer(kind).sniff(head(f)), f).toBe(true);
      expect(sniffer(kind).parse(readFileSync(f, 'utf8'), { file: f }).kind).toBe(kind);
    }
    expect(sniffer('pods').sniff(head(`${SHARED}/nodes-7-mixed-runtimes.json`))).toBe(false);
    expect(sniffer('nodes').sniff(head(`${SHARED}/image-pull-fail/pods.json`))).toBe(false);
  });
});

describe('troubleshoot secret collector with data', () => {
  it('decodes a .dockerconfigjson value (base64 or text) into entries', () => {
    const cfg = JSON.stringify({ auths: { 'registry.acme.internal:5000': { username: 'ci-bot', password: 'CANARY-ts-1' } } });
    for (const value of [cfg, Buffer.from(cfg).toString('base64')]) {
      const doc = JSON.stringify({ namespace: 'shop', name: 'regcred', key: '.dockerconfigjson', secretExists: true, keyExists: true, value }, null, 2);
      const r = parseStructured(doc, { file: 'sb/secrets/shop/regcred/.dockerconfigjson.json', kind: 'secrets', namespace: 'shop' })!;
      const s = r.records[0] as SecretRecord;
      expect(s).toMatchObject({ namespace: 'shop', name: 'regcred' });
      expect(s.dockerConfig!.entries[0]).toMatchObject({ key: 'registry.acme.internal:5000', username: 'ci-bot', fingerprint: fingerprint('CANARY-ts-1') });
      expect(JSON.stringify(r)).not.toContain('CANARY');
    }
  });
});

describe('bounded values', () => {
  it('a giant event message is cut at 64 KiB', () => {
    const doc = { kind: 'Event', apiVersion: 'v1', metadata: { name: 'e', namespace: 'n' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Failed', type: 'Warning', message: 'x'.repeat(1_000_000) };
    const e = parseStructured(JSON.stringify(doc), { file: 'e.json' })!.records[0] as EventRecord;
    expect(e.message.length).toBe(64 * 1024 + 3);
  });
});

describe('generic List of mixed kinds (kubectl get pods,sa,events -o json)', () => {
  it('reads each item by its own kind; unknown kinds are ignored', () => {
    const list = {
      apiVersion: 'v1',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-0', namespace: 'shop' }, spec: { serviceAccountName: 'api', containers: [{ name: 'api', image: 'ghcr.io/acme/api:v2.14.0' }] }, status: { phase: 'Pending' } },
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'shop' }, imagePullSecrets: [{ name: 'ghcr-pull' }] },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { template: { spec: { containers: [] } } } },
        { apiVersion: 'v1', kind: 'Event', metadata: { name: 'api-0.1', namespace: 'shop' }, involvedObject: { kind: 'Pod', name: 'api-0', namespace: 'shop' }, reason: 'FailedToRetrieveImagePullSecret', type: 'Warning', message: 'Unable to retrieve some image pull secrets (ghcr-pull); attempting to pull the image may not succeed.' },
      ],
      kind: 'List',
      metadata: { resourceVersion: '' },
    };
    const text = JSON.stringify(list, null, 4);
    const r = parseStructured(text, { file: 'get-all.json' })!;
    expect(r.kind).toBe('k8s-objects');
    expect(r.records.map((x) => x.kind)).toEqual(['pod', 'serviceaccount', 'event']);
    expect(r.records[1]).toMatchObject({ name: 'api', imagePullSecrets: ['ghcr-pull'], source: { line: 24 } });
    expect(text.split('\n').slice(23, 26).join('\n')).toContain('"kind": "ServiceAccount"');
  });
});

describe('YAML errors never quote the text', () => {
  it('a broken secret YAML: warnings with line and column and no value', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: regcred',
      'stringData:',
      '  .dockerconfigjson: {"auths": {"r.io": {"password": "CANARY-yaml-1"}}',
      '   password: "CANARY-yaml-2" ]',
      '',
    ].join('\n');
    const r = parseStructured(yaml, { file: 'regcred.yaml', kind: 'secrets' })!;
    expect(r.records).toEqual([]);
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) {
      expect(w.file).toBe('regcred.yaml');
      expect(w.message).toMatch(/^YAML error at line \d+, column \d+: [a-z ]+ \([A-Z_]+\)$/);
    }
    expect(JSON.stringify(r)).not.toContain('CANARY');
  });
});
