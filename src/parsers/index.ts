/**
 * The parser dispatcher: every parser podmortem has, and the two calls the
 * bundle reader needs (sniffHead to decide whether to read an entry,
 * parseFile to turn it into records). Path classification is in layout.ts.
 */
import type { Warning } from '../common/source.js';
import { createDispatcher } from './dispatch.js';
import type { ArtifactParser } from './parser.js';
import type { ParseContext, ParseResult } from './records.js';
import { textParsers } from './text/index.js';

export { classifyPath, type LayoutHint, type PathClass } from './layout.js';
export { SNIFF_BYTES } from './dispatch.js';

const dispatcher = createDispatcher(textParsers);

export const allParsers: ArtifactParser[] = dispatcher.parsers;

export function parseFile(ctx: ParseContext, content: Buffer, sink?: Warning[]): ParseResult | undefined {
  return dispatcher.parseFile(ctx, content, sink);
}

export function sniffHead(path: string, head: Buffer): boolean {
  return dispatcher.sniffHead(path, head);
}
