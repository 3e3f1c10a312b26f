import { describe, expect, it } from 'vitest';
import { describeNodeParser } from '../../../src/parsers/text/describe-node.js';
import { events, fixture, lineOf, nodes } from './helpers.js';

describe('describe-node', () => {
  const text = fixture('describe-nodes.txt');
  const res = describeNodeParser.parse(text, { file: 'nodes.txt' });

  it('sniffs describe node but not describe pod', () => {
    expect(describeNodeParser.sniff(text.slice(0, 4096))).toBe(true);
    expect(describeNodeParser.sniff(fixture('describe-pods-current.txt'))).toBe(false);
    expect(describeNodeParser.sniff('Name: x\nRoles: y\n')).toBe(true);
    expect(describeNodeParser.sniff('kind: Node\nName: x\nRoles: y\n')).toBe(false);
  });

  it('reads two nodes with labels, taints, addresses, capacity and System Info', () => {
    expect(res.warnings).toEqual([]);
    const [aws, rpi] = nodes(res.records);
    expect(aws).toMatchObject({
      origin: 'describe',
      name: 'ip-10-0-1-23.ec2.internal',
      architecture: 'amd64',
      operatingSystem: 'linux',
      osImage: 'Amazon Linux 2',
      kernelVersion: '5.10.227-219.884.amzn2.x86_64',
      containerRuntimeVersion: 'containerd://1.7.13',
      kubeletVersion: 'v1.29.4-eks-036c24b',
      source: { file: 'nodes.txt', line: 1 },
      infoSource: { file: 'nodes.txt', line: lineOf(text, 'System Info:') },
    });
    expect(aws.labels['kubernetes.io/arch']).toBe('amd64');
    expect(aws.labels['topology.kubernetes.io/zone']).toBe('eu-west-1a');
    expect(Object.keys(aws.labels)).toHaveLength(8);
    expect(aws.taints).toEqual([
      { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'ml', effect: 'NoExecute' },
    ]);
    expect(aws.addresses).toEqual([
      { type: 'InternalIP', address: '10.0.1.23' },
      { type: 'InternalDNS', address: 'ip-10-0-1-23.ec2.internal' },
      { type: 'Hostname', address: 'ip-10-0-1-23.ec2.internal' },
    ]);
    expect(aws.capacity?.['ephemeral-storage']).toBe('20959212Ki');
    expect(aws.allocatable?.['ephemeral-storage']).toBe('18242267924');
    expect(rpi).toMatchObject({ name: 'rpi-worker-1', architecture: 'arm64', containerRuntimeVersion: 'cri-o://1.29.5', osImage: 'Debian GNU/Linux 12 (bookworm)' });
    expect(rpi.labels['node-role.kubernetes.io/worker']).toBe('');
    expect(rpi.taints.map((t) => t.effect)).toEqual(['NoExecute', 'NoSchedule']);
  });

  it('reads the Conditions table, including DiskPressure True and all-Unknown rows', () => {
    const [aws, rpi] = nodes(res.records);
    expect(aws.conditions.map((c) => [c.type, c.status])).toEqual([
      ['MemoryPressure', 'False'],
      ['DiskPressure', 'True'],
      ['PIDPressure', 'False'],
      ['Ready', 'True'],
    ]);
    expect(aws.conditions[1]).toEqual({
      type: 'DiskPressure',
      status: 'True',
      lastTransitionTime: 'Tue, 24 Nov 2026 08:41:17 +0000',
      reason: 'KubeletHasDiskPressure',
      message: 'kubelet has disk pressure',
      source: { file: 'nodes.txt', line: lineOf(text, 'KubeletHasDiskPressure') },
    });
    expect(rpi.conditions).toHaveLength(4);
    for (const c of rpi.conditions) expect(c).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
  });

  it('reads node events as EventRecords on kind Node; Events: <none> gives none', () => {
    const ev = events(res.records);
    expect(ev.map((e) => e.reason)).toEqual(['NodeHasDiskPressure', 'FreeDiskSpaceFailed', 'ImageGCFailed', 'EvictionThresholdMet']);
    expect(ev[1]).toEqual({
      kind: 'event',
      origin: 'describe',
      involvedObject: { kind: 'Node', name: 'ip-10-0-1-23.ec2.internal' },
      type: 'Warning',
      reason: 'FreeDiskSpaceFailed',
      message: 'Failed to garbage collect required amount of images. Attempted to free 5368709120 bytes, but only found 0 bytes eligible to free.',
      count: 7,
      age: '3m (x7 over 33m)',
      sourceComponent: 'kubelet',
      source: { file: 'nodes.txt', line: lineOf(text, 'FreeDiskSpaceFailed') },
    });
  });

  it('falls back to header offsets when an empty Reason cell merges the gaps', () => {
    const t = [
      'Name:               old-node',
      'Roles:              <none>',
      'Conditions:',
      '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
      '  ----             ------  -----------------                 ------------------                ------                       -------',
      '  OutOfDisk        False   Tue, 24 Nov 2026 09:12:01 +0000   Mon, 02 Nov 2026 08:00:00 +0000                                kubelet has sufficient disk space available',
    ].join('\n');
    const node = nodes(describeNodeParser.parse(t, { file: 'n' }).records)[0];
    expect(node.conditions[0]).toMatchObject({ type: 'OutOfDisk', status: 'False', message: 'kubelet has sufficient disk space available', lastTransitionTime: 'Mon, 02 Nov 2026 08:00:00 +0000' });
    expect(node.conditions[0].reason).toBeUndefined();
    expect(node.architecture).toBeUndefined();
  });
});
