import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, isInert, sanitizeDeep } from '../../src/report/sanitize.js';

/** Pieces the scrubber reacts to, mixed with name-like text. */
const piece = fc.constantFrom(
  'svc-0-7d9c6b5f4d-xggpb', 'ip-10-0-0-97.eu-west-1.compute.internal', 'team-0000', 'password', 'token', 'bearer', 'basic',
  'authorization', 'https', '://', ':', '=', '@', ' ', '\t', '"', "'", '\\', 'eyJ', 'eyj', 'akia', 'AKIA', 'abcdefghijklmnop',
  'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', '0123456789', '/', '+', '~', '_', '.', '-', '\u001b[31m', '\u202e', '\r', 'é',
);

describe('isInert', () => {
  it('is true only for strings cleanText leaves exactly as they are', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((a) => a.join('')), (s) => {
        if (isInert(s)) expect(cleanText(s)).toBe(s);
      }),
      { numRuns: 20000 },
    );
  });

  it('lets names through and stops anything the scrubber or the terminal filter could touch', () => {
    for (const s of ['svc-0-7d9c6b5f4d-xggpb', 'ip-10-0-0-97.eu-west-1.compute.internal', 'team-0000', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3']) expect(isInert(s)).toBe(true);
    for (const s of ['password=hunter2', 'https://u:p@host', 'Bearer abcdefgh12', 'eyJhbGciOiJIUzI1NiJ9.e30.x', 'AKIAIOSFODNN7EXAMPLE', 'a\u001b[2Jb', 'a\u202eb', 'Running']) {
      expect(isInert(s)).toBe(false);
    }
    // and the masked forms still are masked through sanitizeDeep
    expect(sanitizeDeep({ m: 'pull with password=hunter2', n: 'svc-0' })).toEqual({ m: 'pull with password=***REDACTED***', n: 'svc-0' });
  });
});
