/**
 * One file's parse, as a job that can run on the main thread or in a parse
 * worker: plain data in (where the file is, what its path says, its bytes),
 * plain data out (records and warnings, or "not recognized"). Both sides call
 * runParseJob, so a worker parses exactly as the main thread would.
 */
import { displayName } from '../bundle/entry-path.js';
import { errorMessage } from '../bundle/session.js';
import type { Warning } from '../common/source.js';
import { parseFile } from '../parsers/index.js';
import type { ArtifactKind, ParseResult } from '../parsers/records.js';

export interface ParseJob {
  file: string;
  kind?: ArtifactKind;
  node?: string;
  namespace?: string;
  truncated?: boolean;
  /** see ParseContext.shareStrings */
  shareStrings?: boolean;
}

export type ParseOutcome =
  /** parsed: the records, and the warnings (truncation included) */
  | { status: 'parsed'; result: ParseResult }
  /** no parser recognized the content */
  | { status: 'unrecognized'; warnings: Warning[] }
  /** a parser threw: one warning naming the file, never the error's input */
  | { status: 'failed'; warning: Warning };

export function runParseJob(job: ParseJob, content: Buffer): ParseOutcome {
  try {
    const result = parseFile({ file: job.file, kind: job.kind, node: job.node, namespace: job.namespace, shareStrings: job.shareStrings }, content);
    const cut: Warning[] = job.truncated ? [{ file: job.file, message: 'file was cut at the per-file size limit; only its beginning was analyzed' }] : [];
    if (!result) return { status: 'unrecognized', warnings: cut };
    return { status: 'parsed', result: cut.length > 0 ? { ...result, warnings: [...cut, ...result.warnings] } : result };
  } catch (e) {
    return { status: 'failed', warning: failedWarning(job.file, errorMessage(e)) };
  }
}

export function failedWarning(file: string, why: string): Warning {
  return { file: displayName(file), message: `processing ${displayName(file)} failed: ${displayName(why)}` };
}
