import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAll, resolvePath } from '../../src/rules/match.js';
import { Lazy, type ViewObject } from '../../src/rules/view.js';

const KEYS = ['a', 'b', 'c'];

/** Views as the factory builds them: objects, lists, Lazy parts, `$source`/`$excerpt`/`$value` meta keys. */
const view: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), fc.constant(null), fc.constant(undefined), fc.constant('')),
    fc.array(tie('node'), { maxLength: 3 }),
    tie('node').map((v) => new Lazy(() => v)),
    fc
      .record(
        {
          a: tie('node'),
          b: tie('node'),
          c: tie('node'),
          $source: fc.option(fc.record({ file: fc.constantFrom('f1', 'f2'), line: fc.integer({ min: 1, max: 9 }) }), { nil: undefined }),
          $excerpt: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
          $value: fc.string({ maxLength: 3 }),
        },
        { requiredKeys: [] },
      )
      .map((o) => o as ViewObject),
  ),
})).node;

describe('resolvePath', () => {
  it('walks a path that crosses no list exactly as the general walk does, and falls back to it otherwise', () => {
    fc.assert(
      fc.property(view, fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 4 }), (root, path) => {
        const r = (root && typeof root === 'object' && !Array.isArray(root) ? root : { a: root }) as ViewObject;
        expect(resolvePath(r, path)).toEqual(resolveAll(r, path));
      }),
      { numRuns: 5000 },
    );
  });

  it('carries the nearest $source (with its $excerpt) and unwraps $value at the end', () => {
    const message = { $value: 'not found', $source: undefined, $excerpt: 'Failed to pull' };
    const v: ViewObject = { $source: { file: 'pods.json', line: 3 }, pull: new Lazy(() => ({ message })) };
    expect(resolvePath(v, ['pull', 'message'])).toEqual([{ value: 'not found', source: { file: 'pods.json', line: 3 }, excerpt: 'Failed to pull' }]);
    // a Lazy that yields a Lazy: the final value's own $source is not applied (as in the general walk)
    const nested: ViewObject = { b: new Lazy(() => new Lazy(() => ({ $source: undefined, $excerpt: 'x' }))) };
    expect(resolvePath(nested, ['b'])).toEqual(resolveAll(nested, ['b']));
    // an $excerpt without a $source key is not evidence of its own
    expect(resolvePath({ pull: { message: { $value: 'x', $excerpt: 'ignored' } } }, ['pull', 'message'])).toEqual([{ value: 'x', source: undefined, excerpt: undefined }]);
    expect(resolvePath(v, ['pull', 'missing'])).toEqual([]);
  });
});
