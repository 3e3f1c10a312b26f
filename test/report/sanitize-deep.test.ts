import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, isCredentialField } from '../../src/report/scrub.js';
import { cleanText, sanitizeDeep } from '../../src/report/sanitize.js';

/** Strings the cleaner changes (escapes, credentials) mixed with ones it leaves alone. */
const text = fc.oneof(
  fc.constantFrom('svc-0', 'team-0000', 'Running', 'ErrImagePull', '', 'password=hunter2', 'https://u:s3cret@registry.acme.internal/v2/', 'Bearer abcdefgh12345678', 'a\u001b[2Jb', 'x\u001b]52;c;ZWNobyBoaQ==\u0007y'),
  fc.string({ maxLength: 12 }),
);
const key = fc.constantFrom('name', 'namespace', 'password', 'token', 'auth', 'secret', 'message', 'k\u001b[31m', 'identitytoken', 'image');

/** JSON-able trees with the members JSON.stringify drops or turns into null. */
const tree = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
}));

/** The reference: a full copy of what JSON.stringify would write, every string cleaned, credential fields masked. */
function reference(v: unknown): unknown {
  const plain = JSON.parse(JSON.stringify(v ?? null)) as unknown;
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return cleanText(x);
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, y] of Object.entries(x)) out[cleanText(k)] = typeof y === 'string' && y !== '' && isCredentialField(k) ? REDACTED : walk(y);
      return out;
    }
    return x;
  };
  return walk(plain);
}

describe('sanitizeDeep (copy on write)', () => {
  it('writes the same JSON as cleaning a full copy, and never changes its input', () => {
    fc.assert(
      fc.property(tree.v, (v) => {
        const before = JSON.stringify(v);
        expect(JSON.stringify(sanitizeDeep(v) ?? null)).toBe(JSON.stringify(reference(v)));
        expect(JSON.stringify(v)).toBe(before);
      }),
      { numRuns: 3000 },
    );
  });

  it('shares what it does not change and copies the path to what it does', () => {
    const clean = { name: 'svc-0', containers: [{ name: 'app', image: 'nginx:1.27' }] };
    const dirty = { name: 'svc-1', containers: [{ name: 'app', message: 'login with password=hunter2' }] };
    const input = { pods: [clean, dirty] };
    const out = sanitizeDeep(input) as typeof input;
    expect(out).not.toBe(input);
    expect(out.pods[0]).toBe(clean);
    expect(out.pods[1]).not.toBe(dirty);
    expect(out.pods[1].containers[0]).toEqual({ name: 'app', message: 'login with password=***REDACTED***' });
    expect(dirty.containers[0].message).toBe('login with password=hunter2');
  });

  it('masks a credential-named field and turns Maps and Sets into objects and arrays', () => {
    expect(sanitizeDeep({ auth: 'dXNlcjpodW50ZXIy', n: new Set(['a']), m: new Map([['k', 'v']]) })).toEqual({ auth: REDACTED, n: ['a'], m: { k: 'v' } });
  });
});
