import { describe, expect, it } from 'vitest';
import { getEventsParser } from '../../../src/parsers/text/get-events.js';
import { events, fixture } from './helpers.js';

describe('get-events', () => {
  it('sniffs the event tables and not the pod tables', () => {
    for (const f of ['get-events.txt', 'get-events-all.txt', 'get-events-wide.txt']) expect(getEventsParser.sniff(fixture(f)), f).toBe(true);
    expect(getEventsParser.sniff(fixture('get-pods-wide.txt'))).toBe(false);
  });

  it('plain table: object kinds, namespace from ctx, full messages', () => {
    const res = getEventsParser.parse(fixture('get-events.txt'), { file: 'events.txt', namespace: 'shop' });
    expect(res.warnings).toEqual([]);
    const ev = events(res.records);
    expect(ev.map((e) => [e.involvedObject.kind, e.reason, e.source.line])).toEqual([
      ['Pod', 'Scheduled', 2],
      ['Pod', 'Pulling', 3],
      ['Pod', 'Failed', 4],
      ['Pod', 'BackOff', 5],
      ['ReplicaSet', 'SuccessfulCreate', 6],
      ['Node', 'FreeDiskSpaceFailed', 7],
      ['Pod', 'FailedToRetrieveImagePullSecret', 8],
    ]);
    expect(ev[2]).toEqual({
      kind: 'event',
      origin: 'table',
      namespace: 'shop',
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-7d9c6b5f4d-x2x9k' },
      type: 'Warning',
      reason: 'Failed',
      message:
        'Failed to pull image "registry.acme.internal/team/api:1.0.7": failed to pull and unpack image "registry.acme.internal/team/api:1.0.7": failed to resolve reference "registry.acme.internal/team/api:1.0.7": failed to do request: Head "https://registry.acme.internal/v2/team/api/manifests/1.0.7": dial tcp: lookup registry.acme.internal on 10.0.0.2:53: no such host',
      age: '2m25s',
      source: { file: 'events.txt', line: 4 },
    });
    expect(ev[5].involvedObject).toEqual({ kind: 'Node', name: 'ip-10-0-1-23.ec2.internal' });
    expect(ev[6].message).toBe('Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.');
  });

  it('-A table: namespace column wins', () => {
    const ev = events(getEventsParser.parse(fixture('get-events-all.txt'), { file: 'e', namespace: 'nope' }).records);
    expect(ev.map((e) => `${e.namespace} ${e.involvedObject.name} ${e.reason}`)).toEqual([
      'shop cache-0 Failed',
      'shop cache-0 Failed',
      'default ip-10-0-1-23.ec2.internal FreeDiskSpaceFailed',
      'finance billing-6b7f8c9d5-mn4kq Failed',
    ]);
    expect(ev[0].message).toMatch(/manifests\/7\.2\.4: 429 Too Many Requests$/);
  });

  it('-o wide: SUBOBJECT → fieldPath, SOURCE → component/host, trailing FIRST SEEN COUNT NAME cut from the message', () => {
    const ev = events(getEventsParser.parse(fixture('get-events-wide.txt'), { file: 'e' }).records);
    expect(ev).toHaveLength(4);
    expect(ev[1]).toMatchObject({
      namespace: 'shop',
      involvedObject: { kind: 'Pod', name: 'web-7d9c6b5f4d-x2x9k', fieldPath: 'spec.containers{app}' },
      sourceComponent: 'kubelet',
      sourceHost: 'ip-10-0-1-23.ec2.internal',
      count: 4,
    });
    expect(ev[1].message).toMatch(/^Failed to pull image ".*: no such host$/);
    expect(ev[2]).toMatchObject({ reason: 'BackOff', count: 6, sourceComponent: 'kubelet', message: 'Back-off pulling image "registry.acme.internal/team/api:1.0.7"' });
    expect(ev[2].sourceHost).toBeUndefined();
    expect(ev[3]).toMatchObject({ reason: 'FreeDiskSpaceFailed', count: 7, involvedObject: { kind: 'Node' } });
    expect(ev[3].involvedObject.fieldPath).toBeUndefined();
    expect(ev[3].message).toBe('Failed to garbage collect required amount of images. Attempted to free 5368709120 bytes, but only found 0 bytes eligible to free.');
  });

  it('a multi-line message continues on the next lines; rows after it realign', () => {
    const text = [
      'LAST SEEN   TYPE      REASON    OBJECT        MESSAGE',
      '12s         Warning   Failed    pod/cache-0   Failed to pull image "redis:7.2.4": failed to pull and unpack image "docker.io/library/redis:7.2.4": failed to resolve image: unexpected status from GET request to https://registry-1.docker.io/v2/library/redis/manifests/7.2.4: 429 Too Many Requests',
      'toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit',
      '1s     Normal  BackOff  pod/cache-0  Back-off pulling image "redis:7.2.4"',
    ].join('\n');
    const res = getEventsParser.parse(text, { file: 'e' });
    const ev = events(res.records);
    expect(ev).toHaveLength(2);
    expect(ev[0].message.split('\n')).toHaveLength(2);
    expect(ev[0].message).toMatch(/429 Too Many Requests\ntoomanyrequests: You have reached/);
    expect(ev[1]).toMatchObject({ reason: 'BackOff', age: '1s', source: { line: 4 }, message: 'Back-off pulling image "redis:7.2.4"' });
  });

  it('kubectl events style LAST SEEN with a count, and 1.35+ style prefix in the message', () => {
    const text = [
      'LAST SEEN           TYPE      REASON   OBJECT        MESSAGE',
      '50s (x4 over 2m)    Warning   Failed   Pod/cache-0   spec.containers{redis}: Failed to pull image "redis:7.2.4": pull QPS exceeded',
    ].join('\n');
    const ev = events(getEventsParser.parse(text, { file: 'e' }).records);
    expect(ev[0]).toMatchObject({ count: 4, age: '50s (x4 over 2m)', involvedObject: { kind: 'Pod', fieldPath: 'spec.containers{redis}' }, message: 'Failed to pull image "redis:7.2.4": pull QPS exceeded' });
  });
});

describe('get-events, kubectl before 1.14 (NAME and KIND columns)', () => {
  it('reads the involved object from NAME/KIND and COUNT before MESSAGE', () => {
    const text = [
      'LAST SEEN   FIRST SEEN   COUNT     NAME                                 KIND      SUBOBJECT              TYPE      REASON                SOURCE                               MESSAGE',
      '2m          4m           4         web-7d9c6b5f4d-x2x9k                 Pod       spec.containers{app}   Warning   Failed                kubelet, ip-10-0-1-23.ec2.internal   Failed to pull image "nginx:1.27.99": rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:1.27.99 not found',
      '31m         33m          7         ip-10-0-1-23.ec2.internal            Node                             Warning   FreeDiskSpaceFailed   kubelet, ip-10-0-1-23.ec2.internal   Failed to garbage collect required amount of images. Attempted to free 5368709120 bytes, but only found 0 bytes eligible to free.',
    ].join('\n');
    const res = getEventsParser.parse(text, { file: 'e', namespace: 'shop' });
    const ev = events(res.records);
    expect(ev).toHaveLength(2);
    expect(ev[0]).toMatchObject({
      count: 4,
      age: '2m',
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-7d9c6b5f4d-x2x9k', fieldPath: 'spec.containers{app}' },
      sourceHost: 'ip-10-0-1-23.ec2.internal',
      message: 'Failed to pull image "nginx:1.27.99": rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:1.27.99 not found',
    });
    expect(ev[1]).toMatchObject({ reason: 'FreeDiskSpaceFailed', count: 7, involvedObject: { kind: 'Node', name: 'ip-10-0-1-23.ec2.internal' } });
  });
});

describe('get-events -o wide after a multi-line message', () => {
  it('reads the restarted tabwriter block, a blank SUBOBJECT included, and the trailing columns of the continued row', () => {
    const text = [
      'NAMESPACE   LAST SEEN   TYPE      REASON                OBJECT                           SUBOBJECT              SOURCE                               MESSAGE                                                  FIRST SEEN   COUNT   NAME',
      'shop        12s         Warning   Failed                pod/cache-0                      spec.containers{redis}  kubelet, ip-10-0-2-41.ec2.internal   Failed to pull image "redis:7.2.4": failed to pull and unpack image "docker.io/library/redis:7.2.4": failed to resolve image: unexpected status from GET request to https://registry-1.docker.io/v2/library/redis/manifests/7.2.4: 429 Too Many Requests',
      'toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit   76s   3   cache-0.1879a3c2c1e2f3a4',
      'default   31m   Warning   FreeDiskSpaceFailed   node/ip-10-0-1-23.ec2.internal      kubelet, ip-10-0-1-23.ec2.internal   Failed to garbage collect required amount of images. Attempted to free 5368709120 bytes, but only found 0 bytes eligible to free.   33m   7   ip-10-0-1-23.ec2.internal.1879a1f0e2d3c4b5',
    ].join('\n');
    const res = getEventsParser.parse(text, { file: 'e' });
    const ev = events(res.records);
    expect(ev).toHaveLength(2);
    expect(ev[0]).toMatchObject({ count: 3, involvedObject: { name: 'cache-0', fieldPath: 'spec.containers{redis}' } });
    expect(ev[0].message).toBe(
      'Failed to pull image "redis:7.2.4": failed to pull and unpack image "docker.io/library/redis:7.2.4": failed to resolve image: unexpected status from GET request to https://registry-1.docker.io/v2/library/redis/manifests/7.2.4: 429 Too Many Requests\ntoomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit',
    );
    expect(ev[1]).toMatchObject({
      namespace: 'default',
      reason: 'FreeDiskSpaceFailed',
      count: 7,
      age: '31m',
      sourceHost: 'ip-10-0-1-23.ec2.internal',
      involvedObject: { kind: 'Node', name: 'ip-10-0-1-23.ec2.internal' },
      message: 'Failed to garbage collect required amount of images. Attempted to free 5368709120 bytes, but only found 0 bytes eligible to free.',
      source: { line: 4 },
    });
    expect(ev[1].involvedObject.fieldPath).toBeUndefined();
  });
});
