import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { readBundle, type BundleLimits, type BundleReadSummary } from '../bundle/index.js';
import type { Warning } from '../common/source.js';
import { mergeCounts, totalCount, type KindCounts } from './markers.js';
import { redactFile, type FileTreatment } from './redact-file.js';
import { TgzWriter } from './tgz-writer.js';

export interface RedactOptions {
  output: string;
  limits?: Partial<BundleLimits>;
}

export interface RedactedFileReport {
  path: string;
  treatment: FileTreatment;
  counts: KindCounts;
}

export interface RedactReport {
  input: string;
  output: string;
  /** files written, with what was replaced in each */
  files: RedactedFileReport[];
  /** files left out of the copy, and why */
  dropped: { path: string; reason: string }[];
  totals: KindCounts;
  /** what the bundle reader reported (refused entries, limits, read errors) */
  warnings: Warning[];
  read: BundleReadSummary;
}

/** The command cannot run: bad arguments, unreadable input. Nothing was written. */
export class RedactUsageError extends Error {
  constructor(
    message: string,
    /** 2: usage / unreadable bundle; 1: the output could not be written */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'RedactUsageError';
  }
}

/**
 * Read a bundle, redact every text file, write the copy as .tar.gz at
 * `opts.output` (atomically). Binary files and files the reader could only
 * give in part are left out, never copied unredacted.
 */
export async function redactBundle(input: string, opts: RedactOptions): Promise<RedactReport> {
  const output = await checkPaths(input, opts.output);
  const inputStat = await stat(input).catch(() => undefined);
  if (!inputStat) throw new RedactUsageError(`cannot read ${basename(input)}: no such file or directory`);
  const mtime = inputStat.mtime;

  const files: RedactedFileReport[] = [];
  const dropped: { path: string; reason: string }[] = [];
  const totals: KindCounts = {};
  const writer = TgzWriter.create(output);
  let summary: BundleReadSummary;
  try {
    summary = await readBundle(input, {
      limits: opts.limits,
      select: () => 'read',
      onFile: (file) => {
        if (file.truncated) {
          dropped.push({ path: file.path, reason: 'cut at the per-file limit' });
          return;
        }
        let r;
        try {
          r = redactFile(file.path, file.content);
        } catch {
          // never copy a file we could not redact
          dropped.push({ path: file.path, reason: 'could not be redacted' });
          return;
        }
        if (!r.content) {
          dropped.push({ path: file.path, reason: 'binary' });
          return;
        }
        writer.addFile(file.path, r.content, mtime);
        files.push({ path: file.path, treatment: r.treatment, counts: r.counts });
        mergeCounts(totals, r.counts);
      },
    });
  } catch (e) {
    await writer.abort();
    throw new RedactUsageError(e instanceof Error ? e.message : 'cannot read the bundle');
  }
  if (files.length === 0) {
    await writer.abort();
    const why = summary.warnings[0]?.message ?? 'no readable text files in the bundle';
    throw new RedactUsageError(`nothing to write: ${why}`);
  }
  try {
    await writer.finish();
  } catch (e) {
    throw new RedactUsageError(`cannot write ${basename(output)}: ${(e as { code?: string }).code ?? 'write failed'}`, 1);
  }
  return { input, output, files, dropped, totals, warnings: summary.warnings, read: summary };
}

/** The output must be given, must not be the input, must not be inside an input directory, and its folder must exist. */
async function checkPaths(input: string, output: string | undefined): Promise<string> {
  if (!output || output.trim() === '') throw new RedactUsageError('missing --output <file.tgz>: where to write the redacted copy');
  const out = resolve(output);
  const outDir = await realpath(dirname(out)).catch(() => undefined);
  if (!outDir) throw new RedactUsageError(`cannot write ${output}: its folder does not exist`);
  const outReal = `${outDir}${sep}${basename(out)}`;
  const outStat = await stat(outReal).catch(() => undefined);
  if (outStat?.isDirectory()) throw new RedactUsageError(`--output ${output} is a directory; give a file name such as redacted.tgz`);
  const inReal = await realpath(resolve(input)).catch(() => undefined);
  if (inReal === undefined) return outReal; // reported as unreadable input by the caller
  if (inReal === outReal || (outStat && (await realpath(outReal).catch(() => outReal)) === inReal)) {
    throw new RedactUsageError('refusing to overwrite the input bundle: give another --output');
  }
  const inStat = await stat(inReal).catch(() => undefined);
  if (inStat?.isDirectory() && outReal.startsWith(inReal + sep)) {
    throw new RedactUsageError('refusing to write the redacted copy inside the input folder: give an --output outside it');
  }
  return outReal;
}

export function redactedTotal(report: RedactReport): number {
  return totalCount(report.totals);
}
