import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { textSlices, writeFileAtomic } from '../../src/cli/output.js';

const dir = mkdtempSync(join(tmpdir(), 'podmortem-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

describe('textSlices', () => {
  it('gives back the text whole, in slices no longer than asked, never cutting a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 2, max: 17 }), (text, size) => {
        const slices = [...textSlices(text, size)];
        expect(slices.join('')).toBe(text);
        for (const [k, s] of slices.entries()) {
          expect(s.length).toBeGreaterThan(0);
          expect(s.length).toBeLessThanOrEqual(size);
          // no boundary between the two halves of a pair
          if (k < slices.length - 1) expect(isHigh(s.charCodeAt(s.length - 1)) && isLow(slices[k + 1].charCodeAt(0))).toBe(false);
        }
      }),
    );
  });

  it('keeps an emoji whole at a slice boundary', () => {
    // "ab😀" sliced by 3: the pair sits at offsets 2-3, so the first slice stops before it
    expect([...textSlices('ab\u{1F600}cd', 3)]).toEqual(['ab', '\u{1F600}c', 'd']);
  });
});


describe('writeFileAtomic', () => {
  it('writes a text longer than one slice byte for byte, and leaves no temporary file', () => {
    const text = `${'é'.repeat(3_000_000)}\u{1F600}${'x'.repeat(3_000_000)}\n`;
    const path = join(dir, 'report.json');
    writeFileAtomic(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});
