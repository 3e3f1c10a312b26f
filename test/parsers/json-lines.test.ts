import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locatePath, scanValue, skipIndented, skipString } from '../../src/parsers/json-lines.js';

/** Offsets of every `{` and `[` outside strings. */
function containerStarts(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = skipString(text, i) - 1;
    else if (c === '{' || c === '[') out.push(i);
  }
  return out;
}

const pretty = fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(2, 4)).map(([v, n]) => JSON.stringify(v, null, n));

describe('skipIndented (pretty-printed JSON fast path)', () => {
  it('ends every object and array where the character scan does, or declines', () => {
    fc.assert(
      fc.property(pretty, (text) => {
        for (const i of containerStarts(text)) {
          const fast = skipIndented(text, i, text.length);
          const empty = text[i + 1] === '}' || text[i + 1] === ']';
          // JSON.stringify with an indent lays every non-empty container out as assumed: the fast path is taken
          expect(fast).toBe(empty ? -1 : scanValue(text, i));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('declines text laid out otherwise, so lines come from the character scan', () => {
    const compact = '{"a":{"b":[1,2]},"c":3}';
    expect(skipIndented(compact, 5, compact.length)).toBe(-1);
    // closing brace not indented deeper inside: not the assumed layout
    const flat = '{\n"a": {\n"b": 1\n},\n"c": 2\n}';
    expect(skipIndented(flat, flat.indexOf('{', 1), flat.length)).toBe(-1);
    // a value that would end past the limit
    const text = JSON.stringify({ a: { b: 1 }, c: 2 }, null, 2);
    expect(skipIndented(text, text.indexOf('{', 1), text.indexOf('"b"'))).toBe(-1);
  });

  it('finds the same field lines in a kubectl-style pod list as before', () => {
    const list = { kind: 'PodList', items: [{ metadata: { name: 'a', labels: { x: 'y' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ErrImagePull', message: 'boom' } } }] } }] };
    const text = JSON.stringify(list, null, 4);
    const start = text.indexOf('{', text.indexOf('"items"'));
    const at = locatePath(text, start, ['status', 'containerStatuses', 0, 'state', 'waiting', 'message']);
    expect(text.slice(at, at + 6)).toBe('"boom"');
  });
});
