import type { Document, LineCounter } from 'yaml';
import { yaml } from '../../common/lazy-yaml.js';
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
  const split = splitBlockList(text);
  if (split) return [parseSplitList(split, file, warnings)];
  const lineCounter = new (yaml().LineCounter)();
  let docs: Document.Parsed[];
  try {
    docs = yaml().parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
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
      warnings.push({ file, line: pos.line, message: `YAML error at line ${pos.line}, column ${pos.col}: ${describeCode(e.code)}` });
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
    const itemsNode = yaml().isSeq(doc.contents) ? doc.contents : doc.getIn(['items'], true);
    const list = Array.isArray(value) ? value : Array.isArray((value as { items?: unknown }).items) ? (value as { items: unknown[] }).items : undefined;
    if (list && yaml().isSeq(itemsNode) && itemsNode.items.length === list.length) {
      out.push({ root, items: list.map((v, i) => locatedNode(itemsNode.items[i], v, lineCounter)) });
    } else {
      out.push({ root });
    }
  }
  return out;
}

function locatedNode(node: unknown, value: unknown, lc: LineCounter, lineBase = 0): Located {
  const start = yaml().isNode(node) && node.range ? node.range[0] : undefined;
  return {
    value,
    line: start === undefined ? undefined : lc.linePos(start).line + lineBase,
    lineOf(path) {
      if (!yaml().isNode(node) || !('getIn' in node)) return undefined;
      try {
        const at = (node as { getIn(p: unknown[], keep: boolean): unknown }).getIn([...path], true);
        return yaml().isNode(at) && at.range ? lc.linePos(at.range[0]).line + lineBase : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The yaml library slows down badly on one long block sequence (a must-gather
 * PodList of thousands of pods: ~1 MB/s and worse as it grows). kubectl and
 * oc write a List as `items:` at column 0 followed by `- ` entries at column
 * 0, so each entry can be cut out on line boundaries and parsed alone:
 * linear, and a broken item costs only itself. Anything else (several
 * documents, flow style, indented items) takes the general path.
 */
interface SplitList {
  /** the document without its items (`items: []`), for the List's kind and metadata */
  rest: string;
  /** each entry with its leading `-` blanked, and the 0-based line it starts on */
  items: { text: string; line0: number }[];
}

export function splitBlockList(text: string): SplitList | undefined {
  const items: { text: string; line0: number }[] = [];
  const rest: string[] = [];
  let state: 'before' | 'in' | 'after' = 'before';
  let itemStart = -1;
  let itemLine0 = 0;
  let line0 = 0;
  let pos = 0;
  const closeItem = (end: number) => {
    if (itemStart >= 0) items.push({ text: ` ${text.slice(itemStart + 1, end)}`, line0: itemLine0 });
    itemStart = -1;
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const c = text.charCodeAt(pos);
    const atCol0 = pos < nl && c !== 0x20 && c !== 0x23 && c !== 0x0d && c !== 0x09;
    if (atCol0 && (text.startsWith('---', pos) || text.startsWith('...', pos)) && line0 > 0) return undefined;
    if (state === 'in' && atCol0) {
      if (c === 0x2d && (pos + 1 === nl || text.charCodeAt(pos + 1) === 0x20)) {
        closeItem(pos);
        itemStart = pos;
        itemLine0 = line0;
      } else {
        closeItem(pos);
        state = 'after';
      }
    }
    if (state !== 'in') {
      if (state === 'before' && text.startsWith('items:', pos) && text.slice(pos + 6, nl).trim() === '') {
        state = 'in';
        rest.push('items: []');
      } else {
        rest.push(text.slice(pos, nl));
      }
    }
    line0++;
    pos = nl + 1;
  }
  if (state === 'in') closeItem(text.length);
  return items.length > 0 ? { rest: rest.join('\n'), items } : undefined;
}

function parseSplitList(split: SplitList, file: string, warnings: Warning[]): LocatedDocument {
  let warned = 0;
  const parseOne = (text: string, lineBase: number): { value: unknown; located?: Located } => {
    const lc = new (yaml().LineCounter)();
    let doc: Document.Parsed;
    try {
      doc = yaml().parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
    } catch (err) {
      if (warned++ < MAX_WARNINGS_PER_FILE) warnings.push({ file, line: lineBase + 1, message: `YAML could not be parsed (${errorName(err)}); item skipped` });
      return { value: undefined };
    }
    for (const e of doc.errors) {
      if (warned++ >= MAX_WARNINGS_PER_FILE) break;
      const p = lc.linePos(e.pos[0]);
      warnings.push({ file, line: p.line + lineBase, message: `YAML error at line ${p.line + lineBase}, column ${p.col}: ${describeCode(e.code)}` });
    }
    if (doc.errors.length > 0) return { value: undefined };
    try {
      const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      return { value, located: locatedNode(doc.contents, value, lc, lineBase) };
    } catch (err) {
      if (warned++ < MAX_WARNINGS_PER_FILE) {
        warnings.push({ file, line: lineBase + 1, message: `YAML document skipped: ${errorName(err) === 'ReferenceError' ? 'too many aliases (possible alias bomb)' : errorName(err)}` });
      }
      return { value: undefined };
    }
  };
  const head = parseOne(split.rest, 0);
  const items: Located[] = [];
  for (const it of split.items) {
    const r = parseOne(it.text, it.line0);
    if (r.located) items.push(r.located);
  }
  const rootValue = head.value && typeof head.value === 'object' && !Array.isArray(head.value) ? { ...(head.value as object), items: items.map((i) => i.value) } : { items: items.map((i) => i.value) };
  return { root: { value: rootValue, line: head.located?.line, lineOf: () => undefined }, items };
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

/**
 * The library's messages can quote the offending token, which may be a
 * credential: only the error code goes out, in words.
 */
function describeCode(code: string): string {
  return `${code.toLowerCase().split('_').join(' ')} (${code})`;
}

function errorName(err: unknown): string {
  if (err instanceof RangeError) return 'nested too deeply';
  return err instanceof Error ? err.name : 'error';
}
