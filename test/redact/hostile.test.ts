import { describe, expect, it } from 'vitest';
import { redactFile } from '../../src/redact/redact-file.js';
import { redactText } from '../../src/redact/text-scan.js';

/** Bundle text is untrusted: every scan must stay linear on a 10 MB line built to hurt it. */
const MB10 = 10 * 1024 * 1024;
const fill = (unit: string) => Buffer.from(unit.repeat(Math.ceil(MB10 / unit.length))).toString('latin1');

describe('hostile 10 MB lines', () => {
  it.each([
    ['key=value chains', fill('password=')],
    ['unterminated quoted values', fill('password="') ],
    ['escaped quotes', fill('\\"password\\":\\"x')],
    ['bare keys at a line start', 'token: ' + fill('a')],
    ['URL authorities without @', fill('https://user:pass')],
    ['Bearer without a credential', fill('Bearer ')],
    ['JWT look-alikes without dots', fill('eyJ')],
    ['JWT look-alikes with too many dots', fill('eyJhbGciOi.eyJ')],
    ['PEM headers without END', fill('-----BEGIN RSA PRIVATE KEY-----x')],
    ['PEM headers that never close', fill('-----BEGIN ')],
    ['AKIA prefixes', fill('AKIAAKIA')],
    ['token prefixes', fill('ghp_glpat-github_pat_')],
    ['one long word', fill('abcdefghij')],
  ])('%s', (_name, line) => {
    // linear: ten times the text costs about ten times the time (quadratic would be a hundred)
    const small = line.slice(0, line.length / 10);
    const time = (t: string) => {
      const t0 = performance.now();
      redactText(t, {});
      return performance.now() - t0;
    };
    time(small); // warm up the JIT
    const tSmall = time(small);
    const tBig = time(line);
    expect(tBig).toBeLessThan(30 * tSmall + 300);
    expect(tBig).toBeLessThan(15_000);
  });

  it('deeply nested JSON falls back to text without a stack overflow', () => {
    const deep = '['.repeat(200_000) + '"password=FAKE-deep-pw"' + ']'.repeat(200_000);
    const r = redactFile('pods.json', Buffer.from(deep));
    expect(r.treatment).toBe('text');
    expect(r.content!.toString()).not.toContain('FAKE-deep-pw');
  });

  it('a 10 MB JSON string value with nested escaped JSON', () => {
    const inner = JSON.stringify({ password: 'FAKE-inner-pw', note: 'x'.repeat(MB10) });
    const doc = JSON.stringify({ metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': inner } } });
    const t0 = performance.now();
    const r = redactFile('pods.json', Buffer.from(doc));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.treatment).toBe('json');
    expect(r.content!.toString()).not.toContain('FAKE-inner-pw');
    expect(r.counts).toEqual({ PASSWORD: 1 });
  });
});
