/**
 * Every parser in allParsers, whatever its kind, on random and mutated input:
 * sniff and parse never throw, always terminate quickly, and return records
 * of their own kind with this file as source. Written against allParsers so
 * a parser added later is covered without editing this file; the seeds are
 * the real sample files, so mutations start from every real format.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allParsers, parseFile } from '../../src/parsers/index.js';
import { ROOT } from './cli.js';

function sampleTexts(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (!n.endsWith('.gz')) out.push(readFileSync(p, 'utf8').slice(0, 12_000));
    }
  };
  walk(join(ROOT, 'samples'));
  return out;
}

const SEEDS = sampleTexts();

/** Edits that break structure where parsers look: delimiters, indentation, column separators, escapes, huge runs. */
const edit = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 40 }),
  ins: fc.oneof(
    fc.constantFrom('', '\u0000', '\r', '\t', '"', '\\', '{', '}', '[', ']', ':', '\n', '  ', '---\n', '&a ', '*a', '!!js/function ', '\u001b]52;c;', '\uFFFD', '\uD800', ' '.repeat(300), '"'.repeat(200), 'Events:\n', '  ----  ------\n', 'Name:  x\n'),
    fc.string({ maxLength: 12 }),
  ),
});

function mutate(text: string, edits: { at: number; del: number; ins: string }[]): string {
  let t = text;
  for (const e of edits) {
    const p = t.length === 0 ? 0 : e.at % (t.length + 1);
    t = t.slice(0, p) + e.ins + t.slice(p + e.del);
  }
  return t;
}

const input = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 })).map(([k, e]) => mutate(SEEDS[k], e)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 1500 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v, null, 1)) },
);

describe('every parser in allParsers survives random and mutated input', () => {
  it('covers the expected kinds (a new parser shows up here)', () => {
    expect(allParsers.length).toBeGreaterThanOrEqual(19);
    expect(new Set(allParsers.map((p) => p.kind)).size).toBe(allParsers.length);
  });

  for (const parser of allParsers) {
    it(`${parser.kind}: sniff and parse never throw and finish fast`, () => {
      fc.assert(
        fc.property(input, (text) => {
          const t0 = performance.now();
          parser.sniff(text.slice(0, 4096));
          const res = parser.parse(text, { file: 'f.txt' });
          expect(performance.now() - t0).toBeLessThan(2000);
          expect(Array.isArray(res.records)).toBe(true);
          expect(Array.isArray(res.warnings)).toBe(true);
          for (const w of res.warnings) expect(w.message).not.toMatch(/parser failed/);
          for (const r of res.records) {
            const src = (r as { source?: { file: string } }).source;
            if (src) expect(src.file).toBe('f.txt');
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('the dispatcher (sniff everything, then parse) on mutated bytes, with every kind hint', () => {
    const kinds = [undefined, ...allParsers.map((p) => p.kind)];
    fc.assert(
      fc.property(input, fc.constantFrom(...kinds), (text, kind) => {
        const r = parseFile({ file: 'f', kind }, Buffer.from(text, 'utf8'));
        if (r) expect(Array.isArray(r.records)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
