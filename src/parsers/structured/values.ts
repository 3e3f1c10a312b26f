/** Narrowing helpers for decoded JSON/YAML: bundle data is untrusted, so nothing is assumed about its shape. */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A non-empty string, or undefined. Numbers are accepted as text (YAML may type `1` as a number). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v !== '' && v.length < 20) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** A map of string values (labels, capacity); other values are dropped, numbers kept as text. */
export function strMap(v: unknown, intern: Interner = noIntern): Record<string, string> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const k of Object.keys(o)) {
    const s = typeof o[k] === 'string' ? (o[k] as string) : str(o[k]);
    if (s !== undefined) out[k] = intern(s);
  }
  return out;
}

/** `names` of a list of `{name}` references (imagePullSecrets). */
export function refNames(v: unknown, intern: Interner = noIntern): string[] {
  const out: string[] = [];
  for (const r of arr(v)) {
    const name = str(obj(r)?.name);
    if (name) out.push(intern(name));
  }
  return out;
}

export function get(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const k of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Longest message we keep (event messages, waiting messages): bundle text is untrusted and may hold one giant value. */
export const MAX_MESSAGE_CHARS = 64 * 1024;

export function message(v: unknown): string | undefined {
  const s = str(v);
  return s !== undefined && s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}...` : s;
}

/**
 * One copy of each repeated string (namespaces, node names, reasons, images,
 * messages repeated by a pod's events). JSON.parse gives every occurrence its
 * own string; records outlive the parse, so sharing copies is most of a big
 * bundle's model memory and garbage-collection time. Bounded: past
 * `maxEntries` or `maxLength` a string is kept as it is.
 */
export interface Interner {
  (s: string): string;
  (s: string | undefined): string | undefined;
}

export function createInterner(maxEntries = 100_000, maxLength = 2048): Interner {
  const seen = new Map<string, string>();
  return ((s: string | undefined) => {
    if (s === undefined || s.length > maxLength) return s;
    const hit = seen.get(s);
    if (hit !== undefined) return hit;
    if (seen.size < maxEntries) seen.set(s, s);
    return s;
  }) as Interner;
}

/** The identity interner, for callers that parse a single object. */
export const noIntern: Interner = ((s: string | undefined) => s) as Interner;
