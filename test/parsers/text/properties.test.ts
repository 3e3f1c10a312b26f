import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textParsers } from '../../../src/parsers/text/index.js';
import { fixture } from './helpers.js';

const FIXTURES: Record<string, string[]> = {
  'describe-pod': ['describe-pods-current.txt', 'describe-pod-pre120.txt', 'describe-pod-135.txt', 'describe-pod-old14.txt'],
  'describe-node': ['describe-nodes.txt'],
  'get-pods': ['get-pods-wide.txt', 'get-pods.txt'],
  'get-events': ['get-events-wide.txt', 'get-events-all.txt'],
  'resolv-conf': ['resolv-aws.conf', 'resolv-stub.conf'],
  df: ['df-h.txt', 'df-i.txt', 'df-wrapped.txt', 'df-T.txt'],
  journal: ['journal-kubelet.txt', 'journal-containerd.txt'],
};

/** A line-level edit of a fixture: delete, duplicate, or flip one character. */
const mutation = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'flip', 'truncate', 'swap'),
  at: fc.nat(),
  ch: fc.constantFrom('\u0000', '\r', '\t', ' ', ':', '/', '(', '{', '-', '%', 'x', '\u001b[', '\u001b]52;c;', '\n', '  Warning  ', 'Name:'),
});

function mutate(text: string, edits: { op: string; at: number; ch: string }[]): string {
  let lines = text.split('\n');
  for (const e of edits) {
    const i = lines.length === 0 ? 0 : e.at % lines.length;
    if (e.op === 'delete') lines.splice(i, 1);
    else if (e.op === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (e.op === 'swap' && lines.length > 1) [lines[i], lines[(i + 1) % lines.length]] = [lines[(i + 1) % lines.length], lines[i]];
    else if (e.op === 'truncate') lines = lines.slice(0, i + 1).map((l, k) => (k === i ? l.slice(0, e.at % (l.length + 1)) : l));
    else {
      const l = lines[i] ?? '';
      const p = l.length === 0 ? 0 : e.at % l.length;
      lines[i] = l.slice(0, p) + e.ch + l.slice(p + 1);
    }
  }
  return lines.join('\n');
}

function checkResult(kind: string, text: string): void {
  const p = textParsers.find((x) => x.kind === kind)!;
  p.sniff(text.slice(0, 4096));
  const res = p.parse(text, { file: 'f.txt' });
  expect(res.kind).toBe(kind);
  // guarded() turns exceptions into this warning: there must never be one
  for (const w of res.warnings) expect(w.message).not.toMatch(/parser failed/);
  for (const r of res.records) expect((r as { source: { file: string } }).source.file).toBe('f.txt');
}

describe('text parsers never throw and always terminate', () => {
  for (const kind of Object.keys(FIXTURES)) {
    it(`${kind}: random text`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => checkResult(kind, s)),
        { numRuns: 200 },
      );
    });
    it(`${kind}: random lines built from table-ish tokens`, () => {
      const token = fc.constantFrom('Name:', 'Namespace:', 'Events:', '  Type  Reason  Age  From  Message', '  Normal', '  Warning  Failed', '  ', 'Filesystem  Size  Used Avail Use% Mounted on', 'nameserver', 'LAST SEEN   TYPE   REASON   OBJECT   MESSAGE', 'NAME  READY  STATUS  RESTARTS  AGE', '(x', ' over ', '}: ', 'spec.containers{', '50%', '1.5T', '\t', '\r', 'kubelet[1]:', 'Nov 24 09:12:01 h ', 'PullImage');
      fc.assert(
        fc.property(fc.array(fc.array(token, { maxLength: 8 }).map((t) => t.join(' ')), { maxLength: 40 }), (ls) => checkResult(kind, ls.join('\n'))),
        { numRuns: 200 },
      );
    });
    it(`${kind}: mutated fixtures`, () => {
      const texts = FIXTURES[kind].map(fixture);
      fc.assert(
        fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 }), (k, edits) => checkResult(kind, mutate(texts[k], edits))),
        { numRuns: 300 },
      );
    });
  }
});
