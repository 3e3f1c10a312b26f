import type { Warning } from '../../common/source.js';
import { findJsonError, lineColumnAt, lineFrom, locatePath, scanIndentedItems, scanItems } from '../json-lines.js';
import type { Located, LocatedDocument } from './located.js';

/**
 * JSON.parse plus one linear scan for the start line of each element of the
 * root array or of `items`. Field lines are found later, inside one element's
 * text only, and only for the fields a rule may cite.
 * Invalid JSON: one warning with line and column, and undefined.
 */
export function parseJsonDocument(text: string, file: string, warnings: Warning[]): LocatedDocument | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    warnings.push(jsonErrorWarning(text, file, err));
    return undefined;
  }
  const rootStart = firstNonWs(text);
  const rootLoc = located(text, root, rootStart, lineFrom(text, 0, 1, rootStart));
  const list = Array.isArray(root) ? root : isItemsHolder(root) ? root.items : undefined;
  if (!list) return { root: rootLoc };
  const scan = scanIndentedItems(text, list.length) ?? scanItems(text);
  if (scan.items.length !== list.length) {
    // cannot happen on text JSON.parse accepted; keep the items, lose the lines
    return { root: rootLoc, items: list.map((v) => ({ value: v, line: rootLoc.line, lineOf: () => undefined })) };
  }
  return { root: rootLoc, items: list.map((v, i) => located(text, v, scan.items[i].start, scan.items[i].line, scan.items[i].end + 1)) };
}

function isItemsHolder(v: unknown): v is { items: unknown[] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { items?: unknown }).items);
}

function located(text: string, value: unknown, start: number, line: number, end = text.length): Located {
  return {
    value,
    line,
    lineOf(path) {
      const at = locatePath(text, start, path, end);
      return at < 0 ? undefined : lineFrom(text, start, line, at);
    },
  };
}

function firstNonWs(text: string): number {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/**
 * The engine's message may quote the input (V8: `Unexpected token 'x', "..." is
 * not valid JSON`), which could hold a credential: never pass it on. The
 * position comes from our own checker, else from "at position N".
 */
export function jsonErrorWarning(text: string, file: string, err: unknown): Warning {
  const found = findJsonError(text);
  let offset = found.offset;
  let reason = found.reason;
  if (reason === 'no error found') {
    const m = err instanceof Error ? / at position (\d{1,15})/.exec(err.message) : null;
    offset = m ? Number(m[1]) : 0;
    reason = 'rejected by the JSON parser';
  }
  const { line, column } = lineColumnAt(text, offset);
  return { file, line, message: `invalid JSON at line ${line}, column ${column}: ${reason}; file skipped` };
}
