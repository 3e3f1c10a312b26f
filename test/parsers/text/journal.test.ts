import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../src/parsers/records.js';
import { JournalScanner, journalParser, linePrefix } from '../../../src/parsers/text/journal.js';
import { fixture, lineOf } from './helpers.js';

const parse = (text: string, file = 'j.txt', node?: string) => {
  const res = journalParser.parse(text, { file, node });
  return { res, rec: res.records[0] as JournalRecord };
};

describe('journal', () => {
  it('sniffs kubelet, containerd and CRI-O journals; not df, resolv.conf or describe', () => {
    for (const f of ['journal-kubelet.txt', 'journal-containerd.txt', 'journal-crio-precise.txt']) expect(journalParser.sniff(fixture(f)), f).toBe(true);
    for (const f of ['df-h.txt', 'resolv-aws.conf', 'describe-pods-current.txt', 'get-events.txt']) expect(journalParser.sniff(fixture(f)), f).toBe(false);
    expect(journalParser.sniff('Nov 24 09:12:01 host sshd[99]: Accepted publickey for root\n')).toBe(false);
    // bare logfmt / klog lines are what pod logs look like (traefik, metrics-server): not sniffed
    expect(journalParser.sniff('time="2022-12-21T09:42:40Z" level=info msg="Configuration loaded from flags."\n')).toBe(false);
    expect(journalParser.sniff('I1221 09:43:29.498401       1 requestheader_controller.go:169] Starting RequestHeaderAuthRequestController\n')).toBe(false);
  });

  it('reads prefixes of short, short-precise, short-iso, klog and logfmt lines', () => {
    expect(linePrefix('Nov 24 09:12:01 ip-10-0-1-23 kubelet[1187]: E1124 x')).toEqual({ time: 'Nov 24 09:12:01', ident: 'kubelet' });
    expect(linePrefix('Nov  4 09:12:01.514276 worker-2 crio[944]: x')).toEqual({ time: 'Nov  4 09:12:01.514276', ident: 'crio' });
    expect(linePrefix('2026-11-24T09:12:01+0000 h containerd[812]: x')).toEqual({ time: '2026-11-24T09:12:01+0000', ident: 'containerd' });
    expect(linePrefix('2026-11-24T09:12:01.514276+00:00 h dockerd[700]: x')).toEqual({ time: '2026-11-24T09:12:01.514276+00:00', ident: 'dockerd' });
    expect(linePrefix('E1124 09:12:01.514276    1187 remote_image.go:180] x')).toEqual({ time: 'E1124 09:12:01.514276', ident: 'kubelet' });
    expect(linePrefix('time="2026-11-24T09:12:01.514276Z" level=error msg="x"')).toEqual({ time: '2026-11-24T09:12:01.514276Z' });
    expect(linePrefix('Tue 2026-11-24 09:12:01 UTC h kubelet[1187]: x')).toEqual({ time: 'Tue 2026-11-24 09:12:01 UTC', ident: 'kubelet' });
    expect(linePrefix('1795511521.514276 h containerd[812]: x')).toEqual({ time: '1795511521.514276', ident: 'containerd' });
    expect(linePrefix('garbage')).toEqual({});
  });

  it('kubelet journal: keeps only image-pull lines, with time, unit and line; counts every line', () => {
    const text = fixture('journal-kubelet.txt');
    const { res, rec } = parse(text, 'host-collectors/run-host/journalctl-kubelet.txt', 'ip-10-0-1-23');
    expect(res.warnings).toEqual([]);
    expect(rec).toMatchObject({ kind: 'journal', node: 'ip-10-0-1-23', unit: 'kubelet', totalLines: 9 });
    expect(rec.lines.map((l) => l.source.line)).toEqual([
      lineOf(text, 'PullImage from image service failed'),
      lineOf(text, '"Failed to pull image"'),
      lineOf(text, 'ImagePullBackOff'),
      lineOf(text, 'Image garbage collection failed'),
    ]);
    expect(rec.lines[0]).toMatchObject({ time: 'Nov 24 09:12:01', unit: 'kubelet', source: { file: 'host-collectors/run-host/journalctl-kubelet.txt' } });
    expect(rec.lines[0].text).toContain('lookup registry.acme.internal on 10.0.0.2:53: no such host');
  });

  it('containerd journal (short-iso): PullImage lines and the progress-timeout cancel', () => {
    const { rec } = parse(fixture('journal-containerd.txt'));
    expect(rec.unit).toBe('containerd');
    expect(rec.totalLines).toBe(6);
    expect(rec.lines.map((l) => l.source.line)).toEqual([1, 2, 4, 5, 6]);
    expect(rec.lines[3].text).toContain('cancel pulling image docker.io/pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime because of no progress in 1m0s');
    expect(rec.lines[3].time).toBe('2026-11-24T09:14:40+0000');
  });

  it('CRI-O short-precise journal', () => {
    const { rec } = parse(fixture('journal-crio-precise.txt'));
    expect(rec.unit).toBe('crio');
    expect(rec.lines.map((l) => [l.time, l.source.line])).toEqual([['Nov 24 09:20:01.118230', 1]]);
  });

  it('mixed units give no record unit; CRLF and ANSI colour are cleaned from kept lines', () => {
    const text = [
      'Nov 24 09:12:01 h kubelet[1]: E1124 09:12:01.5 1 x.go:1] "PullImage from image service failed"\r',
      'Nov 24 09:12:01 h containerd[2]: time="t" level=error msg="\u001b[31mPullImage\u001b[0m \\"x\\" failed"\r',
    ].join('\n');
    const { rec } = parse(text);
    expect(rec.unit).toBeUndefined();
    expect(rec.lines.map((l) => l.unit)).toEqual(['kubelet', 'containerd']);
    expect(rec.lines[1].text).toBe('Nov 24 09:12:01 h containerd[2]: time="t" level=error msg="PullImage \\"x\\" failed"');
    expect(rec.totalLines).toBe(2);
  });

  it('streams: chunks split mid-line give the same result as one text', () => {
    const text = fixture('journal-kubelet.txt') + fixture('journal-containerd.txt');
    const whole = parse(text).res;
    const s = new JournalScanner({ file: 'j.txt' });
    for (let i = 0; i < text.length; i += 97) s.feed(text.slice(i, i + 97));
    expect(s.end()).toEqual(whole);
  });

  it('cuts a giant line with a warning and keeps going', () => {
    const text = 'Nov 24 09:12:01 h kubelet[1]: Failed to pull image ' + 'a'.repeat(300_000) + '\nNov 24 09:12:02 h kubelet[1]: Pulling image "x"\n';
    const { res, rec } = parse(text);
    expect(rec.lines).toHaveLength(2);
    expect(rec.lines[0].text.length).toBe(64 * 1024);
    expect(rec.lines[1].source.line).toBe(2);
    expect(res.warnings).toEqual([{ file: 'j.txt', line: 1, message: expect.stringContaining('cut') }]);
  });
});

describe('journal filter and bounds', () => {
  it('keeps Back-Off / X509 / Docker wordings regardless of case, drops unrelated lines', () => {
    const text = [
      'Nov 24 09:12:01 h dockerd[700]: time="2026-11-24T09:12:01Z" level=error msg="Handler for POST /v1.41/images/create returned error: Get \\"https://registry.acme.internal/v2/\\": X509: certificate signed by unknown authority"',
      'Nov 24 09:12:02 h kubelet[1187]: E1124 09:12:02.000000 1187 pod_workers.go:1298] "Error syncing pod" err="Back-Off pulling image \\"x\\""',
      'Nov 24 09:12:03 h kubelet[1187]: I1124 09:12:03.000000 1187 kubelet.go:2436] "SyncLoop (PLEG): event for pod"',
      'Nov 24 09:12:04 h dockerd[700]: time="2026-11-24T09:12:04Z" level=info msg="Attempting next endpoint for pull after error: Get \\"https://registry-1.docker.io/v2/\\": dial tcp: lookup registry-1.docker.io: Temporary failure in name resolution"',
    ].join('\n');
    const { rec } = parse(text);
    expect(rec.lines.map((l) => [l.source.line, l.unit])).toEqual([
      [1, 'docker'],
      [2, 'kubelet'],
      [4, 'docker'],
    ]);
    expect(rec.unit).toBeUndefined();
  });

  it('keeps at most 20000 lines and says how many more there were', () => {
    const line = 'Nov 24 09:12:01 h kubelet[1]: "PullImage from image service failed" err="x"\n';
    const { res, rec } = parse(line.repeat(20003));
    expect(rec.lines).toHaveLength(20000);
    expect(rec.totalLines).toBe(20003);
    expect(res.warnings).toEqual([{ file: 'j.txt', message: expect.stringContaining('3 more') }]);
  });
});
