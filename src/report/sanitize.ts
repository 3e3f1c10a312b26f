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
 * Deep copy of a JSON-able value with every string cleaned (object keys too),
 * and string values under credential-named keys masked whole. Drops
 * undefined, functions and symbols as JSON.stringify would; Maps and Sets
 * become objects and arrays. Depth-bounded against cycles.
 */
export function sanitizeDeep(value: unknown, depth = 0): unknown {
  return deep(value, depth, { keys: new Map(), values: new Map() });
}

interface Memo {
  keys: Map<string, string>;
  values: Map<string, string>;
}

const MEMO_ENTRIES = 100_000;
const MEMO_VALUE_CHARS = 256;

/** Object keys repeat (name, namespace, ...): clean each distinct key once. */
function cleanKey(k: string, memo: Memo): string {
  let c = memo.keys.get(k);
  if (c === undefined) {
    c = cleanText(k);
    if (memo.keys.size < MEMO_ENTRIES) memo.keys.set(k, c);
  }
  return c;
}

/** Short values repeat too (namespaces, images, statuses, node names: most strings of a big result): clean each once. */
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

function deep(value: unknown, depth: number, memo: Memo): unknown {
  if (depth > 64) return null;
  if (typeof value === 'string') return cleanValue(value, memo);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : deep(v, depth + 1, memo)));
  if (value instanceof Set) return [...value].map((v) => deep(v, depth + 1, memo));
  if (value instanceof Map) value = Object.fromEntries(value);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const o = value as Record<string, unknown>;
    // Object.keys, not entries: no pair array per property of every pod summary
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const key = cleanKey(k, memo);
      out[key] = typeof v === 'string' && isCredentialField(k) && v !== '' ? REDACTED : deep(v, depth + 1, memo);
    }
    return out;
  }
  return null;
}
