import type { ArtifactKind, ParseContext, ParseResult } from './records.js';

/**
 * One parser per artifact kind. Parsers are pure: text in, records and
 * warnings out; they never throw on bad input (a warning with file and line
 * instead) and never keep secret values.
 */
export interface ArtifactParser {
  kind: ArtifactKind;
  /**
   * Cheap content check on the start of a file (at most 4 KiB, decoded as
   * UTF-8, possibly cut mid-line): is this file this kind? Recognition is by
   * content, never by file name, so loose files named anything are read.
   */
  sniff(head: string): boolean;
  parse(text: string, ctx: ParseContext): ParseResult;
}
