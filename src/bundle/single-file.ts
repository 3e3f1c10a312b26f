import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { EntryCollector } from './entry-collector.js';
import { errorMessage, type ReadSession } from './session.js';

/** A loose file: one read that hashes it and, when selected, buffers it. Its bundle path is its basename. */
export async function readSingleFile(path: string, size: number, session: ReadSession): Promise<string> {
  const hash = createHash('sha256');
  session.countEntry();
  const collector = new EntryCollector(session, basename(path), size);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      session.inputBytes += buf.length;
      session.bytesRead += buf.length;
      if (collector.wanted) collector.push(buf);
      session.progress();
    }
    collector.end();
  } catch (e) {
    session.incomplete = true;
    session.warn(`${session.inputName}: read failed: ${errorMessage(e)}`);
  }
  return hash.digest('hex');
}
