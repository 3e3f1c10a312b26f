import type { EventRecord } from '../records.js';
import type { Located } from './located.js';
import { get, message as capped, noIntern, num, obj, str, type Interner, type Obj } from './values.js';

/**
 * core/v1 Event and events.k8s.io/v1 Event → EventRecord. v1 names the same
 * facts differently (`regarding`, `note`, `deprecatedCount`, `series`), and a
 * core/v1 event written by a new client may carry only `eventTime`/`series`.
 */
export function eventRecord(
  item: Located,
  file: string,
  origin: 'json' | 'yaml',
  defaultNamespace: string | undefined,
  intern: Interner = noIntern,
  /** the previous event's involvedObject: reused (not copied) when this event is about the same object */
  previous?: EventRecord['involvedObject'],
): EventRecord | undefined {
  const o = obj(item.value);
  if (!o) return undefined;
  const meta = obj(o.metadata);
  const io = obj(o.involvedObject) ?? obj(o.regarding);
  const ioName = str(io?.name);
  if (!ioName) return undefined;
  const messageKey = typeof o.message === 'string' ? 'message' : typeof o.note === 'string' ? 'note' : undefined;
  const message = messageKey ? intern(capped(o[messageKey]) ?? '') : '';
  const reason = intern(str(o.reason) ?? '');
  const type = intern(str(o.type));
  const series = obj(o.series);
  const src = obj(o.source);
  const deprecatedSource = obj(o.deprecatedSource);
  const eventTime = str(o.eventTime);
  const involvedObject = sameObject(previous, io, ioName)
    ? previous
    : { kind: intern(str(io?.kind)), namespace: intern(str(io?.namespace)), name: intern(ioName), uid: intern(str(io?.uid)), fieldPath: intern(str(io?.fieldPath)) };
  const rec: EventRecord = {
    kind: 'event',
    origin,
    namespace: intern(str(meta?.namespace)) ?? involvedObject.namespace ?? defaultNamespace,
    involvedObject,
    type,
    reason,
    message,
    count: num(o.count) ?? num(series?.count) ?? num(o.deprecatedCount),
    firstTimestamp: intern(str(o.firstTimestamp) ?? str(o.deprecatedFirstTimestamp) ?? eventTime),
    lastTimestamp: intern(str(series?.lastObservedTime) ?? str(o.lastTimestamp) ?? str(o.deprecatedLastTimestamp) ?? eventTime),
    sourceComponent: intern(str(src?.component) ?? str(o.reportingController) ?? str(deprecatedSource?.component)),
    sourceHost: intern(str(src?.host) ?? str(o.reportingInstance) ?? str(deprecatedSource?.host)),
    source: { file, line: item.line },
  };
  if (messageKey && citable(type, reason, message)) {
    const line = item.lineOf([messageKey]);
    if (line) rec.source = { file, line };
  }
  return rec;
}

/** A file lists an object's events one after another: they can share one involvedObject (read-only once built). */
function sameObject(previous: EventRecord['involvedObject'] | undefined, io: Obj | undefined, name: string): previous is EventRecord['involvedObject'] {
  return (
    previous !== undefined &&
    previous.name === name &&
    previous.namespace === str(io?.namespace) &&
    previous.kind === str(io?.kind) &&
    previous.uid === str(io?.uid) &&
    previous.fieldPath === str(io?.fieldPath)
  );
}

/**
 * Warnings and back-offs get the line of their message: they are what rules
 * cite. Routine Normal events (Pulling, Pulled, Scheduled, Started: most of a
 * big bundle's events) keep the object line; finding each message line would
 * cost more than parsing them.
 */
function citable(type: string | undefined, reason: string, _message: string): boolean {
  return type !== 'Normal' || reason === 'BackOff';
}

export function looksLikeEvent(o: Obj): boolean {
  return obj(o.involvedObject) !== undefined || (obj(o.regarding) !== undefined && get(o, 'reason') !== undefined);
}
