/**
 * Line numbers for JSON without a position map. `JSON.parse` does the real
 * parsing (it is the fastest thing available); these linear scans only find
 * where the elements of the top-level array (or of the top-level `items`
 * array) start, and, on demand, where one field of one element is written.
 * No regex, no recursion: safe on untrusted and deeply nested text.
 */

export interface ItemSpan {
  /** offset of the element's first character */
  start: number;
  /** offset just past the element */
  end: number;
  /** 1-based line of `start` */
  line: number;
}

export interface ItemScan {
  /** 'array': the root is an array; 'items': the root object's `items` array; 'none': neither */
  container: 'array' | 'items' | 'none';
  items: ItemSpan[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

function isWs(c: number): boolean {
  return c === 0x20 || c === NL || c === 0x0d || c === 0x09;
}

/** Offset just past the string whose opening quote is at `i` (text.length when unterminated). */
export function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    // an odd run of backslashes before the quote escapes it
    let b = q - 1;
    while (b >= j && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * One pass over the text: start offset and line of every element of the root
 * array, or of the root object's `items` array. Assumes the text is valid JSON
 * (call it after JSON.parse succeeded); on invalid text it returns what it saw.
 */
export function scanItems(text: string, maxItems = Infinity): ItemScan {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n && isWs(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === NL) line++;
    i++;
  }
  if (i >= n) return { container: 'none', items: [] };
  const root = text.charCodeAt(i);
  if (root !== LBRACKET && root !== LBRACE) return { container: 'none', items: [] };

  // depth at which the elements we want live: 1 for a root array, 2 for root.items
  let targetDepth = root === LBRACKET ? 1 : -1;
  let depth = 0;
  let expectValue = false; // just saw '[' or ',' at targetDepth, waiting for an element
  let afterItemsKey = 0; // 1: saw "items" key at depth 1; 2: saw its ':'
  let current: ItemSpan | undefined;
  const items: ItemSpan[] = [];

  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      line++;
      continue;
    }
    if (isWs(c)) continue;
    if (expectValue && c !== RBRACKET) {
      current = { start: i, end: i, line };
      items.push(current);
      if (items.length >= maxItems) return { container: root === LBRACKET ? 'array' : 'items', items };
      expectValue = false;
    } else if (expectValue) {
      expectValue = false;
    }
    if (c === QUOTE) {
      const end = skipString(text, i);
      if (targetDepth < 0 && depth === 1 && afterItemsKey === 0 && end - i === 7 && text.startsWith('"items"', i)) {
        afterItemsKey = 1;
      } else if (afterItemsKey === 2) {
        afterItemsKey = 0; // "items": "<string>", not an array
      }
      i = end - 1;
      continue;
    }
    if (c === COLON) {
      if (afterItemsKey === 1) afterItemsKey = 2;
      continue;
    }
    if (c === LBRACE || c === LBRACKET) {
      depth++;
      if (afterItemsKey === 2) {
        afterItemsKey = 0;
        if (c === LBRACKET) {
          targetDepth = depth;
          expectValue = true;
        }
      } else if (c === LBRACKET && depth === targetDepth) {
        expectValue = true;
      }
      continue;
    }
    if (c === RBRACE || c === RBRACKET) {
      afterItemsKey = 0;
      if (depth === targetDepth && current) {
        current.end = i;
        current = undefined;
      }
      if (depth === targetDepth && c === RBRACKET) {
        // the items array is closed: nothing after it can matter
        return { container: root === LBRACKET ? 'array' : 'items', items };
      }
      depth--;
      continue;
    }
    if (c === COMMA) {
      afterItemsKey = 0; // "items" was a value, not a key
      if (depth === targetDepth) {
        if (current) current.end = i;
        current = undefined;
        expectValue = true;
      }
      continue;
    }
    if (afterItemsKey === 2) afterItemsKey = 0; // "items": 12 / null / true
  }
  return { container: targetDepth < 0 ? 'none' : root === LBRACKET ? 'array' : 'items', items };
}

/**
 * Fast path for pretty-printed JSON (kubectl, troubleshoot, JSON.stringify
 * with an indent): there, a line holding exactly the items' indentation and
 * `}` closes an item, and nothing else, so native indexOf finds every
 * boundary without looking at the characters in between. Returns undefined
 * (use scanItems) unless it finds exactly `expected` object items.
 */
export function scanIndentedItems(text: string, expected: number): ItemScan | undefined {
  const first = scanItems(text, 1);
  if (first.container === 'none' || first.items.length === 0 || expected === 0) return undefined;
  const s0 = first.items[0];
  if (text.charCodeAt(s0.start) !== LBRACE) return undefined;
  const lineStart = text.lastIndexOf('\n', s0.start - 1) + 1;
  if (lineStart === 0) return undefined;
  const w = s0.start - lineStart;
  for (let k = lineStart; k < s0.start; k++) if (text.charCodeAt(k) !== 0x20 && text.charCodeAt(k) !== 0x09) return undefined;
  const indent = text.slice(lineStart, s0.start);
  const items: ItemSpan[] = [];
  let current: ItemSpan = { start: s0.start, end: s0.start, line: s0.line };
  let line = s0.line;
  // walk line starts with indexOf('\n') (native, fast) and look only at the first w+1 characters of each
  for (let nl = text.indexOf('\n', s0.start); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    line++;
    const ls = nl + 1;
    if (text.charCodeAt(ls + w) !== RBRACE || (w > 0 && !text.startsWith(indent, ls))) continue;
    current.end = ls + w + 1;
    items.push(current);
    if (items.length > expected) return undefined;
    const after = text.charCodeAt(ls + w + 1);
    if (after === COMMA) {
      // the next item starts on the next line at the same indentation
      const next = text.indexOf('\n', ls);
      if (next < 0 || text.charCodeAt(next + 1 + w) !== LBRACE || (w > 0 && !text.startsWith(indent, next + 1))) return undefined;
      current = { start: next + 1 + w, end: next + 1 + w, line: line + 1 };
      continue;
    }
    break;
  }
  return items.length === expected ? { container: first.container, items } : undefined;
}

/** Offset just past the value starting at `i` (whitespace before it already skipped). */
export function skipValue(text: string, i: number, limit = text.length): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === LBRACE || c === LBRACKET) {
    const end = skipIndented(text, i, limit);
    if (end >= 0) return end;
  }
  return scanValue(text, i, limit);
}

/** skipValue character by character: any layout. */
export function scanValue(text: string, i: number, limit = text.length): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c !== LBRACE && c !== LBRACKET) {
    let j = i;
    while (j < limit) {
      const d = text.charCodeAt(j);
      if (d === COMMA || d === RBRACE || d === RBRACKET || isWs(d)) break;
      j++;
    }
    return j;
  }
  let depth = 0;
  for (let j = i; j < limit; j++) {
    const d = text.charCodeAt(j);
    if (d === QUOTE) j = skipString(text, j) - 1;
    else if (d === LBRACE || d === LBRACKET) depth++;
    else if (d === RBRACE || d === RBRACKET) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return limit;
}

const closers = new Map<string, string>();

/**
 * skipValue's fast path for pretty-printed JSON (kubectl, JSON.stringify with
 * an indent): a raw newline is never inside a string, and every line of an
 * object or array is indented deeper than the line it opens on, so the first
 * line after `{` that holds exactly that line's indentation and `}` closes it.
 * Native indexOf finds it without looking at the characters in between.
 * -1 when the text is not laid out that way: the caller scans character by
 * character.
 */
export function skipIndented(text: string, i: number, limit: number): number {
  if (text.charCodeAt(i + 1) !== NL) return -1;
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  let w = 0;
  while (text.charCodeAt(lineStart + w) === 0x20) w++;
  // the first line inside must be indented deeper, else this is not the layout assumed
  for (let k = 0; k <= w; k++) if (text.charCodeAt(i + 2 + k) !== 0x20) return -1;
  const key = `${w}${text[i]}`;
  let pattern = closers.get(key);
  if (pattern === undefined) {
    pattern = `\n${' '.repeat(w)}${text.charCodeAt(i) === LBRACE ? '}' : ']'}`;
    if (closers.size < 256) closers.set(key, pattern);
  }
  const at = text.indexOf(pattern, i + 2);
  if (at < 0 || at + pattern.length > limit) return -1;
  return at + pattern.length;
}

function skipWs(text: string, i: number, limit: number): number {
  while (i < limit && isWs(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Offset of the value at `path` inside the value that starts at `start`
 * (object keys as strings, array indexes as numbers), or -1. Walks only the
 * part of the text it has to; keys are compared as written (escaped keys
 * never match, which only costs a line number).
 */
export function locatePath(text: string, start: number, path: readonly (string | number)[], limit = text.length): number {
  let i = skipWs(text, start, limit);
  for (const seg of path) {
    if (i >= limit) return -1;
    const c = text.charCodeAt(i);
    if (typeof seg === 'number') {
      if (c !== LBRACKET) return -1;
      i = skipWs(text, i + 1, limit);
      for (let k = 0; k < seg; k++) {
        if (text.charCodeAt(i) === RBRACKET) return -1;
        i = skipWs(text, skipValue(text, i, limit), limit);
        if (text.charCodeAt(i) !== COMMA) return -1;
        i = skipWs(text, i + 1, limit);
      }
      if (i >= limit || text.charCodeAt(i) === RBRACKET) return -1;
      continue;
    }
    if (c !== LBRACE) return -1;
    i = skipWs(text, i + 1, limit);
    let found = false;
    while (i < limit && text.charCodeAt(i) === QUOTE) {
      const keyEnd = skipString(text, i);
      const matches = keyEnd - i - 2 === seg.length && text.startsWith(seg, i + 1);
      i = skipWs(text, keyEnd, limit);
      if (text.charCodeAt(i) !== COLON) return -1;
      i = skipWs(text, i + 1, limit);
      if (matches) {
        found = true;
        break;
      }
      i = skipWs(text, skipValue(text, i, limit), limit);
      if (text.charCodeAt(i) !== COMMA) return -1;
      i = skipWs(text, i + 1, limit);
    }
    if (!found) return -1;
  }
  return i < limit ? i : -1;
}

/** Line of `offset`, counting newlines from a known (offset, line) pair before it. */
export function lineFrom(text: string, fromOffset: number, fromLine: number, offset: number): number {
  let line = fromLine;
  let i = text.indexOf('\n', fromOffset);
  while (i >= 0 && i < offset) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  const line = lineFrom(text, 0, 1, at);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return { line, column: at - lineStart + 1 };
}

/**
 * Where a text JSON.parse rejected is wrong, and why, without quoting it (the
 * engine's message can quote the input, which may hold a credential). A
 * single pass with an explicit stack: deep nesting cannot overflow it.
 */
export function findJsonError(text: string): { offset: number; reason: string } {
  const n = text.length;
  const stack: number[] = []; // LBRACE / LBRACKET
  // states: value expected, key expected, ':' expected, ',' or close expected
  let state: 'value' | 'key' | 'colon' | 'next' | 'first-value' | 'first-key' = 'value';
  let i = 0;
  const fail = (offset: number, reason: string) => ({ offset, reason });
  for (;;) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (stack.length === 0 && state === 'next') return fail(n, 'no error found');
      return fail(n, 'unexpected end of input');
    }
    const c = text.charCodeAt(i);
    if (state === 'value' || state === 'first-value') {
      if (c === RBRACKET && state === 'first-value') {
        stack.pop();
        i++;
        state = 'next';
      } else if (c === LBRACE) {
        stack.push(LBRACE);
        i++;
        state = 'first-key';
      } else if (c === LBRACKET) {
        stack.push(LBRACKET);
        i++;
        state = 'first-value';
      } else if (c === QUOTE) {
        const r = checkString(text, i);
        if (r.error !== undefined) return fail(r.error, r.reason);
        i = r.end;
        state = 'next';
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        const end = checkNumber(text, i);
        if (end < 0) return fail(i, 'invalid number');
        i = end;
        state = 'next';
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
        state = 'next';
      } else if (text.startsWith('false', i)) {
        i += 5;
        state = 'next';
      } else {
        return fail(i, 'unexpected character where a value was expected');
      }
    } else if (state === 'key' || state === 'first-key') {
      if (c === RBRACE && state === 'first-key') {
        stack.pop();
        i++;
        state = 'next';
      } else if (c === QUOTE) {
        const r = checkString(text, i);
        if (r.error !== undefined) return fail(r.error, r.reason);
        i = r.end;
        state = 'colon';
      } else {
        return fail(i, 'expected a double-quoted property name');
      }
    } else if (state === 'colon') {
      if (c !== COLON) return fail(i, "expected ':' after property name");
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return fail(i, 'unexpected text after the JSON value');
      if (c === COMMA) {
        i++;
        state = top === LBRACE ? 'key' : 'value';
      } else if ((c === RBRACE && top === LBRACE) || (c === RBRACKET && top === LBRACKET)) {
        stack.pop();
        i++;
        state = 'next';
      } else {
        return fail(i, top === LBRACE ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }
}

function checkString(text: string, i: number): { end: number; error?: number; reason: string } {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return { end: j + 1, reason: '' };
    if (c < 0x20) return { end: j, error: j, reason: 'control character in string' };
    if (c === BACKSLASH) {
      const e = text.charCodeAt(j + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          const h = text.charCodeAt(j + k);
          const hex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
          if (!hex) return { end: j, error: j, reason: 'bad \\u escape in string' };
        }
        j += 5;
      } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        j++;
      } else {
        return { end: j, error: j, reason: 'bad escape in string' };
      }
    }
  }
  return { end: text.length, error: i, reason: 'unterminated string' };
}

function checkNumber(text: string, i: number): number {
  let j = i;
  if (text.charCodeAt(j) === 0x2d) j++;
  const digits = (from: number) => {
    let k = from;
    while (k < text.length && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
    return k;
  };
  if (text.charCodeAt(j) === 0x30) j++;
  else {
    const k = digits(j);
    if (k === j) return -1;
    j = k;
  }
  if (text.charCodeAt(j) === 0x2e) {
    const k = digits(j + 1);
    if (k === j + 1) return -1;
    j = k;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    j++;
    const s = text.charCodeAt(j);
    if (s === 0x2b || s === 0x2d) j++;
    const k = digits(j);
    if (k === j) return -1;
    j = k;
  }
  return j;
}
