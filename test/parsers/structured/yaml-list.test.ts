import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PodRecord } from '../../../src/parsers/records.js';
import { parseStructured } from '../../../src/parsers/structured/index.js';
import { splitBlockList } from '../../../src/parsers/structured/yaml-doc.js';

const text = readFileSync('test/fixtures/structured/must-gather/namespaces/shop/core/pods.yaml', 'utf8');

/** The same List with its entries indented (yaml's default style), which takes the general path. */
function indented(src: string): string {
  let inItems = false;
  return src
    .split('\n')
    .map((l) => {
      if (l === 'items:') {
        inItems = true;
        return l;
      }
      if (inItems && l.length > 0 && l[0] !== ' ' && l[0] !== '-') inItems = false;
      return inItems && l.length > 0 ? `  ${l}` : l;
    })
    .join('\n');
}

describe('YAML Lists: per-item fast path and general path agree', () => {
  it('kubectl/oc style (`- ` at column 0) is split per item', () => {
    const split = splitBlockList(text)!;
    expect(split.items).toHaveLength(1);
    expect(split.items[0].line0).toBe(3);
    expect(split.rest).toContain('kind: PodList');
    expect(splitBlockList(indented(text))).toBeUndefined();
    expect(splitBlockList(`${text}---\napiVersion: v1\nkind: Pod\n`)).toBeUndefined();
  });

  it('both paths give the same records, with lines of their own text', () => {
    const fast = parseStructured(text, { file: 'a.yaml', kind: 'pods' })!;
    const slowText = indented(text);
    const slow = parseStructured(slowText, { file: 'a.yaml', kind: 'pods' })!;
    const strip = (r: PodRecord) => ({ ...r, source: undefined, containers: r.containers.map((c) => ({ ...c, source: undefined, stateSource: undefined })) });
    expect((slow.records as PodRecord[]).map(strip)).toEqual((fast.records as PodRecord[]).map(strip));
    const sl = slowText.split('\n');
    const c = (slow.records[0] as PodRecord).containers[0];
    expect(sl[c.stateSource!.line! - 1]).toContain('message: Back-off pulling image');
    const fl = text.split('\n');
    const fc = (fast.records[0] as PodRecord).containers[0];
    expect(fl[fc.stateSource!.line! - 1]).toContain('message: Back-off pulling image');
  });

  it('a broken entry costs only itself, with a warning at its line', () => {
    const second = text.replace(
      'kind: PodList',
      ['- apiVersion: v1', '  kind: Pod', '  metadata:', '    name: broken', '   bad: [unclosed', '- apiVersion: v1', '  kind: Pod', '  metadata:', '    name: fine-2', '    namespace: shop', 'kind: PodList'].join('\n'),
    );
    const r = parseStructured(second, { file: 'pods.yaml', kind: 'pods' })!;
    expect((r.records as PodRecord[]).map((p) => p.name)).toEqual(['checkout-7d9f8b6c5d-q2xkz', 'fine-2']);
    const brokenLine = second.split('\n').indexOf('   bad: [unclosed') + 1;
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(r.warnings.every((w) => w.file === 'pods.yaml' && w.line !== undefined && w.line >= brokenLine - 1 && w.line <= brokenLine + 1)).toBe(true);
  });
});
