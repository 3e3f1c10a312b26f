import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayName, normalizeEntryPath } from '../../src/bundle/entry-path.js';

describe('normalizeEntryPath', () => {
  it.each([
    ['./support-bundle/version.yaml', 'support-bundle/version.yaml'],
    ['support-bundle//cluster-resources/./pods/ns.json', 'support-bundle/cluster-resources/pods/ns.json'],
    ['must-gather\\namespaces\\shop\\core\\pods.yaml', 'must-gather/namespaces/shop/core/pods.yaml'],
    ['dir/', 'dir'],
    ['..foo/bar..', '..foo/bar..'],
  ])('%j -> %j', (raw, path) => {
    expect(normalizeEntryPath(raw)).toEqual({ ok: true, path, depth: path.split('/').length });
  });

  it.each([
    ['../../etc/passwd', 'contains a ".." segment'],
    ['a/../../b', 'contains a ".." segment'],
    ['..\\..\\Windows\\System32', 'contains a ".." segment'],
    ['/etc/shadow', 'is an absolute path'],
    ['\\\\server\\share\\x', 'is an absolute path'],
    ['C:\\Windows\\evil.dll', 'has a Windows drive letter'],
    ['c:relative', 'has a Windows drive letter'],
    ['a\0b', 'contains a NUL byte'],
    ['./', ''],
    ['.', ''],
  ])('refuses %j', (raw, reason) => {
    expect(normalizeEntryPath(raw)).toEqual({ ok: false, reason });
  });

  it('never yields a path that could leave the root, for any input', () => {
    const segment = fc.constantFrom('..', '.', '', 'a', 'C:', '\\', '..\\..', 'b c', '\u202e', '\x1b[2J');
    const name = fc.oneof(fc.string({ maxLength: 60 }), fc.array(segment, { maxLength: 8 }).map((s) => s.join('/')));
    fc.assert(
      fc.property(name, (raw) => {
        const r = normalizeEntryPath(raw);
        if (!r.ok) return;
        expect(r.path.startsWith('/')).toBe(false);
        expect(r.path.includes('\\')).toBe(false);
        expect(/^[A-Za-z]:/.test(r.path)).toBe(false);
        for (const seg of r.path.split('/')) expect(['', '.', '..']).not.toContain(seg);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('displayName', () => {
  it('makes an untrusted name one safe, bounded line', () => {
    expect(displayName('a\x1b]0;pwned\x07b\nc\td')).toBe('ab\\nc\\td');
    const long = displayName('x'.repeat(100_000));
    expect(long.length).toBe(201);
    expect(long.endsWith('…')).toBe(true);
  });
});
