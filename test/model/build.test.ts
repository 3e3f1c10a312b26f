import { describe, expect, it } from 'vitest';
import { ModelBuilder, workloadOf } from '../../src/model/build.js';
import type { ContainerRecord, EventRecord, PodRecord, SecretRecord } from '../../src/parsers/records.js';

const container = (name: string, image: string, extra: Partial<ContainerRecord> = {}): ContainerRecord => ({
  name,
  init: false,
  image,
  source: { file: 'pods.json', line: 10 },
  ...extra,
});

const pod = (extra: Partial<PodRecord>): PodRecord => ({
  kind: 'pod',
  origin: 'json',
  namespace: 'payments',
  name: 'checkout-api-7d9c6b5f4d-x2x9k',
  containers: [container('api', 'ghcr.io/acme/checkout-api:2.4.1', { state: { waiting: { reason: 'ImagePullBackOff' } } })],
  source: { file: 'pods.json', line: 3 },
  ...extra,
});

const failed = (extra: Partial<EventRecord> = {}): EventRecord => ({
  kind: 'event',
  origin: 'json',
  namespace: 'payments',
  involvedObject: { kind: 'Pod', namespace: 'payments', name: 'checkout-api-7d9c6b5f4d-x2x9k', fieldPath: 'spec.containers{api}' },
  type: 'Warning',
  reason: 'Failed',
  message: 'Failed to pull image "ghcr.io/acme/checkout-api:2.4.1": failed to pull and unpack image "ghcr.io/acme/checkout-api:2.4.1": failed to resolve reference "ghcr.io/acme/checkout-api:2.4.1": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fcheckout-api%3Apull&service=ghcr.io: 401 Unauthorized',
  count: 6,
  source: { file: 'events.json', line: 20 },
  ...extra,
});

describe('ModelBuilder', () => {
  it('attaches events to containers by fieldPath, and dedupes describe text against JSON', () => {
    const b = new ModelBuilder();
    b.add({ file: 'pods.json', kind: 'pods', records: [pod({})], warnings: [] });
    b.add({ file: 'events.json', kind: 'events', records: [failed()], warnings: [] });
    const describeEvent = failed({ origin: 'describe', involvedObject: { kind: 'Pod', namespace: 'payments', name: 'checkout-api-7d9c6b5f4d-x2x9k' }, age: '2m (x6 over 8m)', source: { file: 'describe.txt', line: 61 } });
    b.add({ file: 'describe.txt', kind: 'describe-pod', records: [pod({ origin: 'describe', imagePullSecrets: undefined, source: { file: 'describe.txt', line: 1 } }), describeEvent], warnings: [] });
    const m = b.finish();
    expect(m.pods).toHaveLength(1);
    const c = m.pods[0].containers[0];
    expect(c.image.registry).toBe('ghcr.io');
    expect(c.events).toHaveLength(1);
    expect(c.events[0].source).toEqual({ file: 'events.json', line: 20 });
    expect(c.events[0].duplicates).toEqual([{ file: 'describe.txt', line: 61 }]);
    expect(m.eventCount).toBe(1);
    expect(m.pods[0].sources.map((s) => s.file)).toEqual(['pods.json', 'describe.txt']);
  });

  it('dedupes an object with many reasons and messages (past the in-place search) in first-seen order', () => {
    const b = new ModelBuilder();
    b.add({ file: 'pods.json', kind: 'pods', records: [pod({})], warnings: [] });
    // 12 reasons x 12 messages from the describe text first, then the same events from JSON, then 3 new ones
    const at = (origin: 'json' | 'describe', r: number, m: number, line: number) =>
      failed({ origin, reason: `Reason${r}`, message: `message ${m} of reason ${r}`, count: origin === 'json' ? 2 : 1, source: { file: `${origin}.txt`, line } });
    const describe: EventRecord[] = [];
    const json: EventRecord[] = [];
    for (let r = 0; r < 12; r++) for (let m = 0; m < 12; m++) describe.push(at('describe', r, m, 1 + r * 12 + m));
    for (let r = 11; r >= 0; r--) for (let m = 11; m >= 0; m--) json.push(at('json', r, m, 1000 + r * 12 + m));
    json.push(at('json', 3, 12, 5000), at('json', 12, 0, 5001), at('json', 12, 1, 5002));
    b.add({ file: 'describe.txt', kind: 'describe-pod', records: describe, warnings: [] });
    b.add({ file: 'events.json', kind: 'events', records: json, warnings: [] });
    const m = b.finish();
    expect(m.eventCount).toBe(12 * 12 + 3);
    const events = m.pods[0].containers[0].events;
    // every kept copy is the JSON one, seen once more in the describe text
    const deduped = events.filter((e) => e.duplicates !== undefined);
    expect(deduped).toHaveLength(144);
    // an event seen once carries no duplicates at all
    expect(events.filter((e) => e.duplicates === undefined).map((e) => e.message)).toEqual(['message 12 of reason 3', 'message 0 of reason 12', 'message 1 of reason 12']);
    expect(deduped.every((e) => e.origin === 'json' && e.count === 2 && e.duplicates?.length === 1 && e.duplicates[0].file === 'describe.txt')).toBe(true);
    // first-seen order (by reason, then message) survives the stable sort by time (no timestamps here)
    expect(events.slice(0, 3).map((e) => e.message)).toEqual(['message 0 of reason 0', 'message 1 of reason 0', 'message 2 of reason 0']);
    expect(events.findIndex((e) => e.message === 'message 12 of reason 3')).toBe(3 * 12 + 12);
    expect(events.slice(-2).map((e) => e.message)).toEqual(['message 0 of reason 12', 'message 1 of reason 12']);
  });

  it('resolves pull secrets: found, missing (FailedToRetrieveImagePullSecret), unknown', () => {
    const b = new ModelBuilder();
    b.add({ file: 'pods.json', kind: 'pods', records: [pod({ imagePullSecrets: ['ghcr-creds', 'old-creds', 'other'] })], warnings: [] });
    const secret: SecretRecord = {
      kind: 'secret',
      origin: 'json',
      namespace: 'payments',
      name: 'ghcr-creds',
      type: 'kubernetes.io/dockerconfigjson',
      dockerConfig: { format: 'dockerconfigjson', problems: [], entries: [{ key: 'https://index.docker.io/v1/', username: 'acme-ci', hasPassword: true, hasAuth: true, authValid: true, hasIdentityToken: false, hasRegistryToken: false, fingerprint: '1a2b3c4d', problems: [], source: { file: 'secret.json', line: 9 } }] },
      source: { file: 'secret.json', line: 2 },
    };
    b.add({ file: 'secret.json', kind: 'secrets', records: [secret], warnings: [] });
    b.add({ file: 'events.json', kind: 'events', records: [failed({ reason: 'FailedToRetrieveImagePullSecret', involvedObject: { kind: 'Pod', namespace: 'payments', name: 'checkout-api-7d9c6b5f4d-x2x9k' }, message: 'Unable to retrieve some image pull secrets (old-creds); attempting to pull the image may not succeed.' })], warnings: [] });
    const m = b.finish();
    const refs = m.pods[0].pullSecrets;
    expect(refs.map((r) => [r.name, r.status])).toEqual([['ghcr-creds', 'found'], ['old-creds', 'missing'], ['other', 'unknown']]);
    expect(refs[0].secret?.credentials[0].match).toEqual({ host: 'index.docker.io', path: '' });
    expect(m.capabilities.has('secret-values')).toBe(true);
    expect(m.pods[0].events.map((e) => e.reason)).toEqual(['FailedToRetrieveImagePullSecret']);
  });

  it('ties host files to their node, and a lone node gets unattributed files', () => {
    const b = new ModelBuilder();
    b.add({ file: 'pods.json', kind: 'pods', records: [pod({ nodeName: 'ip-10-0-1-23.eu-west-1.compute.internal' })], warnings: [] });
    b.add({ file: 'resolv.conf', kind: 'resolv-conf', records: [{ kind: 'resolv-conf', scope: 'node', nameservers: [{ address: '10.0.0.2', source: { file: 'resolv.conf', line: 2 } }], search: [], options: [], source: { file: 'resolv.conf', line: 1 } }], warnings: [] });
    const m = b.finish();
    expect(m.pods[0].node?.name).toBe('ip-10-0-1-23.eu-west-1.compute.internal');
    expect(m.pods[0].node?.files.resolvConf?.nameservers[0].address).toBe('10.0.0.2');
    expect(m.capabilities.has('nodes')).toBe(false);
  });

  it('infers the workload behind a ReplicaSet or a CronJob', () => {
    expect(workloadOf({ kind: 'ReplicaSet', name: 'checkout-api-7d9c6b5f4d' })).toEqual({ kind: 'Deployment', name: 'checkout-api' });
    expect(workloadOf({ kind: 'Job', name: 'nightly-report-29012345' })).toEqual({ kind: 'CronJob', name: 'nightly-report' });
    expect(workloadOf({ kind: 'StatefulSet', name: 'ledger-db' })).toEqual({ kind: 'StatefulSet', name: 'ledger-db' });
  });
});
