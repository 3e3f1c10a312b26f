import type { EventRecord } from '../records.js';
import type { ArtifactParser } from '../parser.js';
import { guarded } from './describe-common.js';
import { countFromAge, splitFieldPath, splitFrom } from './describe-events.js';
import { capText, headLines, splitWords, toLines } from './lines.js';
import { redactCredentials } from './redact.js';
import { type Column, headerColumns, rowReadings } from './table.js';

function isType(text: string | undefined): boolean {
  return text === 'Normal' || text === 'Warning';
}

/** A reading of a row is kept when TYPE is a type and SUBOBJECT, if any, is a field path. */
function plausible(cells: string[], t: Table): boolean {
  if (t.at.TYPE === undefined || !isType(cells[t.at.TYPE])) return false;
  const sub = t.at.SUBOBJECT !== undefined ? cells[t.at.SUBOBJECT] : '';
  return !sub || sub.startsWith('spec.') || sub.includes('{');
}

function isEventsHeader(line: string): boolean {
  return (
    (line.startsWith('LAST SEEN ') || line.startsWith('NAMESPACE ')) &&
    line.includes(' TYPE ') &&
    line.includes(' REASON ') &&
    line.includes(' MESSAGE')
  );
}

/** `pod/web-7d9c6b5f4d-x2x9k` resource prefixes (and `kubectl events` `Pod/...`) to kinds. */
const KINDS: Record<string, string> = {
  pod: 'Pod',
  node: 'Node',
  replicaset: 'ReplicaSet',
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  job: 'Job',
  cronjob: 'CronJob',
  service: 'Service',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolume: 'PersistentVolume',
  endpoints: 'Endpoints',
  serviceaccount: 'ServiceAccount',
  secret: 'Secret',
  configmap: 'ConfigMap',
  namespace: 'Namespace',
};

function objectRef(text: string): { kind?: string; name: string } {
  const slash = text.indexOf('/');
  if (slash <= 0) return { name: text };
  const res = text.slice(0, slash);
  const dot = res.indexOf('.');
  const base = (dot < 0 ? res : res.slice(0, dot)).toLowerCase();
  return { kind: KINDS[base] ?? res, name: text.slice(slash + 1) };
}

/**
 * `kubectl get events` tables: `LAST SEEN TYPE REASON OBJECT MESSAGE`, with
 * `-A` NAMESPACE first, with `-o wide` SUBOBJECT and SOURCE before MESSAGE and
 * FIRST SEEN COUNT NAME after it. Fixed columns come from the header offsets;
 * MESSAGE is the rest of the line, less the trailing wide columns.
 */
export const getEventsParser: ArtifactParser = {
  kind: 'get-events',
  sniff(head) {
    for (const l of headLines(head, 20)) if (isEventsHeader(l)) return true;
    return false;
  },
  parse(text, ctx) {
    return guarded('get-events', ctx, (records, warnings) => {
      const file = ctx.file;
      const lines = toLines(text, file, warnings);
      let table: Table | undefined;
      let last: Pending | undefined;
      let skipped = 0;
      let firstSkipped = 0;
      const flush = () => {
        if (!last) return;
        while (last.parts.length > 1 && last.parts[last.parts.length - 1] === '') last.parts.pop();
        if (table && last.needsTrailing && last.parts.length > 1) takeTrailing(last, table);
        last.record.message = redactCredentials(capText(last.parts.join('\n').trimEnd(), file, last.record.source.line, warnings));
        records.push(last.record);
        last = undefined;
      };
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (isEventsHeader(line)) {
          flush();
          table = makeTable(headerColumns(line));
          continue;
        }
        if (!table) continue;
        if (line.trim().length === 0) {
          if (last) last.parts.push('');
          continue;
        }
        const rec = parseRow(line, table, ctx.namespace, file, i + 1);
        if (rec) {
          flush();
          last = rec;
        } else if (last) {
          // a message printed with its newlines continues on the next lines
          last.parts.push(line);
        } else if (skipped++ === 0) {
          firstSkipped = i + 1;
        }
      }
      flush();
      if (!table) warnings.push({ file, message: 'no `kubectl get events` header (LAST SEEN TYPE REASON ... MESSAGE) found' });
      if (skipped > 0) warnings.push({ file, line: firstSkipped, message: `${skipped} line(s) of the events table could not be read and were skipped` });
    });
  },
};

interface Table {
  cols: Column[];
  at: Record<string, number>;
  message: number;
  /** columns after MESSAGE (-o wide: FIRST SEEN, COUNT, NAME) */
  trailing: number;
}

function makeTable(cols: Column[]): Table {
  const at: Record<string, number> = {};
  cols.forEach((c, k) => (at[c.name] = k));
  const message = at.MESSAGE ?? cols.length - 1;
  return { cols, at, message, trailing: cols.length - 1 - message };
}

/**
 * OBJECT (`pod/web-1`); kubectl before 1.14 had separate NAME and KIND
 * columns before MESSAGE instead (in -o wide today NAME, after MESSAGE, is
 * the event's own name).
 */
function involved(cells: string[], t: Table): { kind?: string; name: string } | undefined {
  if (t.at.OBJECT !== undefined) return cells[t.at.OBJECT] ? objectRef(cells[t.at.OBJECT]) : undefined;
  const name = t.at.NAME !== undefined && t.at.NAME < t.message ? cells[t.at.NAME] : '';
  if (!name) return undefined;
  const kind = t.at.KIND !== undefined ? cells[t.at.KIND] : undefined;
  return kind ? { kind, name } : { name };
}

interface Pending {
  record: EventRecord;
  parts: string[];
  needsTrailing: boolean;
}

function parseRow(line: string, t: Table, ctxNamespace: string | undefined, file: string, lineNo: number): Pending | undefined {
  if (line.charCodeAt(0) === 32) return undefined;
  const cells = rowReadings(line, t.cols, t.message, t.at.SUBOBJECT).find((c) => plausible(c, t));
  if (!cells) return undefined;
  const type = cells[t.at.TYPE];
  const reason = t.at.REASON !== undefined ? cells[t.at.REASON] : '';
  const obj = involved(cells, t);
  if (!reason || !obj) return undefined;
  // Without a NAMESPACE column kubectl listed its current namespace: ctx, else assume 'default'.
  const namespace = t.at.NAMESPACE !== undefined ? cells[t.at.NAMESPACE] : (ctxNamespace ?? 'default');
  const record: EventRecord = {
    kind: 'event',
    origin: 'table',
    namespace,
    involvedObject: { kind: obj.kind, name: obj.name },
    type,
    reason,
    message: '',
    source: { file, line: lineNo },
  };
  if (obj.kind !== 'Node' && namespace) record.involvedObject.namespace = namespace;
  const lastSeen = t.at['LAST SEEN'] !== undefined ? cells[t.at['LAST SEEN']] : undefined;
  if (lastSeen) {
    record.age = lastSeen;
    const count = countFromAge(lastSeen);
    if (count !== undefined) record.count = count;
  }
  const countCell = t.at.COUNT !== undefined && t.at.COUNT < t.message ? cells[t.at.COUNT] : undefined;
  if (countCell && /^\d{1,9}$/.test(countCell)) record.count = Number(countCell);
  const sub = t.at.SUBOBJECT !== undefined ? cells[t.at.SUBOBJECT] : undefined;
  if (sub) record.involvedObject.fieldPath = sub;
  const src = t.at.SOURCE !== undefined ? cells[t.at.SOURCE] : undefined;
  if (src) {
    const { component, host } = splitFrom(src);
    if (component) record.sourceComponent = component;
    if (host) record.sourceHost = host;
  }
  const entry: Pending = { record, parts: [cells[t.message] ?? ''], needsTrailing: false };
  // a multi-line message carries the trailing wide columns on its last line
  if (t.trailing > 0) entry.needsTrailing = !takeTrailing(entry, t);
  if (!record.involvedObject.fieldPath) {
    const split = splitFieldPath(entry.parts[0]);
    if (split.fieldPath) {
      record.involvedObject.fieldPath = split.fieldPath;
      entry.parts[0] = split.message;
    }
  }
  return entry;
}

/**
 * Split the wide columns after MESSAGE (FIRST SEEN, COUNT, NAME) off the
 * last message line, from the right: ages and names hold no spaces, so this
 * works even when a long message pushed the columns out of line.
 */
function takeTrailing(entry: Pending, t: Table): boolean {
  const k = entry.parts.length - 1;
  const text = entry.parts[k];
  const words = splitWords(text);
  if (words.length < t.trailing) return false;
  const tail = words.slice(words.length - t.trailing);
  const names = t.cols.slice(t.message + 1).map((c) => c.name);
  const at = (name: string) => {
    const idx = names.indexOf(name);
    return idx < 0 ? undefined : tail[idx].text;
  };
  const count = at('COUNT');
  if (count !== undefined && !/^\d{1,9}$/.test(count)) return false;
  entry.parts[k] = text.slice(0, tail[0].start).trimEnd();
  if (count !== undefined) entry.record.count = Number(count);
  return true;
}
