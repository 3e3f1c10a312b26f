import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/parsers/dispatch.js';
import { findJsonError, locatePath, scanIndentedItems, scanItems, skipValue } from '../../../src/parsers/json-lines.js';
import type { ArtifactKind } from '../../../src/parsers/records.js';
import { parseStructured } from '../../../src/parsers/structured/index.js';

const dispatcher = createDispatcher([]);
const KINDS: (ArtifactKind | undefined)[] = [undefined, 'pods', 'events', 'nodes', 'secrets', 'serviceaccounts', 'troubleshoot-pull-secret', 'dockerconfig', 'dns-debug', 'bundle-meta', 'k8s-objects'];

describe('line scanner properties', () => {
  it('scanItems finds every element of items / the root array, at the right offset and line', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 12 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), (items, indent, bare) => {
        const root = bare ? items : { kind: 'PodList', note: 'items', meta: { items: [1] }, items, after: [[]] };
        const text = JSON.stringify(root, null, indent);
        const scan = scanItems(text);
        expect(scan.container).toBe(bare ? 'array' : 'items');
        expect(scan.items).toHaveLength(items.length);
        scan.items.forEach((span, i) => {
          expect(JSON.parse(text.slice(span.start, span.end))).toEqual(JSON.parse(JSON.stringify(items[i])));
          expect(span.line).toBe(text.slice(0, span.start).split('\n').length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the pretty-print fast path gives the same spans as the full scan, or declines', () => {
    const objItem = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(objItem, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), (items, indent, bare) => {
        const root = bare ? items : { kind: 'PodList', items, tail: [{ a: 1 }, { b: 2 }] };
        const text = JSON.stringify(root, null, indent);
        const fast = scanIndentedItems(text, items.length);
        if (indent > 0) expect(fast).toBeDefined();
        if (!fast) return;
        const full = scanItems(text);
        expect(fast.container).toBe(full.container);
        expect(fast.items.map((i) => [i.start, i.line])).toEqual(full.items.map((i) => [i.start, i.line]));
        fast.items.forEach((span, k) => expect(JSON.parse(text.slice(span.start, span.end))).toEqual(JSON.parse(JSON.stringify(items[k]))));
      }),
      { numRuns: 300 },
    );
  });

  it('locatePath finds the value of a key as written', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), fc.integer({ min: 0, max: 3 }), (obj, indent) => {
        const text = JSON.stringify(obj, null, indent);
        const parsed = JSON.parse(text);
        for (const k of Object.keys(parsed)) {
          if (JSON.stringify(k) !== `"${k}"`) continue; // escaped keys are documented not to match
          const at = locatePath(text, 0, [k]);
          expect(at).toBeGreaterThan(0);
          expect(JSON.parse(text.slice(at, skipValue(text, at)))).toEqual(parsed[k]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('findJsonError agrees with JSON.parse on mutated JSON', () => {
    const mutated = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', '"', ',', '}', ']', '{', '[', ':', '\\', 'x', '\n', '0', '-', '.', 'e', 'tru', ' ', '\u0001')).map(([v, pos, ins]) => {
      const t = JSON.stringify(v, null, 1);
      const p = pos % (t.length + 1);
      return t.slice(0, p) + ins + t.slice(p + (ins === '' ? 1 : 0));
    });
    fc.assert(
      fc.property(mutated, (text) => {
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        const found = findJsonError(text);
        expect(found.reason === 'no error found').toBe(ok);
        expect(found.offset).toBeGreaterThanOrEqual(0);
        expect(found.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('never throws, always terminates', () => {
  const pod = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: [{ kind: 'Pod', metadata: { name: 'a', namespace: 'n' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ErrImagePull', message: 'x' } } }] } }] }, null, 2);
  const yamlPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: nginx\nstatus:\n  containerStatuses:\n  - name: c\n    state:\n      waiting: {reason: ErrImagePull}\n';

  const mutate = (base: string) =>
    fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 6 })).map(([pos, del, ins]) => {
      const p = pos % (base.length + 1);
      return base.slice(0, p) + ins + base.slice(p + del);
    });

  it('random and mutated JSON/YAML, with every path kind', () => {
    fc.assert(
      fc.property(fc.oneof(mutate(pod), mutate(yamlPod), fc.string({ maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v))), fc.constantFrom(...KINDS), (text, kind) => {
        const r = dispatcher.parseFile({ file: 'f', kind }, Buffer.from(text));
        if (r) expect(Array.isArray(r.records)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('Kubernetes-shaped objects with wrong types everywhere', () => {
    const anyShape = fc.jsonValue({ maxDepth: 3 });
    const weird = fc.record({
      kind: fc.constantFrom('Pod', 'Event', 'Node', 'Secret', 'ServiceAccount', 'PodList', 'List'),
      apiVersion: fc.constant('v1'),
      metadata: fc.oneof(anyShape, fc.record({ name: anyShape, namespace: anyShape })),
      spec: fc.oneof(anyShape, fc.record({ containers: anyShape, imagePullSecrets: anyShape })),
      status: fc.oneof(anyShape, fc.record({ containerStatuses: anyShape, conditions: anyShape, nodeInfo: anyShape })),
      items: anyShape,
      data: fc.oneof(anyShape, fc.record({ '.dockerconfigjson': anyShape, '.dockercfg': anyShape })),
      type: fc.constantFrom('kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg', 'Opaque'),
      involvedObject: anyShape,
    });
    fc.assert(
      fc.property(weird, fc.constantFrom(...KINDS), (o, kind) => {
        parseStructured(JSON.stringify(o, null, 2), { file: 'f.json', kind });
      }),
      { numRuns: 1000 },
    );
  });

  it('YAML alias bomb: dropped with a warning', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 9; i++) {
      const prev = String.fromCharCode(97 + i);
      const cur = String.fromCharCode(98 + i);
      bomb.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    bomb.push('kind: Pod', 'apiVersion: v1', 'metadata: {name: x}');
    const t0 = performance.now();
    const r = parseStructured(bomb.join('\n'), { file: 'bomb.yaml', kind: 'pods' })!;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.records).toEqual([]);
    expect(r.warnings).toEqual([{ file: 'bomb.yaml', line: 1, message: 'YAML document skipped: too many aliases (possible alias bomb)' }]);
  });

  it('10k-deep nesting in JSON and YAML', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(dispatcher.parseFile({ file: 'deep.json' }, Buffer.from(deep))).toBeUndefined();
    expect(parseStructured(deep, { file: 'deep.json', kind: 'pods' })).toEqual({ kind: 'pods', records: [], warnings: [] });
    const deepObj = '{"kind":"PodList","apiVersion":"v1","items":[' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) + ']}';
    expect(parseStructured(deepObj, { file: 'deep.json' })).toEqual({ kind: 'pods', records: [], warnings: [] });
    const badDeep = '['.repeat(10_000);
    const w = parseStructured(badDeep, { file: 'bad.json', kind: 'pods' })!.warnings;
    expect(w).toEqual([{ file: 'bad.json', line: 1, message: 'invalid JSON at line 1, column 10001: unexpected end of input; file skipped' }]);
    const yamlDeep = 'kind: Pod\napiVersion: v1\nspec: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
    const y = parseStructured(yamlDeep, { file: 'deep.yaml', kind: 'pods' })!;
    expect(y.records).toEqual([]);
    expect(y.warnings[0].message).toMatch(/^YAML nested deeper than 256 levels at line 3, column 263; file skipped$/);
  });
});
