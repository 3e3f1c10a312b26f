import { decideMap, redactFreeValue, type MapEntry } from './map-rules.js';
import type { KindCounts } from './markers.js';

/**
 * JSON (one document, or several one after another as in JSON lines),
 * redacted in place: only string tokens are rewritten, so every other byte,
 * the indentation and the line numbers stay as they were. One linear
 * tokenizer pass with an explicit stack (no recursion on untrusted nesting);
 * decisions that depend on the whole object (`kind` written after `data`) wait
 * for the object's closing brace. Returns undefined when the text is not JSON.
 */

const MAX_DEPTH = 10_000;

type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma';

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Frame {
  object: boolean;
  /** key under which this container sits in its parent object */
  parentKey?: string;
  /** current key (objects), awaiting its value */
  key?: string;
  entries: MapEntry[];
  /** scalars of this object's `data`/`stringData` maps, decided with this object */
  dataEntries: MapEntry[];
}

export function redactJson(text: string, counts: KindCounts, depth = 0): string | undefined {
  const edits: Edit[] = [];
  const ctx = { counts, depth };
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  let sawValue = false;
  // what the grammar allows next
  let expect: Expect = 'value';

  const entryFor = (start: number, end: number, key: string, value: string, isString: boolean): MapEntry => ({
    key,
    value,
    isString,
    replace: (v) => edits.push({ start, end, text: JSON.stringify(v) }),
  });

  const afterValue = (): void => {
    expect = stack.length === 0 ? 'value' : 'comma';
  };

  const scalarValue = (start: number, end: number, value: string, isString: boolean): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (isString) {
        const out = redactFreeValue(value, ctx);
        if (out !== value) edits.push({ start, end, text: JSON.stringify(out) });
      }
      return;
    }
    if (top.object) {
      top.entries.push(entryFor(start, end, top.key ?? '', value, isString));
    } else if (isString) {
      const out = redactFreeValue(value, ctx);
      if (out !== value) edits.push({ start, end, text: JSON.stringify(out) });
    }
  };

  const closeFrame = (f: Frame): void => {
    const parent = stack[stack.length - 1];
    if (f.object && parent?.object && (f.parentKey === 'data' || f.parentKey === 'stringData')) {
      // a Secret's or ConfigMap's data map: the owner object decides
      for (const e of f.entries) {
        if (f.parentKey === 'data') e.base64 = true;
        parent.dataEntries.push(e);
      }
      if (f.dataEntries.length > 0) decideMap([], f.dataEntries, ctx);
      return;
    }
    if (f.object) decideMap(f.entries, f.dataEntries, ctx);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    switch (expect as Expect) {
      case 'value':
      case 'value-or-end': {
        if (c === 0x5d && expect === 'value-or-end') {
          i = close(0x5d);
          if (i < 0) return undefined;
          break;
        }
        if (c === 0x7b || c === 0x5b) {
          if (stack.length >= MAX_DEPTH) return undefined;
          const top = stack[stack.length - 1];
          stack.push({ object: c === 0x7b, parentKey: top?.object ? top.key : undefined, entries: [], dataEntries: [] });
          expect = c === 0x7b ? 'key-or-end' : 'value-or-end';
          sawValue = true;
          i++;
          break;
        }
        if (c === 0x22) {
          const end = stringEnd(text, i);
          if (end < 0) return undefined;
          scalarValue(i, end, decodeString(text, i, end), true);
          sawValue = true;
          i = end;
          afterValue();
          break;
        }
        const end = literalEnd(text, i);
        if (end === i) return undefined;
        const lit = text.slice(i, end);
        if (!isLiteral(lit)) return undefined;
        scalarValue(i, end, lit, false);
        sawValue = true;
        i = end;
        afterValue();
        break;
      }
      case 'key':
      case 'key-or-end': {
        if (c === 0x7d && expect === 'key-or-end') {
          i = close(0x7d);
          if (i < 0) return undefined;
          break;
        }
        if (c !== 0x22) return undefined;
        const end = stringEnd(text, i);
        if (end < 0) return undefined;
        stack[stack.length - 1].key = decodeString(text, i, end);
        i = end;
        expect = 'colon';
        break;
      }
      case 'colon':
        if (c !== 0x3a) return undefined;
        i++;
        expect = 'value';
        break;
      case 'comma': {
        const top = stack[stack.length - 1];
        if (c === 0x2c) {
          i++;
          expect = top.object ? 'key' : 'value';
        } else if (c === 0x7d || c === 0x5d) {
          i = close(c);
          if (i < 0) return undefined;
        } else {
          return undefined;
        }
        break;
      }
    }
  }
  if (stack.length > 0 || !sawValue || expect === 'colon') return undefined;
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const e of edits) {
    out += text.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + text.slice(last);

  function close(c: number): number {
    const f = stack.pop();
    if (!f || f.object !== (c === 0x7d)) return -1;
    closeFrame(f);
    afterValue();
    return i + 1;
  }
}

/** Index just past the closing quote of the string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) j += 2;
    else if (c < 0x20) return -1;
    else j++;
  }
  return -1;
}

function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (raw.indexOf('\\') < 0) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return raw;
  }
}

function literalEnd(text: string, i: number): number {
  let j = i;
  const limit = Math.min(text.length, i + 512);
  while (j < limit) {
    const c = text.charCodeAt(j);
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x45;
    if (!ok) break;
    j++;
  }
  return j;
}

function isLiteral(s: string): boolean {
  if (s === 'true' || s === 'false' || s === 'null') return true;
  const c = s.charCodeAt(0);
  return c === 0x2d || (c >= 0x30 && c <= 0x39);
}
