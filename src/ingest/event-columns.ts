/**
 * Event records in columns, for the trip from a parse worker to the main
 * thread. A big bundle holds hundreds of thousands of events; sent as objects
 * (structured clone) the main thread rebuilds every object and every string,
 * which costs more than the worker saved it. In columns, each distinct string
 * travels once, numbers travel in typed arrays (moved, not copied), and
 * decoding is one tight loop. Involved objects shared between events stay
 * shared. Records that do not have exactly the known shape are left out of
 * the columns and travel as objects, so the round trip is always exact.
 */
import type { EventRecord, RecordOrigin } from '../parsers/records.js';

/** String fields of an event, in column order. */
const STRING_FIELDS = ['origin', 'namespace', 'type', 'reason', 'message', 'firstTimestamp', 'lastTimestamp', 'age', 'sourceComponent', 'sourceHost'] as const;
const IO_FIELDS = ['kind', 'namespace', 'name', 'uid', 'fieldPath'] as const;
/** Keys an event record may have; any other key sends the record as an object (held to isEventKey/isObjectKey by a test). */
export const EVENT_KEYS: readonly string[] = ['kind', 'involvedObject', 'count', 'source', ...STRING_FIELDS];
export const IO_KEYS: readonly string[] = IO_FIELDS;
/** per event: the string fields, then involved object index, source file, source line */
const WIDTH = STRING_FIELDS.length + 3;
const NONE = -1;

export interface EventColumns {
  count: number;
  strings: string[];
  /** WIDTH int32 per event: string indexes (NONE for undefined), involved object index, file index, line (0 for none) */
  cells: Int32Array;
  /** event count, NaN for none */
  counts: Float64Array;
  /** IO_FIELDS.length string indexes per involved object */
  objects: Int32Array;
}

/**
 * Separates the events that fit the columns from every other record (`rest`:
 * records that are not events, or events of a shape the columns do not hold).
 * Order among each part is kept; the model does not depend on the order
 * between kinds within one file.
 */
export function toEventColumns<T extends { kind: string }>(records: readonly T[]): { columns?: EventColumns; rest: T[] } {
  const rest: T[] = [];
  const events: EventRecord[] = [];
  for (const r of records) {
    if (r.kind === 'event' && fitsColumns(r as unknown as EventRecord)) events.push(r as unknown as EventRecord);
    else rest.push(r);
  }
  if (events.length === 0) return { rest };
  const table = new Map<string, number>();
  const strings: string[] = [];
  const index = (s: string | undefined): number => {
    if (s === undefined) return NONE;
    let i = table.get(s);
    if (i === undefined) {
      i = strings.length;
      table.set(s, i);
      strings.push(s);
    }
    return i;
  };
  const cells = new Int32Array(events.length * WIDTH);
  const counts = new Float64Array(events.length);
  const objectIndex = new Map<EventRecord['involvedObject'], number>();
  const objectList: EventRecord['involvedObject'][] = [];
  // consecutive events repeat most fields (namespace, type, source, timestamps of one sync):
  // the previous event's string and index, compared before the table is asked
  const lastValue: (string | undefined)[] = new Array(STRING_FIELDS.length).fill(undefined);
  const lastIndex: number[] = new Array(STRING_FIELDS.length).fill(NONE);
  let lastObject: EventRecord['involvedObject'] | undefined;
  let lastObjectIndex = NONE;
  let k = 0;
  const cell = (f: number, v: string | undefined) => {
    if (v !== lastValue[f]) {
      lastValue[f] = v;
      lastIndex[f] = index(v);
    }
    cells[k++] = lastIndex[f];
  };
  for (let e = 0; e < events.length; e++) {
    const ev = events[e];
    // named reads in STRING_FIELDS order (a computed key per field would be a megamorphic load)
    cell(0, ev.origin);
    cell(1, ev.namespace);
    cell(2, ev.type);
    cell(3, ev.reason);
    cell(4, ev.message);
    cell(5, ev.firstTimestamp);
    cell(6, ev.lastTimestamp);
    cell(7, ev.age);
    cell(8, ev.sourceComponent);
    cell(9, ev.sourceHost);
    let io = ev.involvedObject === lastObject ? lastObjectIndex : objectIndex.get(ev.involvedObject);
    if (io === undefined) {
      io = objectList.length;
      objectIndex.set(ev.involvedObject, io);
      objectList.push(ev.involvedObject);
    }
    lastObject = ev.involvedObject;
    lastObjectIndex = io;
    cells[k++] = io;
    cells[k++] = index(ev.source.file);
    cells[k++] = ev.source.line ?? 0;
    counts[e] = ev.count ?? NaN;
  }
  const objects = new Int32Array(objectList.length * IO_FIELDS.length);
  let j = 0;
  for (const io of objectList) for (const f of IO_FIELDS) objects[j++] = index(io[f]);
  return { columns: { count: events.length, strings, cells, counts, objects }, rest };
}

/** The typed arrays' memory, to move rather than copy when posting the columns. */
export function transferList(c: EventColumns): ArrayBuffer[] {
  return [c.cells.buffer as ArrayBuffer, c.counts.buffer as ArrayBuffer, c.objects.buffer as ArrayBuffer];
}

export function fromEventColumns(c: EventColumns): EventRecord[] {
  const s = c.strings;
  const at = (i: number): string | undefined => (i < 0 ? undefined : s[i]);
  const objects: EventRecord['involvedObject'][] = [];
  const o = c.objects;
  for (let j = 0; j < o.length; j += IO_FIELDS.length) {
    objects.push({ kind: at(o[j]), namespace: at(o[j + 1]), name: s[o[j + 2]], uid: at(o[j + 3]), fieldPath: at(o[j + 4]) });
  }
  const out: EventRecord[] = new Array(c.count);
  const x = c.cells;
  for (let e = 0, k = 0; e < c.count; e++, k += WIDTH) {
    const count = c.counts[e];
    const line = x[k + 12];
    // key order as the JSON parser builds them: reports keep the order they are given
    const rec: EventRecord = {
      kind: 'event',
      origin: s[x[k]] as RecordOrigin,
      namespace: at(x[k + 1]),
      involvedObject: objects[x[k + 10]],
      type: at(x[k + 2]),
      reason: s[x[k + 3]],
      message: s[x[k + 4]],
      // an integral count as a small integer: a double would be boxed in every event object
      count: Number.isNaN(count) ? undefined : (count | 0) === count && !Object.is(count, -0) ? count | 0 : count,
      firstTimestamp: at(x[k + 5]),
      lastTimestamp: at(x[k + 6]),
      sourceComponent: at(x[k + 8]),
      sourceHost: at(x[k + 9]),
      source: line > 0 ? { file: s[x[k + 11]], line } : { file: s[x[k + 11]] },
    };
    const age = x[k + 7];
    if (age >= 0) rec.age = s[age];
    out[e] = rec;
  }
  return out;
}

/** Exactly the shape the columns hold: known keys, strings where strings go, a finite count, an integer line. */
function fitsColumns(r: EventRecord): boolean {
  for (const key in r) if (!isEventKey(key)) return false;
  if (typeof r.reason !== 'string' || typeof r.message !== 'string' || typeof r.origin !== 'string') return false;
  if (!optionalString(r.namespace) || !optionalString(r.type) || !optionalString(r.firstTimestamp) || !optionalString(r.lastTimestamp)) return false;
  if (!optionalString(r.age) || !optionalString(r.sourceComponent) || !optionalString(r.sourceHost)) return false;
  if (r.count !== undefined && (typeof r.count !== 'number' || Number.isNaN(r.count))) return false;
  const src = r.source as unknown as Record<string, unknown>;
  if (typeof src !== 'object' || src === null || typeof src.file !== 'string') return false;
  for (const key in src) if (key !== 'file' && key !== 'line') return false;
  if (src.line !== undefined && !(Number.isInteger(src.line) && (src.line as number) > 0 && (src.line as number) <= 0x7fffffff)) return false;
  const io = r.involvedObject as unknown as Record<string, unknown>;
  if (typeof io !== 'object' || io === null || typeof io.name !== 'string') return false;
  for (const key in io) if (!isObjectKey(key) || (io[key] !== undefined && typeof io[key] !== 'string')) return false;
  return true;
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

/** EVENT_KEYS.has, as a switch: hundreds of thousands of events, a dozen keys each. */
function isEventKey(key: string): boolean {
  switch (key) {
    case 'kind':
    case 'involvedObject':
    case 'count':
    case 'source':
    case 'origin':
    case 'namespace':
    case 'type':
    case 'reason':
    case 'message':
    case 'firstTimestamp':
    case 'lastTimestamp':
    case 'age':
    case 'sourceComponent':
    case 'sourceHost':
      return true;
    default:
      return false;
  }
}

function isObjectKey(key: string): boolean {
  switch (key) {
    case 'kind':
    case 'namespace':
    case 'name':
    case 'uid':
    case 'fieldPath':
      return true;
    default:
      return false;
  }
}
