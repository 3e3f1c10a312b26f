import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `path` atomically: a temporary file beside it, then a
 * rename. Nothing else is ever written, and a failed write leaves no debris.
 */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    if (typeof data === 'string') for (const slice of textSlices(data)) writeAllSync(fd, Buffer.from(slice, 'utf8'));
    else writeAllSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* it may not exist */
    }
    throw err;
  }
}

/** Characters per slice: a few MiB, so no buffer of a whole 50 MB report is made at once. */
const SLICE_CHARS = 4 * 1024 * 1024;

/**
 * A long text in slices of whole characters (a surrogate pair is never cut),
 * to be encoded and written one at a time: the JSON report of a big bundle is
 * tens of MB, and one buffer of all of it costs more to allocate and fill
 * than the slices do.
 */
export function* textSlices(text: string, size = SLICE_CHARS): Generator<string> {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - 1 > i && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(i, end);
    i = end;
  }
}

/** Writes to the stream slice by slice (see textSlices). */
export function writeText(out: NodeJS.WritableStream, text: string): void {
  for (const slice of textSlices(text)) out.write(slice);
}

/** writeSync until every byte is written: one call may write fewer. */
function writeAllSync(fd: number, buf: Buffer): void {
  for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
}
