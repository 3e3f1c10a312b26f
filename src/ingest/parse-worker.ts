/**
 * A parse worker: receives one file at a time from ParsePool, parses it with
 * the same code the main thread uses, and posts the outcome back, its events
 * in columns (see event-columns.ts) and its pods as arrays (pod-tuples.ts). It holds no state between files.
 */
import { parentPort } from 'node:worker_threads';
import { toEventColumns, transferList } from './event-columns.js';
import { runParseJob } from './parse-job.js';
import { toPodTuples } from './pod-tuples.js';
import type { WorkerReply, WorkerRequest } from './parse-wire.js';

parentPort?.on('message', (req: WorkerRequest) => {
  const content = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
  // strings are shared again on the main thread (share-strings.ts); here it would be wasted
  const outcome = runParseJob({ ...req.job, shareStrings: false }, content);
  if (outcome.status !== 'parsed') {
    parentPort!.postMessage({ id: req.id, outcome } satisfies WorkerReply);
    return;
  }
  const { columns, rest: notEvents } = toEventColumns(outcome.result.records);
  const { pods, rest } = toPodTuples(notEvents);
  const reply: WorkerReply = { id: req.id, outcome: { status: 'parsed', result: { ...outcome.result, records: rest } }, events: columns, pods };
  parentPort!.postMessage(reply, columns ? transferList(columns) : []);
});
