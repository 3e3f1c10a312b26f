import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { decideMap, redactFreeValue, type MapEntry } from './map-rules.js';
import type { KindCounts } from './markers.js';

/**
 * YAML (must-gather, `kubectl get -o yaml`) redacted in place: a replaced
 * scalar is written as a double-quoted (JSON) string over its own source
 * range, padded with the newlines it spanned so later line numbers do not
 * move; every other byte stays. Returns undefined when the text does not parse
 * as YAML, so the caller falls back to free-text redaction.
 */

const MAX_DEPTH = 256;

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function redactYaml(text: string, counts: KindCounts): string | undefined {
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs)) return text; // empty stream
  for (const d of docs) if (d.errors.length > 0) return undefined;
  const edits: Edit[] = [];
  const ctx = { counts, depth: 0 };

  const entryOf = (key: string, node: Node): MapEntry | undefined => {
    if (!isScalar(node) || !node.range) return undefined;
    const v = node.value;
    const isString = typeof v === 'string';
    const [start, end] = node.range;
    return {
      key,
      value: isString ? v : String(v),
      isString,
      replace: (nv) => edits.push({ start, end, text: JSON.stringify(nv) + newlines(text, start, end) }),
    };
  };

  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      const dataEntries: MapEntry[] = [];
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const value = pair.value as Node | null;
        if (key === undefined || !value) continue;
        if (isScalar(value)) {
          const e = entryOf(key, value);
          if (e) entries.push(e);
        } else if ((key === 'data' || key === 'stringData') && isMap(value)) {
          for (const p of value.items) {
            const k = isScalar(p.key) ? String(p.key.value) : undefined;
            const e = k !== undefined && p.value ? entryOf(k, p.value as Node) : undefined;
            if (e) {
              if (key === 'data') e.base64 = true;
              dataEntries.push(e);
            }
            else if (p.value) visit(p.value, depth + 2);
          }
        } else {
          visit(value, depth + 1);
        }
      }
      decideMap(entries, dataEntries, ctx);
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isScalar(item)) {
          const e = entryOf('', item as Node);
          if (e && e.isString) {
            const out = redactFreeValue(e.value, ctx);
            if (out !== e.value) e.replace(out);
          }
        } else visit(item, depth + 1);
      }
    } else if (isScalar(node)) {
      const e = entryOf('', node as Node);
      if (e && e.isString) {
        const out = redactFreeValue(e.value, ctx);
        if (out !== e.value) e.replace(out);
      }
    }
  };

  for (const d of docs) visit(d.contents, 0);
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const e of edits) {
    if (e.start < last) continue; // aliases could revisit a node
    out += text.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + text.slice(last);
}

function newlines(text: string, start: number, end: number): string {
  let n = 0;
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 0x0a) n++;
  return '\n'.repeat(n);
}
