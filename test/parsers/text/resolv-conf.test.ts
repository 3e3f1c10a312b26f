import { describe, expect, it } from 'vitest';
import type { ResolvConfRecord } from '../../../src/parsers/records.js';
import { resolvConfParser } from '../../../src/parsers/text/resolv-conf.js';
import { fixture } from './helpers.js';

describe('resolv-conf', () => {
  it('sniffs resolv.conf files, not other text', () => {
    expect(resolvConfParser.sniff(fixture('resolv-aws.conf'))).toBe(true);
    expect(resolvConfParser.sniff(fixture('resolv-stub.conf'))).toBe(true);
    expect(resolvConfParser.sniff('# just a comment\n')).toBe(false);
    expect(resolvConfParser.sniff('nameserver 10.0.0.2\nhello world\n')).toBe(false);
    expect(resolvConfParser.sniff(fixture('df-h.txt'))).toBe(false);
    expect(resolvConfParser.sniff('{"nameserver": "x"}')).toBe(false);
  });

  it('reads nameservers with their lines, search and options; node scope from ctx', () => {
    const res = resolvConfParser.parse(fixture('resolv-aws.conf'), { file: 'host-collectors/run-host/resolv-conf.txt', node: 'ip-10-0-1-23' });
    expect(res.warnings).toEqual([]);
    expect(res.records).toEqual([
      {
        kind: 'resolv-conf',
        node: 'ip-10-0-1-23',
        scope: 'node',
        nameservers: [{ address: '10.0.0.2', source: { file: 'host-collectors/run-host/resolv-conf.txt', line: 3 } }],
        search: ['eu-west-1.compute.internal'],
        options: ['timeout:2', 'attempts:5'],
        source: { file: 'host-collectors/run-host/resolv-conf.txt' },
      },
    ]);
  });

  it('systemd-resolved stub: 127.0.0.53, `search .` means no search domain', () => {
    const rec = resolvConfParser.parse(fixture('resolv-stub.conf'), { file: 'r' }).records[0] as ResolvConfRecord;
    expect(rec.nameservers).toEqual([{ address: '127.0.0.53', source: { file: 'r', line: 21 } }]);
    expect(rec.search).toEqual([]);
    expect(rec.options).toEqual(['edns0', 'trust-ad']);
    expect(rec.node).toBeUndefined();
  });

  it('the last search/domain line wins, trailing comments and unknown lines', () => {
    const text = 'domain corp.acme.io\nsearch a.svc b.svc # pods\nnameserver 10.96.0.10\r\nnameserver 8.8.8.8 ; backup\nbogus line\n';
    const res = resolvConfParser.parse(text, { file: 'r' });
    const rec = res.records[0] as ResolvConfRecord;
    expect(rec.search).toEqual(['a.svc', 'b.svc']);
    expect(rec.nameservers.map((n) => [n.address, n.source.line])).toEqual([
      ['10.96.0.10', 3],
      ['8.8.8.8', 4],
    ]);
    expect(res.warnings).toEqual([{ file: 'r', line: 5, message: expect.stringContaining('1 line') }]);
  });

  it('no nameserver: a record with a warning', () => {
    const res = resolvConfParser.parse('search x\n', { file: 'r' });
    expect((res.records[0] as ResolvConfRecord).nameservers).toEqual([]);
    expect(res.warnings[0].message).toMatch(/no nameserver/);
  });
});
