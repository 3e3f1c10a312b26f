import { isNode, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Warning } from '../../common/source.js';
import type { Located, LocatedDocument } from './located.js';

/** Aliases a document may expand: enough for real manifests, far too few for a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 100;
/** Flow nesting we accept; the yaml composer recurses, so `[[[[...` must stop early. */
const MAX_FLOW_DEPTH = 256;
const MAX_WARNINGS_PER_FILE = 5;

/**
 * Every document of a YAML stream, each with lines for its object and, on
 * demand, its fields. Syntax errors become warnings with file:line:col; a
 * document that cannot be built (alias bomb, too deep) is dropped, the others kept.
 */
export function parseYamlDocuments(text: string, file: string, warnings: Warning[]): LocatedDocument[] {
  const depth = flowDepthOver(text, MAX_FLOW_DEPTH);
  if (depth >= 0) {
    const lc = lineColumn(text, depth);
    warnings.push({ file, line: lc.line, message: `YAML nested deeper than ${MAX_FLOW_DEPTH} levels at line ${lc.line}, column ${lc.col}; file skipped` });
    return [];
  }
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
  } catch (err) {
    warnings.push({ file, message: `YAML could not be parsed (${errorName(err)}); file skipped` });
    return [];
  }
  if (!Array.isArray(docs)) docs = [docs];
  const out: LocatedDocument[] = [];
  let warned = 0;
  for (const doc of docs) {
    for (const e of doc.errors) {
      if (warned++ >= MAX_WARNINGS_PER_FILE) break;
      const pos = lineCounter.linePos(e.pos[0]);
      warnings.push({ file, line: pos.line, message: `YAML error at line ${pos.line}, column ${pos.col}: ${firstLine(e.message)} (${e.code})` });
    }
    if (doc.errors.length > 0) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const pos = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : undefined;
      warnings.push({ file, line: pos?.line, message: `YAML document skipped: ${errorName(err) === 'ReferenceError' ? 'too many aliases (possible alias bomb)' : errorName(err)}` });
      continue;
    }
    if (value === null || value === undefined) continue;
    const root = locatedNode(doc.contents, value, lineCounter);
    const itemsNode = isSeq(doc.contents) ? doc.contents : doc.getIn(['items'], true);
    const list = Array.isArray(value) ? value : Array.isArray((value as { items?: unknown }).items) ? (value as { items: unknown[] }).items : undefined;
    if (list && isSeq(itemsNode) && itemsNode.items.length === list.length) {
      out.push({ root, items: list.map((v, i) => locatedNode(itemsNode.items[i], v, lineCounter)) });
    } else {
      out.push({ root });
    }
  }
  return out;
}

function locatedNode(node: unknown, value: unknown, lc: LineCounter): Located {
  const start = isNode(node) && node.range ? node.range[0] : undefined;
  return {
    value,
    line: start === undefined ? undefined : lc.linePos(start).line,
    lineOf(path) {
      if (!isNode(node) || !('getIn' in node)) return undefined;
      try {
        const at = (node as { getIn(p: unknown[], keep: boolean): unknown }).getIn([...path], true);
        return isNode(at) && at.range ? lc.linePos(at.range[0]).line : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Offset where flow nesting (`[` / `{`, outside quotes and comments) first exceeds `max`, or -1. Linear. */
export function flowDepthOver(text: string, max: number): number {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 0x5c && quote === 0x22) i++; // \" inside a double-quoted scalar
      continue;
    }
    if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x22 || c === 0x27) {
      // a quote starts a scalar only after a separator; inside plain words (don't) it is text
      const p = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      if (p === 0x20 || p === 0x0a || p === 0x5b || p === 0x7b || p === 0x2c || p === 0x3a || p === 0x09) quote = c;
    } else if (c === 0x23) {
      const p = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      if (p === 0x20 || p === 0x0a || p === 0x09) {
        const nl = text.indexOf('\n', i);
        if (nl < 0) break;
        i = nl;
      }
    }
  }
  return -1;
}

function lineColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, col: offset - last };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  const s = nl < 0 ? message : message.slice(0, nl);
  return s.length > 160 ? `${s.slice(0, 160)}...` : s;
}

function errorName(err: unknown): string {
  if (err instanceof RangeError) return 'nested too deeply';
  return err instanceof Error ? err.name : 'error';
}
