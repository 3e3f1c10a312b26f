import { describe, expect, it } from 'vitest';
import { getPodsParser } from '../../../src/parsers/text/get-pods.js';
import { fixture, pods } from './helpers.js';

describe('get-pods', () => {
  it('sniffs the three table shapes and nothing else', () => {
    for (const f of ['get-pods.txt', 'get-pods-all.txt', 'get-pods-wide.txt']) expect(getPodsParser.sniff(fixture(f)), f).toBe(true);
    expect(getPodsParser.sniff(fixture('get-events.txt'))).toBe(false);
    expect(getPodsParser.sniff('No resources found in default namespace.\n')).toBe(false);
  });

  it('plain table: namespace from ctx, else assumed default; Init: statuses kept', () => {
    const text = fixture('get-pods.txt');
    const withNs = pods(getPodsParser.parse(text, { file: 'p', namespace: 'shop' }).records);
    expect(withNs.map((p) => p.namespace)).toEqual(['shop', 'shop', 'shop', 'shop']);
    const res = getPodsParser.parse(text, { file: 'get-pods.txt' });
    expect(res.warnings).toEqual([]);
    const ps = pods(res.records);
    expect(ps.map((p) => [p.namespace, p.name, p.displayStatus, p.source.line])).toEqual([
      ['default', 'web-7d9c6b5f4d-x2x9k', 'Init:ImagePullBackOff', 2],
      ['default', 'cache-0', 'ErrImagePull', 3],
      ['default', 'api-5f8c9d7b6-qw7rt', 'ImagePullBackOff', 4],
      ['default', 'worker-6c9f7d8b4-zz2lp', 'Running', 5],
    ]);
    expect(ps[0]).toEqual({
      kind: 'pod',
      origin: 'table',
      namespace: 'default',
      name: 'web-7d9c6b5f4d-x2x9k',
      containers: [],
      displayStatus: 'Init:ImagePullBackOff',
      source: { file: 'get-pods.txt', line: 2 },
    });
  });

  it('-A table: namespace from the column', () => {
    const ps = pods(getPodsParser.parse(fixture('get-pods-all.txt'), { file: 'p', namespace: 'ignored' }).records);
    expect(ps.map((p) => `${p.namespace}/${p.name}:${p.displayStatus}`)).toEqual([
      'kube-system/coredns-5d78c9869d-8x7kq:Running',
      'shop/web-7d9c6b5f4d-x2x9k:ImagePullBackOff',
      'finance/billing-6b7f8c9d5-mn4kq:Init:ErrImagePull',
      'ml/trainer-0:ContainerCreating',
    ]);
  });

  it('-o wide: node from NODE, <none> means unscheduled, RESTARTS with "(3h4m ago)" does not shift columns', () => {
    const ps = pods(getPodsParser.parse(fixture('get-pods-wide.txt'), { file: 'p' }).records);
    expect(ps.map((p) => [p.name, p.nodeName, p.displayStatus])).toEqual([
      ['web-7d9c6b5f4d-x2x9k', 'ip-10-0-1-23.ec2.internal', 'ImagePullBackOff'],
      ['cache-0', 'ip-10-0-2-41.ec2.internal', 'ErrImagePull'],
      ['queue-7b9d8f6c5-pl2mn', undefined, 'Pending'],
      ['node-exporter-9xk2p', 'ip-10-0-1-23.ec2.internal', 'Running'],
    ]);
  });

  it('skips unreadable rows with one warning and keeps the rest', () => {
    const text = fixture('get-pods.txt') + 'x\n   \nweb-2   0/1\n';
    const res = getPodsParser.parse(text, { file: 'p' });
    expect(pods(res.records)).toHaveLength(4);
    expect(res.warnings).toHaveLength(1);
    expect(res.warnings[0]).toMatchObject({ file: 'p', line: 6 });
  });
});
