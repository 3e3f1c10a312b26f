import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_KEYS, IO_KEYS, fromEventColumns, toEventColumns } from '../../src/ingest/event-columns.js';
import { sampleRecords } from './sample-records.js';
import type { EventRecord, ParsedRecord } from '../../src/parsers/records.js';

/** Through the columns and back, as a worker reply travels (typed arrays copied, as postMessage would). */
function roundTrip(records: ParsedRecord[]): ParsedRecord[] {
  const { columns, rest } = toEventColumns(records);
  if (!columns) return rest;
  const copy = structuredClone(columns);
  return [...rest, ...fromEventColumns(copy)];
}

const byKind = (rs: ParsedRecord[]) => ({ events: rs.filter((r) => r.kind === 'event'), other: rs.filter((r) => r.kind !== 'event') });

describe('event columns', () => {
  it('carry the events of every sample exactly, sharing involved objects as the parser did', () => {
    let seen = 0;
    for (const r of sampleRecords(/\.(json|ya?ml|txt)$/)) {
      if (!r.records.some((x) => x.kind === 'event')) continue;
      seen++;
      const back = roundTrip(r.records);
      expect(byKind(back).events).toEqual(byKind(r.records).events);
      expect(byKind(back).other).toEqual(byKind(r.records).other);
      const ev = byKind(back).events as EventRecord[];
      const orig = byKind(r.records).events as EventRecord[];
      for (let i = 1; i < ev.length; i++) {
        expect(ev[i].involvedObject === ev[i - 1].involvedObject).toBe(orig[i].involvedObject === orig[i - 1].involvedObject);
      }
    }
    expect(seen).toBeGreaterThan(10);
  });

  it('round-trips any event record, and leaves records of another shape as they are', () => {
    const optStr = fc.option(fc.string(), { nil: undefined });
    const event = fc.record(
      {
        kind: fc.constant('event' as const),
        origin: fc.constantFrom('json', 'yaml', 'describe', 'table', 'text') as fc.Arbitrary<EventRecord['origin']>,
        namespace: optStr,
        involvedObject: fc.record({ kind: optStr, namespace: optStr, name: fc.string(), uid: optStr, fieldPath: optStr }),
        type: optStr,
        reason: fc.string(),
        message: fc.string(),
        count: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
        firstTimestamp: optStr,
        lastTimestamp: optStr,
        age: optStr,
        sourceComponent: optStr,
        sourceHost: optStr,
        source: fc.record({ file: fc.string(), line: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined }) }),
      },
      { requiredKeys: ['kind', 'origin', 'involvedObject', 'reason', 'message', 'source'] },
    );
    const odd = fc.oneof(
      fc.record({ kind: fc.constant('event'), origin: fc.constant('json'), reason: fc.string(), message: fc.string(), involvedObject: fc.record({ name: fc.string() }), source: fc.record({ file: fc.string() }), extra: fc.string() }),
      fc.record({ kind: fc.constant('event'), origin: fc.constant('json'), reason: fc.string(), message: fc.string(), involvedObject: fc.record({ name: fc.string() }), source: fc.record({ file: fc.string(), line: fc.constant(0) }) }),
      fc.record({ kind: fc.constant('event'), origin: fc.constant('json'), reason: fc.string(), message: fc.string(), involvedObject: fc.record({ name: fc.string() }), count: fc.constant(NaN), source: fc.record({ file: fc.string() }) }),
      fc.record({ kind: fc.constant('tags-list'), repository: fc.string(), tags: fc.array(fc.string()), source: fc.record({ file: fc.string() }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(event, odd) as fc.Arbitrary<ParsedRecord>, { maxLength: 30 }), (records) => {
        const back = roundTrip(records);
        const fits = (r: ParsedRecord) => r.kind === 'event' && !('extra' in r) && (r as EventRecord).source.line !== 0 && !Number.isNaN((r as EventRecord).count);
        expect(back).toEqual([...records.filter((r) => !fits(r)), ...records.filter(fits)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('event columns: the keys they hold', () => {
  const full = (): Record<string, unknown> => ({
    kind: 'event',
    origin: 'json',
    namespace: 'shop',
    involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u', fieldPath: 'spec.containers{web}' },
    type: 'Warning',
    reason: 'Failed',
    message: 'Failed to pull image "nginx:1.27"',
    count: 3,
    firstTimestamp: 't1',
    lastTimestamp: 't2',
    age: '5m',
    sourceComponent: 'kubelet',
    sourceHost: 'node-1',
    source: { file: 'events.json', line: 7 },
  });

  it('take an event with every key of EVENT_KEYS and IO_KEYS, and no event with any other key', () => {
    const rec = full();
    expect(Object.keys(rec).sort()).toEqual([...EVENT_KEYS].sort());
    expect(Object.keys(rec.involvedObject as object).sort()).toEqual([...IO_KEYS].sort());
    expect(toEventColumns([rec as unknown as ParsedRecord]).columns?.count).toBe(1);
    for (const extra of ['extra', 'involvedobject', 'Kind', 'source ', 'constructor']) {
      expect(toEventColumns([{ ...full(), [extra]: 'x' } as unknown as ParsedRecord]).columns).toBeUndefined();
      const io = { ...(full().involvedObject as object), [extra]: 'x' };
      expect(toEventColumns([{ ...full(), involvedObject: io } as unknown as ParsedRecord]).columns).toBeUndefined();
    }
  });
});
