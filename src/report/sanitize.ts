/**
 * Cleaning of untrusted strings before output: terminal controls and
 * invisible reordering characters stripped, credentials masked, length bounded.
 */
import { sanitizeTerminalText } from './markdown-escape.js';
import { REDACTED, isCredentialField, scrubSecrets } from './scrub.js';

/** Strip terminal controls and mask credentials. Keeps newlines and tabs. */
export function cleanText(text: string): string {
  return scrubSecrets(sanitizeTerminalText(text));
}

/**
 * True when cleanText cannot change `v`: printable ASCII with no upper-case
 * letter (every blob the scrubber masks has one), no quote, backslash, `:` or
 * `=` (every key/value, header and URL form needs one) and no space (the
 * `Bearer x` form needs one). Pod, node and namespace names are like this;
 * checking costs less than looking them up in the memo.
 */
export function isInert(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || (c >= 0x41 && c <= 0x5a) || c === 0x22 || c === 0x27 || c === 0x3a || c === 0x3d || c === 0x5c) return false;
  }
  return true;
}

/** Cut to `max` characters (never inside a surrogate pair), saying how much was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}… [${text.length - end} more characters cut]`;
}

/**
 * A JSON-able value with every string cleaned (object keys too), and string
 * values under credential-named keys masked whole; JSON.stringify of it gives
 * what JSON.stringify of a cleaned deep copy would. Copy on write: an object
 * or array none of whose members change is returned as it is (most of a big
 * result: pod summaries of plain names), so only what cleaning changes is
 * copied. Maps and Sets become objects and arrays. Depth-bounded against cycles.
 */
export function sanitizeDeep(value: unknown, depth = 0): unknown {
  return deep(value, depth, { keys: new Map(), values: new Map() });
}

interface CleanKey {
  key: string;
  /** a field named like this holds a credential: its string value is masked whole */
  credential: boolean;
}

interface Memo {
  keys: Map<string, CleanKey>;
  values: Map<string, string>;
}

const MEMO_ENTRIES = 100_000;
/** Up to this long, a value is cleaned once per result: the evidence excerpts and messages of a failing workload's replicas repeat word for word. */
const MEMO_VALUE_CHARS = 4096;

/** Object keys repeat (name, namespace, ...): clean and classify each distinct key once. */
function cleanKey(k: string, memo: Memo): CleanKey {
  let c = memo.keys.get(k);
  if (c === undefined) {
    c = { key: cleanText(k), credential: isCredentialField(k) };
    if (memo.keys.size < MEMO_ENTRIES) memo.keys.set(k, c);
  }
  return c;
}

/** Values repeat (namespaces, images, statuses, node names, the replicas' messages: most strings of a big result): clean each once. */
function cleanValue(v: string, memo: Memo): string {
  if (isInert(v)) return v;
  if (v.length > MEMO_VALUE_CHARS) return cleanText(v);
  let c = memo.values.get(v);
  if (c === undefined) {
    c = cleanText(v);
    if (memo.values.size < MEMO_ENTRIES) memo.values.set(v, c);
  }
  return c;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function deep(value: unknown, depth: number, memo: Memo): unknown {
  if (depth > 64) return null;
  if (typeof value === 'string') return cleanValue(value, memo);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return deepArray(value, depth, memo);
  if (value instanceof Set) return deepArray([...value], depth, memo);
  if (value instanceof Map) return deepObject(Object.fromEntries(value), depth, memo);
  if (typeof value === 'object') return deepObject(value as Record<string, unknown>, depth, memo);
  return null;
}

function deepArray(a: unknown[], depth: number, memo: Memo): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    const c = omitted(v) ? null : deep(v, depth + 1, memo);
    if (out) out.push(c);
    else if (c !== v) {
      out = a.slice(0, i);
      out.push(c);
    }
  }
  return out ?? a;
}

function deepObject(o: Record<string, unknown>, depth: number, memo: Memo): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  // Object.keys, not entries: no pair array per property of every pod summary
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = o[k];
    if (omitted(v)) continue; // JSON.stringify skips it whether or not it is copied
    const ck = cleanKey(k, memo);
    const c = typeof v === 'string' && ck.credential && v !== '' ? REDACTED : deep(v, depth + 1, memo);
    if (out) out[ck.key] = c;
    else if (c !== v || ck.key !== k) {
      out = {};
      for (let j = 0; j < i; j++) {
        const kj = keys[j];
        if (!omitted(o[kj])) out[kj] = o[kj];
      }
      out[ck.key] = c;
    }
  }
  return out ?? o;
}
