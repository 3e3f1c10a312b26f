/**
 * UI state and its pure transitions. Every key goes through `reduce`, so a
 * burst of keys in one stdin chunk (`jjj`, `:pods\r`) is applied in order
 * against the latest state, never against a stale closure.
 */
import type { NotChecked } from '../findings/types.js';
import { selectableLines, type DetailLine } from './detail-lines.js';
import { makeEvidenceDoc, type EvidenceDoc } from './evidence-doc.js';
import { actionFor, type Action, type KeyInfo, type Scope } from './keymap.js';
import { bodyHeight, type Size } from './layout.js';
import { clamp, moveCursor, windowOffset, type FilterCache } from './list-window.js';
import { LIST_VIEWS, type ListView, type ViewData } from './rows.js';

export interface ListState {
  cursor: number;
  offset: number;
  filter: string;
}

export interface DetailState {
  /** index into the sorted findings */
  finding: number;
  /** index into the selectable lines */
  cursor: number;
  offset: number;
}

export interface EvidenceState {
  file: string;
  line?: number;
  offset: number;
  status: 'loading' | 'ready' | 'missing' | 'error';
  doc?: EvidenceDoc;
  error?: string;
  /** identifies the load request, so a late answer for an old file is ignored */
  seq: number;
}

export interface UiState {
  view: ListView;
  lists: Record<ListView, ListState>;
  detail?: DetailState;
  evidence?: EvidenceState;
  help?: { offset: number };
  mode: 'normal' | 'filter' | 'command';
  input: string;
  flash?: string;
  copied?: { text: string; seq: number };
  seq: number;
  quit: boolean;
}

/** What the reducer needs to know about the data and the screen. */
export interface Ctx {
  data: ViewData;
  notChecked: readonly NotChecked[];
  filters: FilterCache;
  size: Size;
  detailLines: (finding: number) => DetailLine[];
  helpLines: number;
}

export type UiAction =
  | { type: 'key'; input: string; key: KeyInfo & { backspace?: boolean; delete?: boolean; meta?: boolean }; ctx: Ctx }
  | { type: 'evidenceLoaded'; seq: number; text: string | undefined; error?: string; ctx: Ctx };

export function initialState(): UiState {
  const list = (): ListState => ({ cursor: 0, offset: 0, filter: '' });
  return {
    view: 'findings',
    lists: { findings: list(), pods: list(), nodes: list(), notchecked: list() },
    mode: 'normal',
    input: '',
    seq: 0,
    quit: false,
  };
}

export function scopeOf(s: UiState): Scope {
  if (s.help) return 'help';
  if (s.evidence) return 'evidence';
  if (s.detail) return 'detail';
  return 'list';
}

/** Rows of the current list that pass its filter (indices into the list's rows). */
export function visibleIndices(s: UiState, ctx: Ctx, view: ListView = s.view): number[] {
  return ctx.filters.get(ctx.data.lists[view].rows, s.lists[view].filter);
}

/** Longest chunk of typed/pasted text we replay key by key. */
const MAX_CHUNK = 1000;

export function reduce(s: UiState, a: UiAction): UiState {
  if (a.type === 'evidenceLoaded') return evidenceLoaded(s, a);
  // Ink delivers fast typing or a paste ("jjj", ":pods") as one input string
  if (a.input.length > 1 && isPlainText(a)) {
    let next = s;
    for (const ch of Array.from(a.input.slice(0, MAX_CHUNK))) next = reduceKey(next, { ...a, input: ch, key: keyOfChar(ch) });
    return next;
  }
  return reduceKey(s, a);
}

/** Control characters inside a chunk ("j\r" when keys arrive together) mean their keys. */
function keyOfChar(ch: string): Extract<UiAction, { type: 'key' }>['key'] {
  if (ch === '\r' || ch === '\n') return { return: true };
  if (ch === '\t') return { tab: true };
  if (ch === '\x7f' || ch === '\b') return { backspace: true };
  return {};
}

function isPlainText(a: Extract<UiAction, { type: 'key' }>): boolean {
  const k = a.key;
  return !k.ctrl && !k.meta && !k.escape && !k.return && !k.tab && !k.upArrow && !k.downArrow && !k.pageUp && !k.pageDown;
}

function reduceKey(s: UiState, a: Extract<UiAction, { type: 'key' }>): UiState {
  // any key dismisses the transient panels
  const base: UiState = s.copied || s.flash ? { ...s, copied: undefined, flash: undefined } : s;
  if (base.mode === 'filter') return filterKey(base, a);
  if (base.mode === 'command') return commandKey(base, a);
  const action = actionFor(scopeOf(base), a.input, a.key);
  if (!action) return s.copied || s.flash ? base : s;
  return applyAction(base, action, a.ctx);
}

function isPrintable(a: Extract<UiAction, { type: 'key' }>): boolean {
  const k = a.key;
  return a.input.length > 0 && !k.ctrl && !k.meta && !k.return && !k.escape && !k.tab && !k.upArrow && !k.downArrow;
}

function setList(s: UiState, view: ListView, patch: Partial<ListState>): UiState {
  return { ...s, lists: { ...s.lists, [view]: { ...s.lists[view], ...patch } } };
}

function filterKey(s: UiState, a: Extract<UiAction, { type: 'key' }>): UiState {
  if (a.key.escape) return { ...setList(s, s.view, { filter: '', cursor: 0, offset: 0 }), mode: 'normal', input: '' };
  if (a.key.return) return { ...s, mode: 'normal', input: '' };
  let input = s.input;
  if (a.key.backspace || a.key.delete) input = input.slice(0, -1);
  else if (isPrintable(a)) input = (input + a.input).slice(0, 200);
  else return s;
  return { ...setList(s, s.view, { filter: input, cursor: 0, offset: 0 }), input };
}

function commandKey(s: UiState, a: Extract<UiAction, { type: 'key' }>): UiState {
  if (a.key.escape) return { ...s, mode: 'normal', input: '' };
  if (a.key.return) return runCommand({ ...s, mode: 'normal', input: '' }, s.input);
  if (a.key.backspace || a.key.delete) {
    if (!s.input) return { ...s, mode: 'normal' };
    return { ...s, input: s.input.slice(0, -1) };
  }
  if (isPrintable(a)) return { ...s, input: (s.input + a.input).slice(0, 100) };
  return s;
}

const VIEW_COMMANDS: Record<string, ListView> = {
  findings: 'findings',
  finding: 'findings',
  f: 'findings',
  pods: 'pods',
  pod: 'pods',
  po: 'pods',
  nodes: 'nodes',
  node: 'nodes',
  no: 'nodes',
  notchecked: 'notchecked',
  'not-checked': 'notchecked',
  nc: 'notchecked',
};

export function runCommand(s: UiState, text: string): UiState {
  const cmd = text.trim().toLowerCase();
  const view = VIEW_COMMANDS[cmd];
  if (view) return { ...s, view, detail: undefined, evidence: undefined, help: undefined };
  if (cmd === 'q' || cmd === 'quit' || cmd === 'q!' || cmd === 'exit') return { ...s, quit: true };
  if (cmd === 'help' || cmd === '?') return { ...s, help: { offset: 0 } };
  if (!cmd) return s;
  return { ...s, flash: `unknown command :${cmd.slice(0, 40)} — try :findings :pods :nodes :nc :q` };
}

function applyAction(s: UiState, action: Action, ctx: Ctx): UiState {
  if (action === 'command') return { ...s, mode: 'command', input: '' };
  if (action === 'help' && !s.help) return { ...s, help: { offset: 0 } };
  const scope = scopeOf(s);
  if (scope === 'help') return helpAction(s, action, ctx);
  if (scope === 'evidence') return evidenceAction(s, action, ctx);
  if (scope === 'detail') return detailAction(s, action, ctx);
  return listAction(s, action, ctx);
}

function helpAction(s: UiState, action: Action, ctx: Ctx): UiState {
  const h = bodyHeight(ctx.size, 'help', 0);
  const max = Math.max(0, ctx.helpLines - h);
  const off = s.help?.offset ?? 0;
  switch (action) {
    case 'back':
    case 'quit':
    case 'help':
      return { ...s, help: undefined };
    case 'down':
      return { ...s, help: { offset: clamp(off + 1, 0, max) } };
    case 'up':
      return { ...s, help: { offset: clamp(off - 1, 0, max) } };
    case 'pageDown':
      return { ...s, help: { offset: clamp(off + h, 0, max) } };
    case 'pageUp':
      return { ...s, help: { offset: clamp(off - h, 0, max) } };
    case 'top':
      return { ...s, help: { offset: 0 } };
    case 'bottom':
      return { ...s, help: { offset: max } };
    default:
      return s;
  }
}

function listAction(s: UiState, action: Action, ctx: Ctx): UiState {
  const view = s.view;
  const ls = s.lists[view];
  const idx = visibleIndices(s, ctx);
  const count = idx.length;
  const h = bodyHeight(ctx.size, 'list', 0);
  const move = (cursor: number): UiState => setList(s, view, { cursor, offset: windowOffset(ls.offset, cursor, h, count) });
  switch (action) {
    case 'down':
      return move(moveCursor(ls.cursor, 1, count));
    case 'up':
      return move(moveCursor(ls.cursor, -1, count));
    case 'pageDown':
      return move(moveCursor(ls.cursor, h, count));
    case 'pageUp':
      return move(moveCursor(ls.cursor, -h, count));
    case 'top':
      return move(0);
    case 'bottom':
      return move(Math.max(0, count - 1));
    case 'filter':
      return { ...s, mode: 'filter', input: ls.filter };
    case 'nextView':
      return { ...s, view: LIST_VIEWS[(LIST_VIEWS.indexOf(view) + 1) % LIST_VIEWS.length] };
    case 'back':
      return ls.filter ? setList(s, view, { filter: '', cursor: 0, offset: 0 }) : s;
    case 'quit':
      return { ...s, quit: true };
    case 'open':
    case 'copy': {
      if (!count) return s;
      const row = ctx.data.lists[view].rows[idx[clamp(ls.cursor, 0, count - 1)]];
      if (action === 'copy') return copySelectedRow(s, view, row.ref, ctx);
      if (view === 'findings') return { ...s, detail: { finding: row.ref, cursor: 0, offset: 0 } };
      if (row.drill) {
        return { ...setList(s, 'findings', { filter: row.drill, cursor: 0, offset: 0 }), view: 'findings' };
      }
      return s;
    }
    default:
      return s;
  }
}

function copySelectedRow(s: UiState, view: ListView, ref: number, ctx: Ctx): UiState {
  let text: string | undefined;
  if (view === 'notchecked') text = ctx.notChecked[ref]?.capture;
  else if (view === 'findings') {
    const copyLine = ctx.detailLines(ref).find((l) => l.action?.type === 'copy');
    if (copyLine?.action?.type === 'copy') text = copyLine.action.text;
  }
  if (!text) return { ...s, flash: 'nothing to copy here' };
  return copy(s, text);
}

function copy(s: UiState, text: string): UiState {
  const seq = s.seq + 1;
  return { ...s, seq, copied: { text, seq } };
}

function detailAction(s: UiState, action: Action, ctx: Ctx): UiState {
  const d = s.detail!;
  const lines = ctx.detailLines(d.finding);
  const sel = selectableLines(lines);
  const h = bodyHeight(ctx.size, 'detail', 0);
  const maxOffset = Math.max(0, lines.length - h);
  const withCursor = (cursor: number, offset = d.offset): UiState => {
    const line = sel[cursor];
    const o = line === undefined ? clamp(offset, 0, maxOffset) : windowOffset(clamp(offset, 0, maxOffset), line, h, lines.length);
    return { ...s, detail: { ...d, cursor, offset: o } };
  };
  const firstInWindow = (offset: number, fallback: number): number => {
    const i = sel.findIndex((l) => l >= offset && l < offset + h);
    return i < 0 ? fallback : i;
  };
  switch (action) {
    case 'back':
    case 'quit':
      return { ...s, detail: undefined };
    case 'down':
      if (!sel.length || d.cursor >= sel.length - 1) return { ...s, detail: { ...d, offset: clamp(d.offset + 1, 0, maxOffset) } };
      return withCursor(d.cursor + 1);
    case 'up':
      if (!sel.length || d.cursor <= 0) return { ...s, detail: { ...d, cursor: 0, offset: clamp(d.offset - 1, 0, maxOffset) } };
      return withCursor(d.cursor - 1);
    case 'pageDown': {
      const o = clamp(d.offset + h, 0, maxOffset);
      return { ...s, detail: { ...d, offset: o, cursor: firstInWindow(o, d.cursor) } };
    }
    case 'pageUp': {
      const o = clamp(d.offset - h, 0, maxOffset);
      return { ...s, detail: { ...d, offset: o, cursor: firstInWindow(o, d.cursor) } };
    }
    case 'top':
      return { ...s, detail: { ...d, cursor: 0, offset: 0 } };
    case 'bottom':
      return { ...s, detail: { ...d, cursor: Math.max(0, sel.length - 1), offset: maxOffset } };
    case 'open':
    case 'copy': {
      const act = lines[sel[d.cursor]]?.action;
      if (!act) return { ...s, flash: 'nothing selected' };
      if (act.type === 'copy') return copy(s, act.text);
      if (action === 'copy') return { ...s, flash: 'select a command ($ line) to copy; enter opens evidence' };
      const seq = s.seq + 1;
      return {
        ...s,
        seq,
        evidence: { file: act.evidence.file, line: act.evidence.line, offset: 0, status: 'loading', seq },
      };
    }
    default:
      return s;
  }
}

function evidenceAction(s: UiState, action: Action, ctx: Ctx): UiState {
  const e = s.evidence!;
  const h = bodyHeight(ctx.size, 'evidence', 0);
  const total = e.doc?.lineCount ?? 0;
  const max = Math.max(0, total - h);
  const scroll = (offset: number): UiState => ({ ...s, evidence: { ...e, offset: clamp(offset, 0, max) } });
  switch (action) {
    case 'back':
    case 'quit':
      return { ...s, evidence: undefined };
    case 'down':
      return scroll(e.offset + 1);
    case 'up':
      return scroll(e.offset - 1);
    case 'pageDown':
      return scroll(e.offset + h);
    case 'pageUp':
      return scroll(e.offset - h);
    case 'top':
      return scroll(0);
    case 'bottom':
      return scroll(max);
    default:
      return s;
  }
}

/** Places the evidence line a third of the way down the window, as `less +N` would near the top. */
export function initialEvidenceOffset(line: number | undefined, total: number, height: number): number {
  if (!line) return 0;
  return clamp(line - 1 - Math.floor(height / 3), 0, Math.max(0, total - height));
}

function evidenceLoaded(s: UiState, a: Extract<UiAction, { type: 'evidenceLoaded' }>): UiState {
  const e = s.evidence;
  if (!e || e.seq !== a.seq) return s;
  if (a.error) return { ...s, evidence: { ...e, status: 'error', error: a.error } };
  if (a.text === undefined) return { ...s, evidence: { ...e, status: 'missing' } };
  const doc = makeEvidenceDoc(e.file, a.text);
  const h = bodyHeight(a.ctx.size, 'evidence', 0);
  return { ...s, evidence: { ...e, status: 'ready', doc, offset: initialEvidenceOffset(e.line, doc.lineCount, h) } };
}
