/**
 * Field-path resolution over a view and predicate evaluation. A path that
 * crosses a list yields every element's value; a predicate holds when any
 * value matches. Each value remembers the nearest object with a `$source`,
 * which becomes the evidence of a match.
 */
import type { RE2JS } from 're2js';
import type { SourceRef } from '../common/source.js';
import type { Block, Condition, Operator, Predicate } from './types.js';
import { Lazy, type ViewObject } from './view.js';

export interface Resolved {
  value: unknown;
  source?: SourceRef;
  excerpt?: string;
}

/** Values a path yields (lists flattened, `$value` objects unwrapped at the end). */
export function resolvePath(root: ViewObject, path: string[]): Resolved[] {
  if (path.length === 0) return resolveAll(root, path);
  const one: Resolved = { value: undefined, source: undefined, excerpt: undefined };
  const found = walkSingle(root, path, one);
  if (found === CROSSES_LIST) return resolveAll(root, path);
  return found === ONE ? [one] : [];
}

const NONE = 0;
const ONE = 1;
const CROSSES_LIST = -1;

/**
 * Most paths cross no list: they yield at most one value, found here with no
 * per-step arrays and no closure, step for step as resolveAll does, and
 * written into `out`. CROSSES_LIST: a list was met, resolveAll decides.
 */
function walkSingle(root: ViewObject, path: string[], out: Resolved): typeof NONE | typeof ONE | typeof CROSSES_LIST {
  let v: unknown = root;
  out.source = undefined;
  out.excerpt = undefined;
  for (let i = 0; i < path.length; i++) {
    const cur = unwrap(v);
    if (Array.isArray(cur)) return CROSSES_LIST;
    if (!cur || typeof cur !== 'object') return NONE;
    takeMeta(cur as ViewObject, out);
    const child = unwrap((cur as ViewObject)[path[i]]);
    if (child === undefined || child === null) return NONE;
    if (Array.isArray(child)) return CROSSES_LIST;
    if (typeof child === 'object') takeMeta(child as ViewObject, out);
    v = child;
  }
  const last = unwrap(v);
  out.value = last && typeof last === 'object' && !Array.isArray(last) && '$value' in last ? (last as ViewObject).$value : last;
  return ONE;
}

/** An object's own evidence (`$source`, `$excerpt`) replaces what the walk carried so far. */
function takeMeta(o: ViewObject, out: Resolved): void {
  if (!('$source' in o)) return;
  out.source = (o.$source as SourceRef | undefined) ?? out.source;
  out.excerpt = (o.$excerpt as string | undefined) ?? out.excerpt;
}

/** resolvePath for any path: one list of candidates per step (exported for the test that holds the fast walk to it). */
export function resolveAll(root: ViewObject, path: string[]): Resolved[] {
  let cur: Resolved[] = [{ value: root }];
  for (const seg of path) {
    const next: Resolved[] = [];
    for (const r of cur) step(r, seg, next);
    if (next.length === 0) return next;
    cur = next;
  }
  const out: Resolved[] = [];
  for (const r of cur) finish(r, out);
  return out;
}

function unwrap(v: unknown): unknown {
  return v instanceof Lazy ? v.get() : v;
}

function withMeta(value: unknown, parent: Resolved): Resolved {
  if (value && typeof value === 'object' && !Array.isArray(value) && '$source' in value) {
    const o = value as ViewObject;
    return { value, source: (o.$source as SourceRef | undefined) ?? parent.source, excerpt: (o.$excerpt as string | undefined) ?? parent.excerpt };
  }
  return { value, source: parent.source, excerpt: parent.excerpt };
}

function step(r: Resolved, seg: string, out: Resolved[]): void {
  const v = unwrap(r.value);
  if (Array.isArray(v)) {
    for (const el of v) step(withMeta(unwrap(el), r), seg, out);
    return;
  }
  if (!v || typeof v !== 'object') return;
  const child = unwrap((v as ViewObject)[seg]);
  if (child === undefined || child === null) return;
  const base = withMeta(v, r);
  if (Array.isArray(child)) {
    for (const el of child) {
      const e = unwrap(el);
      if (e !== undefined && e !== null) out.push(withMeta(e, base));
    }
    // an empty list is still "there" for `empty`; mark it
    if (child.length === 0) out.push({ value: EMPTY_LIST, source: base.source, excerpt: base.excerpt });
    return;
  }
  out.push(withMeta(child, base));
}

function finish(r: Resolved, out: Resolved[]): void {
  const v = unwrap(r.value);
  if (v === EMPTY_LIST) {
    out.push(r);
    return;
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && '$value' in v) {
    out.push({ ...r, value: (v as ViewObject).$value });
    return;
  }
  out.push({ ...r, value: v });
}

/** Marker for a list that exists but has no elements. */
export const EMPTY_LIST = Symbol('empty-list');

export interface MatchState {
  /** regex captures, first wins */
  captures: Record<string, string>;
  evidence: Resolved[];
}

export function evalBlock(b: Block, view: ViewObject, st: MatchState): boolean {
  if (b.all) for (const c of b.all) if (!evalCondition(c, view, st)) return false;
  if (b.any) {
    let ok = false;
    for (const c of b.any) if (evalCondition(c, view, st)) {
      ok = true;
      break;
    }
    if (!ok) return false;
  }
  if (b.none) {
    // captures and evidence from a negated branch would be misleading: evaluate in a scratch state
    for (const c of b.none) if (evalCondition(c, view, { captures: {}, evidence: [] })) return false;
  }
  return true;
}

function evalCondition(c: Condition, view: ViewObject, st: MatchState): boolean {
  if (c.kind === 'block') {
    // a failed sub-block must not leave captures behind
    const scratch: MatchState = { captures: { ...st.captures }, evidence: [] };
    if (!evalBlock(c, view, scratch)) return false;
    Object.assign(st.captures, scratch.captures);
    st.evidence.push(...scratch.evidence);
    return true;
  }
  return evalPredicate(c, view, st);
}

function isPresent(r: Resolved): boolean {
  return r.value !== EMPTY_LIST && r.value !== '' && r.value !== undefined && r.value !== null;
}

/** evalPredicate's one value of a list-free path; copied when it becomes evidence. */
const single: Resolved = { value: undefined, source: undefined, excerpt: undefined };
const singleList: Resolved[] = [single];
const noValues: Resolved[] = [];

export function evalPredicate(p: Predicate, view: ViewObject, st: MatchState): boolean {
  const found = p.path.length === 0 ? CROSSES_LIST : walkSingle(view, p.path, single);
  const values = found === CROSSES_LIST ? resolveAll(view, p.path) : found === ONE ? singleList : noValues;
  const evidence = (r: Resolved): Resolved => (r === single ? { value: r.value, source: r.source, excerpt: r.excerpt } : r);
  const t = p.test;
  // a list that is there but empty exists (known: none), unlike a missing one (unknown)
  if (t.op === 'exists') return values.length > 0 === t.value;
  if (t.op === 'empty') {
    const present = values.filter(isPresent);
    if (!t.value && present.length) st.evidence.push(evidence(present[0]));
    return (present.length === 0) === t.value;
  }
  for (const r of values) {
    if (r.value === EMPTY_LIST) continue;
    if (t.op === 'regex') {
      const s = scalarText(r.value);
      if (s === undefined) continue;
      const found = regexFind(t.re, t.groups, s);
      if (!found) continue;
      for (const [g, val] of found) if (!(g in st.captures)) st.captures[g] = val;
      st.evidence.push(evidence(r));
      return true;
    }
    if (testScalar(t, r.value)) {
      st.evidence.push(evidence(r));
      return true;
    }
  }
  return false;
}

type Found = readonly (readonly [string, string])[];
const NO_GROUPS: Found = [];
const MAX_MEMO_ENTRIES = 20_000;
const MAX_MEMO_TEXT = 4096;
/** Per compiled regex: text → its named groups (null: no match). */
const regexMemo = new WeakMap<RE2JS, Map<string, Found | null>>();

/**
 * One linear-time re2js search, remembered per regex and text: the same kubelet
 * message repeats across every pod of a failing workload and is tested by
 * dozens of rules, and re2js costs far more per character than a Map lookup.
 * A pure function of (regex, text), so the memo cannot change a result.
 */
function regexFind(re: RE2JS, groups: string[], text: string): Found | null {
  let memo = regexMemo.get(re);
  if (!memo) regexMemo.set(re, (memo = new Map()));
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const m = re.matcher(text);
  let found: Found | null = null;
  if (m.find()) {
    const pairs: [string, string][] = [];
    for (const g of groups) {
      const val = m.group(g);
      if (val !== null) pairs.push([g, val]);
    }
    found = pairs.length ? pairs : NO_GROUPS;
  }
  if (text.length <= MAX_MEMO_TEXT && memo.size < MAX_MEMO_ENTRIES) memo.set(text, found);
  return found;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function same(a: unknown, b: string | number | boolean): boolean {
  if (a === b) return true;
  if (typeof b === 'number') return toNumber(a) === b;
  if (typeof a === 'number' && typeof b === 'string') return toNumber(b) === a;
  return false;
}

function testScalar(t: Operator, v: unknown): boolean {
  switch (t.op) {
    case 'equals':
      return same(v, t.value);
    case 'in':
      return t.values.some((x) => same(v, x));
    case 'contains': {
      const s = scalarText(v);
      return s !== undefined && s.includes(t.value);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = toNumber(v);
      if (n === undefined) return false;
      return t.op === 'gt' ? n > t.value : t.op === 'gte' ? n >= t.value : t.op === 'lt' ? n < t.value : n <= t.value;
    }
    default:
      return false;
  }
}

/** A value rendered for a template or a capture; lists are joined. */
export function renderValue(values: Resolved[]): string | undefined {
  const parts: string[] = [];
  for (const r of values) {
    const s = scalarText(r.value);
    if (s !== undefined && s !== '') parts.push(s);
  }
  return parts.length ? parts.join(', ') : undefined;
}
