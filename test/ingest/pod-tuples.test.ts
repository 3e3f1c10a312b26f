import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPodTuples, toPodTuples } from '../../src/ingest/pod-tuples.js';
import { sampleRecords } from './sample-records.js';
import type { ParsedRecord, PodRecord } from '../../src/parsers/records.js';

/** Through the tuples and back, as a worker reply travels (structured clone in between, as postMessage). */
function roundTrip(records: ParsedRecord[]): { back: ParsedRecord[]; sent: number } {
  const { pods, rest } = toPodTuples(records);
  return { back: [...rest, ...fromPodTuples(structuredClone(pods ?? []))], sent: pods?.length ?? 0 };
}

/** Exact: key order, keys present with undefined, -0. */
function exact(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x === undefined ? '<undefined>' : Object.is(x, -0) ? '<-0>' : x));
}

describe('pod tuples', () => {
  it('carry the structured pods of every sample exactly, and leave text parsers\' pods as objects', () => {
    let sent = 0;
    let kept = 0;
    for (const r of sampleRecords()) {
      if (!r.records.some((x) => x.kind === 'pod')) continue;
      const trip = roundTrip(r.records);
      sent += trip.sent;
      kept += r.records.filter((x) => x.kind === 'pod').length - trip.sent;
      const pods = (rs: ParsedRecord[]) => rs.filter((x) => x.kind === 'pod').map(exact).sort();
      expect(pods(trip.back)).toEqual(pods(r.records));
      expect(trip.back.filter((x) => x.kind !== 'pod')).toEqual(r.records.filter((x) => x.kind !== 'pod'));
    }
    expect(sent).toBeGreaterThan(10);
    expect(kept).toBeGreaterThan(0);
  });

  it('round-trip any pod of the structured shape, and leave any other shape as it is', () => {
    const optStr = fc.option(fc.string(), { nil: undefined });
    const optNum = fc.option(fc.oneof(fc.integer(), fc.constant(-0)), { nil: undefined });
    const plain = { noNullPrototype: true } as const;
    const source = fc.record({ file: fc.string(), line: fc.option(fc.integer({ min: 1 }), { nil: undefined }) }, plain);
    const state = fc.option(
      fc.record(
        { waiting: fc.record({ reason: optStr, message: optStr }, plain), running: fc.record({ startedAt: optStr }, plain), terminated: fc.record({ reason: optStr, message: optStr, exitCode: optNum }, plain) },
        { requiredKeys: [], ...plain },
      ),
      { nil: undefined },
    );
    const container = fc
      .tuple(
        fc.record({ name: fc.string(), init: fc.boolean(), image: fc.string(), imagePullPolicy: optStr, state, lastState: state, ready: fc.option(fc.boolean(), { nil: undefined }), restartCount: optNum, imageID: optStr, source }, plain),
        fc.option(source, { nil: undefined }),
      )
      .map(([c, s]) => (s ? { ...c, stateSource: s } : c));
    const pod = fc.record({
      kind: fc.constant('pod' as const),
      origin: fc.constantFrom('json', 'yaml') as fc.Arbitrary<PodRecord['origin']>,
      namespace: fc.string(),
      name: fc.string(),
      uid: optStr,
      nodeName: optStr,
      phase: optStr,
      reason: optStr,
      serviceAccountName: optStr,
      imagePullSecrets: fc.option(fc.array(fc.string()), { nil: undefined }),
      containers: fc.array(container, { maxLength: 3 }),
      owner: fc.option(fc.record({ kind: fc.string(), name: fc.string() }, plain), { nil: undefined }),
      labels: fc.option(fc.dictionary(fc.string(), fc.string(), plain), { nil: undefined }),
      creationTimestamp: optStr,
      source,
    }, plain);
    // another parser's pod (describe: displayStatus), a key present with undefined that would come back absent, an extra key
    const odd = fc.oneof(
      pod.map((p) => ({ ...p, displayStatus: 'Running' })),
      pod.filter((p) => p.containers.length > 0).map((p) => ({ ...p, containers: [{ ...p.containers[0], stateSource: undefined }] })),
      pod.filter((p) => p.containers.length > 0).map((p) => ({ ...p, containers: [{ ...p.containers[0], state: { waiting: undefined } }] })),
      pod.map((p) => ({ ...p, source: { ...p.source, column: 3 } })),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pod, odd) as fc.Arbitrary<ParsedRecord>, { maxLength: 12 }), (records) => {
        const { back, sent } = roundTrip(records);
        const { rest } = toPodTuples(records);
        expect(sent + rest.length).toBe(records.length);
        // what was kept is the odd ones, as they were; what was sent comes back exactly
        const fits = records.filter((r) => !rest.includes(r));
        for (const r of rest) expect(exact(r).includes('displayStatus') || exact(r).includes('column') || exact(r).includes('<undefined>')).toBe(true);
        expect(back.slice(rest.length).map(exact)).toEqual(fits.map(exact));
      }),
      { numRuns: 500 },
    );
  });
});
