import type { Warning } from '../../common/source.js';
import type { EventRecord } from '../records.js';
import { capText, indentOf, splitGaps } from './lines.js';
import { redactCredentials } from './redact.js';

export interface InvolvedObject {
  kind: 'Pod' | 'Node';
  namespace?: string;
  name: string;
}

/** kubectl 1.35+ prefixes describe event messages with the field path: `spec.containers{app}: `. */
const FIELD_PATH_PREFIX = /^(spec\.[A-Za-z]{1,40}\{[^{}]{0,253}\}): /;

function isTypeCell(text: string): boolean {
  return text === 'Normal' || text === 'Warning';
}

function isDashes(line: string): boolean {
  const t = line.trim();
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c !== '-' && c !== ' ') return false;
  }
  return true;
}

/** `50s (x4 over 2m25s)` → 4; undefined when the age has no count. */
export function countFromAge(age: string): number | undefined {
  const at = age.indexOf('(x');
  if (at < 0) return undefined;
  let i = at + 2;
  let n = 0;
  const start = i;
  while (i < age.length && i - start < 10 && age.charCodeAt(i) >= 48 && age.charCodeAt(i) <= 57) {
    n = n * 10 + (age.charCodeAt(i) - 48);
    i++;
  }
  return i > start && age.startsWith(' over ', i) ? n : undefined;
}

/** `kubelet`, pre-1.20 `kubelet, ip-10-0-1-23.ec2.internal`, ≤1.4 `{kubelet minikube}`. */
export function splitFrom(from: string): { component?: string; host?: string } {
  let f = from.trim();
  if (f.startsWith('{') && f.endsWith('}')) {
    f = f.slice(1, -1).trim();
    const sp = f.indexOf(' ');
    return sp < 0 ? { component: f || undefined } : { component: f.slice(0, sp), host: f.slice(sp + 1).trim() || undefined };
  }
  const comma = f.indexOf(', ');
  if (comma < 0) return { component: f || undefined };
  return { component: f.slice(0, comma), host: f.slice(comma + 2).trim() || undefined };
}

/** Split a kubectl 1.35+ field-path prefix off a message. */
export function splitFieldPath(message: string): { fieldPath?: string; message: string } {
  if (!message.startsWith('spec.')) return { message };
  const m = FIELD_PATH_PREFIX.exec(message.slice(0, 320));
  if (!m) return { message };
  return { fieldPath: m[1], message: message.slice(m[0].length) };
}

interface Pending {
  record: EventRecord;
  parts: string[];
  line: number;
}

/**
 * The `Events:` table of a describe pod/node, from the `Events:` line at
 * `from` up to (not including) `to`. A line that is not a row continues the
 * previous message (describe prints message newlines raw, at column 0).
 */
export function parseDescribeEvents(
  lines: string[],
  from: number,
  to: number,
  file: string,
  obj: InvolvedObject,
  out: EventRecord[],
  warnings: Warning[],
): void {
  const head = lines[from];
  if (head.slice(head.indexOf(':') + 1).trim() === '<none>') return;
  let format: 'current' | 'old' | undefined;
  let pending: Pending | undefined;
  const stray = { count: 0, line: 0 };
  const broken = { count: 0, line: 0 };

  const flush = () => {
    if (!pending) return;
    pending.record.message = redactCredentials(capText(pending.parts.join('\n').trimEnd(), file, pending.line, warnings));
    out.push(pending.record);
    pending = undefined;
  };

  for (let i = from + 1; i < to; i++) {
    const line = lines[i];
    if (line.length === 0) {
      // a message may hold blank lines; trailing ones are trimmed at flush
      if (pending) pending.parts.push('');
      continue;
    }
    const indent = indentOf(line);
    if (format === undefined && indent > 0) {
      const first = line.slice(indent, indent + 9);
      if (first.startsWith('Type ') || first === 'Type') {
        format = 'current';
        continue;
      }
      if (first === 'FirstSeen') {
        format = 'old';
        continue;
      }
    }
    if (isDashes(line)) continue;
    const rec = indent === 2 || indent === 1 || indent === 3 ? parseRow(line, format ?? 'current', file, i + 1, obj) : undefined;
    if (rec) {
      if (format === undefined) {
        format = 'current';
        warnings.push({ file, line: i + 1, message: 'Events table without a header line; rows read as Type Reason Age From Message' });
      }
      flush();
      pending = { record: rec.record, parts: [rec.message], line: i + 1 };
      continue;
    }
    const bad = looksLikeBrokenRow(line) ? broken : pending ? undefined : stray;
    if (!bad) {
      pending!.parts.push(line);
      continue;
    }
    if (bad.count++ === 0) bad.line = i + 1;
  }
  flush();
  if (stray.count > 0) warnings.push({ file, line: stray.line, message: `${stray.count} unrecognized line(s) before the first row of the Events table were skipped` });
  if (broken.count > 0) warnings.push({ file, line: broken.line, message: `${broken.count} Events row(s) without Reason/Age/From columns were skipped` });
}

/** A `Normal`/`Warning` line that did not have the columns of a row. */
function looksLikeBrokenRow(line: string): boolean {
  const t = line.trimStart();
  return (t === 'Normal' || t === 'Warning' || t.startsWith('Normal ') || t.startsWith('Warning ')) && indentOf(line) === 2;
}

function parseRow(
  line: string,
  format: 'current' | 'old',
  file: string,
  lineNo: number,
  obj: InvolvedObject,
): { record: EventRecord; message: string } | undefined {
  if (format === 'old') return parseOldRow(line, file, lineNo, obj);
  const cells = splitGaps(line, 5);
  if (cells.length < 4 || !isTypeCell(cells[0].text)) return undefined;
  const age = cells[2].text;
  const { component, host } = splitFrom(cells[3].text);
  const split = splitFieldPath(cells.length > 4 ? cells[4].text.trim() : '');
  return {
    record: makeEvent(obj, file, lineNo, {
      type: cells[0].text,
      reason: cells[1].text,
      age,
      count: countFromAge(age),
      sourceComponent: component,
      sourceHost: host,
      fieldPath: split.fieldPath,
    }),
    message: split.message,
  };
}

/** kubectl ≤1.4: FirstSeen LastSeen Count From SubobjectPath Type Reason Message (SubobjectPath may be empty). */
function parseOldRow(line: string, file: string, lineNo: number, obj: InvolvedObject): { record: EventRecord; message: string } | undefined {
  const probe = splitGaps(line, 8);
  let typeAt = -1;
  if (probe.length > 4 && isTypeCell(probe[4].text)) typeAt = 4;
  else if (probe.length > 5 && isTypeCell(probe[5].text)) typeAt = 5;
  if (typeAt < 0 || probe.length < typeAt + 2) return undefined;
  const cells = splitGaps(line, typeAt + 3);
  const count = Number.parseInt(cells[2].text, 10);
  const { component, host } = splitFrom(cells[3].text);
  return {
    record: makeEvent(obj, file, lineNo, {
      type: cells[typeAt].text,
      reason: cells[typeAt + 1].text,
      age: cells[1].text,
      count: Number.isFinite(count) ? count : undefined,
      sourceComponent: component,
      sourceHost: host,
      fieldPath: typeAt === 5 ? cells[4].text : undefined,
    }),
    message: cells.length > typeAt + 2 ? cells[typeAt + 2].text.trim() : '',
  };
}

function makeEvent(
  obj: InvolvedObject,
  file: string,
  line: number,
  f: { type: string; reason: string; age: string; count?: number; sourceComponent?: string; sourceHost?: string; fieldPath?: string },
): EventRecord {
  const involvedObject: EventRecord['involvedObject'] = { kind: obj.kind, name: obj.name };
  if (obj.namespace !== undefined) involvedObject.namespace = obj.namespace;
  if (f.fieldPath) involvedObject.fieldPath = f.fieldPath;
  const rec: EventRecord = {
    kind: 'event',
    origin: 'describe',
    involvedObject,
    type: f.type,
    reason: f.reason,
    message: '',
    age: f.age,
    source: { file, line },
  };
  if (obj.namespace !== undefined) rec.namespace = obj.namespace;
  if (f.count !== undefined) rec.count = f.count;
  if (f.sourceComponent) rec.sourceComponent = f.sourceComponent;
  if (f.sourceHost) rec.sourceHost = f.sourceHost;
  return rec;
}
