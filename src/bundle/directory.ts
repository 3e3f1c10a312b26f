import { createHash } from 'node:crypto';
import { constants, type Dirent } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { displayName } from './entry-path.js';
import { errorMessage, type ReadSession } from './session.js';
import { deliverBuffered } from './whole-file.js';

/**
 * A bundle already unpacked: walk it without following links (lstat-level
 * dirent types), then read the selected files in sorted path order.
 *
 * Its sha256 is over one line per regular file, in that order:
 * "path\tsize\tsha256-of-content\n", with "-" for files not read. Cheap (only
 * read files are hashed) and stable for the same tree and the same selection.
 */
export async function readDirectory(root: string, session: ReadSession): Promise<string> {
  const files = await listFiles(root, session);
  files.sort(byCodeUnit);
  const listing = createHash('sha256');
  for (const rel of files) {
    if (session.stopped) break;
    const line = await readOne(root, rel, session);
    if (line) listing.update(line);
    session.progress();
    await session.room();
  }
  return listing.digest('hex');
}

async function listFiles(root: string, session: ReadSession): Promise<string[]> {
  const files: string[] = [];
  const limits = session.limits;
  const stack: { rel: string; depth: number }[] = [{ rel: '', depth: 0 }];
  while (stack.length > 0 && !session.stopped) {
    const { rel, depth } = stack.pop()!;
    let dirents: Dirent[];
    try {
      dirents = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
    } catch (e) {
      session.incomplete = true;
      session.warn(`cannot list directory ${displayName(rel || '.')}: ${errorMessage(e)}`, rel || undefined);
      continue;
    }
    for (const d of dirents) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (path.length > limits.maxPathLength) {
        session.pathOverLimit(path, 'maxPathLength');
        continue;
      }
      if (d.isDirectory()) {
        // a file directly inside would be one segment deeper than the directory
        if (depth + 2 > limits.maxPathDepth) session.pathOverLimit(path, 'maxPathDepth');
        else stack.push({ rel: path, depth: depth + 1 });
        continue;
      }
      if (!session.countEntry()) return files;
      if (d.isSymbolicLink()) session.skippedSymlink();
      else if (d.isFile()) files.push(path);
      else session.skippedSpecial(path, direntType(d));
    }
  }
  return files;
}

/** Reads one listed file if selected; returns its line for the directory hash. */
async function readOne(root: string, rel: string, session: ReadSession): Promise<string | undefined> {
  let fh: FileHandle | undefined;
  try {
    // O_NOFOLLOW: a file swapped for a link after the listing is still not followed; O_NONBLOCK: nor does a swapped-in FIFO hang us
    fh = await open(join(root, rel), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = await fh.stat();
    if (!st.isFile()) return undefined;
    const size = st.size;
    const decision = session.select(rel, size);
    let contentHash = '-';
    if (decision !== 'skip') {
      const content = await readWanted(fh, rel, size, decision, session);
      if (content) {
        contentHash = createHash('sha256').update(content).digest('hex');
        session.deliver(rel, content);
      }
    }
    return `${rel}\t${size}\t${contentHash}\n`;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ELOOP') {
      session.skippedSymlink();
      return undefined;
    }
    session.warn(`cannot read ${displayName(rel)}: ${errorMessage(e)}`, displayName(rel));
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function readWanted(
  fh: FileHandle,
  rel: string,
  size: number,
  decision: 'read' | 'sniff',
  session: ReadSession,
): Promise<Buffer | undefined> {
  if (decision === 'sniff') {
    const head = await readAt(fh, 0, Math.min(size, session.sniffBytes));
    if (!session.sniff(rel, head)) return undefined;
  }
  if (size > session.limits.maxFileBytes) {
    session.fileTooLarge(rel, size);
    return undefined;
  }
  if (session.bytesRead + size > session.limits.maxTotalBytes) {
    session.stopAtLimit('maxTotalBytes', `more than ${session.limits.maxTotalBytes} bytes of files`);
    return undefined;
  }
  const content = await readAt(fh, 0, size);
  session.bytesRead += content.length;
  session.inputBytes = session.bytesRead;
  return content;
}

/** Up to `length` bytes from `position`; shorter if the file shrank meanwhile. */
async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

function direntType(d: Dirent): string {
  if (d.isFIFO()) return 'FIFO';
  if (d.isSocket()) return 'socket';
  if (d.isCharacterDevice()) return 'character device';
  if (d.isBlockDevice()) return 'block device';
  return 'unknown type';
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
