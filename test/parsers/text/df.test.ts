import { describe, expect, it } from 'vitest';
import type { DfRecord } from '../../../src/parsers/records.js';
import { dfParser, parseSize } from '../../../src/parsers/text/df.js';
import { fixture, lineOf } from './helpers.js';

const G = 1024 ** 3;
const M = 1024 ** 2;
const parse = (name: string) => {
  const res = dfParser.parse(fixture(name), { file: name, node: 'ip-10-0-1-23' });
  return { res, recs: res.records as DfRecord[] };
};
const row = (rec: DfRecord, mount: string) => rec.rows.find((r) => r.mountedOn === mount);

describe('df', () => {
  it('sniffs every variant and not resolv.conf or describe', () => {
    for (const f of ['df-h.txt', 'df-k.txt', 'df-P.txt', 'df-T.txt', 'df-hT.txt', 'df-i.txt', 'df-wrapped.txt', 'df-busybox.txt']) expect(dfParser.sniff(fixture(f)), f).toBe(true);
    expect(dfParser.sniff(fixture('resolv-aws.conf'))).toBe(false);
    expect(dfParser.sniff(fixture('describe-nodes.txt'))).toBe(false);
  });

  it('parses human sizes', () => {
    expect(parseSize('50G', 1)).toBe(50 * G);
    expect(parseSize('1.5T', 1)).toBe(1.5 * 1024 * G);
    expect(parseSize('980M', 1)).toBe(980 * M);
    expect(parseSize('1,5G', 1)).toBe(1.5 * G);
    expect(parseSize('12K', 1)).toBe(12 * 1024);
    expect(parseSize('20959212', 1024)).toBe(20959212 * 1024);
    expect(parseSize('-', 1)).toBeUndefined();
    expect(parseSize('abc', 1)).toBeUndefined();
  });

  it('df -h: rows with bytes, Use%, node from ctx, mount points with spaces', () => {
    const { res, recs } = parse('df-h.txt');
    expect(res.warnings).toEqual([]);
    expect(recs).toHaveLength(1);
    const [rec] = recs;
    expect(rec).toMatchObject({ kind: 'df', node: 'ip-10-0-1-23', variant: 'bytes', source: { file: 'df-h.txt', line: 1 } });
    expect(rec.rows).toHaveLength(11);
    expect(row(rec, '/var/lib/containerd')).toEqual({
      filesystem: '/dev/nvme1n1',
      size: Math.round(1.5 * 1024 * G),
      used: Math.round(1.4 * 1024 * G),
      available: 61 * G,
      usePercent: 96,
      mountedOn: '/var/lib/containerd',
      source: { file: 'df-h.txt', line: lineOf(fixture('df-h.txt'), '/var/lib/containerd') },
    });
    expect(row(rec, '/')).toMatchObject({ filesystem: '/dev/root', usePercent: 95, size: 20 * G });
    expect(row(rec, '/dev')).toMatchObject({ used: 0, usePercent: 0 });
    expect(row(rec, '/mnt/team share')).toMatchObject({ filesystem: '//nas.acme.internal/share', usePercent: 55 });
  });

  it('df -k and -P: 1K blocks to bytes, Capacity column as Use%', () => {
    const k = parse('df-k.txt').recs[0];
    expect(row(k, '/var/lib/containerd')).toMatchObject({ size: 103081248 * 1024, used: 98765432 * 1024, available: 4315816 * 1024, usePercent: 96 });
    const p = parse('df-P.txt').recs[0];
    expect(row(p, '/')).toMatchObject({ filesystem: '/dev/root', size: 20959212 * 1024, usePercent: 95 });
    expect(row(p, '/')?.type).toBeUndefined();
  });

  it('df -T and -hT: Type column', () => {
    const t = parse('df-T.txt').recs[0];
    expect(t.rows.map((r) => [r.filesystem, r.type, r.usePercent])).toEqual([
      ['/dev/root', 'ext4', 95],
      ['tmpfs', 'tmpfs', 0],
      ['/dev/nvme1n1', 'xfs', 96],
    ]);
    const ht = parse('df-hT.txt').recs[0];
    expect(row(ht, '/var/lib/containers/storage')).toMatchObject({ type: 'xfs', size: 200 * G, used: 41 * G, available: 160 * G, usePercent: 21 });
  });

  it('df -i: inodes variant, counts not bytes, "-" IUse% left undefined', () => {
    const { res, recs } = parse('df-i.txt');
    expect(res.warnings).toEqual([]);
    const [rec] = recs;
    expect(rec.variant).toBe('inodes');
    expect(row(rec, '/')).toMatchObject({ size: 2621440, used: 2601234, available: 20206, usePercent: 100 });
    const overlay = rec.rows.find((r) => r.filesystem === 'overlay');
    expect(overlay).toMatchObject({ size: 0, used: 0, available: 0 });
    expect(overlay?.usePercent).toBeUndefined();
  });

  it('long filesystem names wrapped onto their own line', () => {
    const text = fixture('df-wrapped.txt');
    const { res, recs } = parse('df-wrapped.txt');
    expect(res.warnings).toEqual([]);
    expect(recs[0].rows.map((r) => [r.filesystem, r.mountedOn, r.usePercent, r.source.line])).toEqual([
      ['/dev/mapper/VolGroup00-LogVol00', '/', 95, 3],
      ['/dev/sda1', '/boot', 13, 4],
      ['/dev/mapper/vg_data-lv_var_lib_docker', '/var/lib/docker', 100, lineOf(text, '/var/lib/docker', 6)],
    ]);
    expect(recs[0].rows[2]).toMatchObject({ size: 51475068 * 1024, available: 0 });
  });

  it('busybox df -h', () => {
    const rec = parse('df-busybox.txt').recs[0];
    expect(row(rec, '/')).toMatchObject({ filesystem: 'overlay', size: Math.round(19.5 * G), available: Math.round(928 * M), usePercent: 95 });
  });

  it('df -h; df -i in one file gives two records; garbage rows warn with the line', () => {
    const text = fixture('df-h.txt') + 'df: /proc/sys/fs/binfmt_misc: Permission denied\n' + fixture('df-i.txt');
    const res = dfParser.parse(text, { file: 'df.txt' });
    const recs = res.records as DfRecord[];
    expect(recs.map((r) => [r.variant, r.rows.length])).toEqual([
      ['bytes', 11],
      ['inodes', 5],
    ]);
    expect(recs[1].source.line).toBe(14);
    expect(res.warnings).toEqual([{ file: 'df.txt', line: 13, message: expect.stringContaining('1 df line') }]);
  });
});
