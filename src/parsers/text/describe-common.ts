import type { Warning } from '../../common/source.js';
import type { ParseContext, ParseResult, ParsedRecord, ArtifactKind } from '../records.js';
import { describeError, headLines, indentOf } from './lines.js';

/** Start indices of the objects of a multi-object describe file: every column-0 `Name:` line. */
export function objectStarts(lines: string[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('Name:') && (l.length === 5 || l.charCodeAt(5) === 32)) starts.push(i);
  }
  return starts;
}

/** Column-0 keys of a sniff head, for the describe sniffers. Rejects JSON and Kubernetes YAML. */
export function topKeys(head: string): Set<string> | undefined {
  const keys = new Set<string>();
  for (const line of headLines(head)) {
    if (line.length === 0 || indentOf(line) > 0) continue;
    const c = line[0];
    if (c === '{' || c === '[') return undefined;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') return undefined;
    // describe pads values with spaces after the colon; YAML `key: value` has exactly one
    if (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32) continue;
    keys.add(key);
  }
  return keys;
}

/** Run a parser body; an unexpected exception becomes a warning naming the file. */
export function guarded(kind: ArtifactKind, ctx: ParseContext, body: (records: ParsedRecord[], warnings: Warning[]) => void): ParseResult {
  const records: ParsedRecord[] = [];
  const warnings: Warning[] = [];
  try {
    body(records, warnings);
  } catch (err) {
    warnings.push({ file: ctx.file, message: `${kind} parser failed, later content of the file skipped: ${describeError(err)}` });
  }
  return { kind, records, warnings };
}
