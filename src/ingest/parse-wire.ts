/** Messages between ParsePool and its workers. */
import type { EventColumns } from './event-columns.js';
import type { ParseJob, ParseOutcome } from './parse-job.js';
import type { PodTuple } from './pod-tuples.js';

export interface WorkerRequest {
  id: number;
  job: ParseJob;
  bytes: Uint8Array;
}

export interface WorkerReply {
  id: number;
  /** when parsed, its records lack the events sent in `events` and the pods sent in `pods` */
  outcome: ParseOutcome;
  events?: EventColumns;
  pods?: PodTuple[];
}
