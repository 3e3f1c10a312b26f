import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readArchive } from './archive.js';
import { DETECT_BYTES, detectContent, otherArchiveName } from './detect.js';
import { readDirectory } from './directory.js';
import { displayName } from './entry-path.js';
import { errorMessage, ReadSession } from './session.js';
import { readSingleFile } from './single-file.js';
import type { BundleKind, BundleReadSummary, ReadBundleOptions } from './types.js';

/**
 * Reads a support bundle — directory, .tar, gzip'd tar or any single file,
 * told apart by content — and hands each selected file to `onFile`. Nothing
 * is written to disk. Bad content never rejects: it becomes warnings and
 * `incomplete`. Only an input that cannot be opened at all rejects, with a
 * one-line message.
 */
export async function readBundle(input: string, options: ReadBundleOptions): Promise<BundleReadSummary> {
  const shown = displayName(input);
  const st = await stat(input).catch((e: unknown) => {
    throw new Error(`cannot read ${shown}: ${reason(e)}`);
  });
  const session = new ReadSession(options, displayName(basename(input) || input));
  if (st.isDirectory()) {
    const sha = await readDirectory(input, session);
    return finish(session, 'directory', input, sha);
  }
  if (!st.isFile()) throw new Error(`cannot read ${shown}: not a regular file or directory`);
  const head = await readHead(input, shown);
  const content = detectContent(head);
  const name = session.inputName;
  switch (content) {
    case 'gzip':
    case 'tar': {
      const r = await readArchive(input, st.size, content === 'gzip', session);
      const kind: BundleKind = r.singleFile ? 'file' : content === 'gzip' ? 'tar.gz' : 'tar';
      return finish(session, kind, input, r.sha256);
    }
    case 'zip':
      session.warn(`${name} is a zip archive, not tar/gzip; unzip it and pass the folder`);
      return finish(session, 'file', input, await sha256File(input));
    case 'other-archive':
      session.warn(`${name} is a ${otherArchiveName(head)} archive, not tar/gzip; unpack it and pass the folder or the .tar`);
      return finish(session, 'file', input, await sha256File(input));
    case 'empty':
      session.warn(`${name} is an empty file; nothing to read`);
      return finish(session, 'file', input, createHash('sha256').digest('hex'));
    case 'file': {
      if (looksLikeArchiveName(name)) session.warn(`${name} is not a tar or gzip archive despite its name; reading it as a single file`);
      const sha = await readSingleFile(input, st.size, session);
      return finish(session, 'file', input, sha);
    }
  }
}

function finish(session: ReadSession, kind: BundleKind, input: string, sha: string): BundleReadSummary {
  session.progress(true);
  return session.summary(kind, input, sha);
}

async function readHead(path: string, shown: string): Promise<Buffer> {
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(DETECT_BYTES);
      const { bytesRead } = await fh.read(buf, 0, DETECT_BYTES, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new Error(`cannot read ${shown}: ${reason(e)}`);
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    // hash of what could be read; the file is not used anyway
  }
  return hash.digest('hex');
}

function looksLikeArchiveName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.tgz') || lower.endsWith('.tar.gz') || lower.endsWith('.tar') || lower.endsWith('.gz');
}

function reason(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return displayName(errorMessage(e));
}
