import { isUtf8 } from 'node:buffer';
import type { Warning } from '../common/source.js';
import type { ArtifactParser } from './parser.js';
import type { ParseContext, ParseResult } from './records.js';
import { looksLikeYamlObject, looksStructured, parseStructured, structuredParsers } from './structured/index.js';

/** Bytes of a file the sniffers see (ArtifactParser.sniff contract). */
export const SNIFF_BYTES = 4096;
/** NULs in the first 8 KiB above which a file is treated as binary. */
const BINARY_NUL_RATIO = 0.01;

export interface Dispatcher {
  /**
   * Bytes of one bundle file → records. Uses ctx.kind when the path gave it,
   * else sniffs (text parsers first, then JSON/YAML shape). Undefined when the
   * content is not recognized; warnings of a file that was not recognized
   * (binary, undecodable) go to `sink` when given. Never throws.
   */
  parseFile(ctx: ParseContext, content: Buffer, sink?: Warning[]): ParseResult | undefined;
  /** For the bundle reader's sniff step: could these first bytes be any kind we read? */
  sniffHead(path: string, head: Buffer): boolean;
  parsers: ArtifactParser[];
}

export function createDispatcher(textParsers: ArtifactParser[]): Dispatcher {
  const textByKind = new Map(textParsers.map((p) => [p.kind, p] as const));
  const structuredKinds = new Set(structuredParsers.map((p) => p.kind));

  function parseFile(ctx: ParseContext, content: Buffer, sink?: Warning[]): ParseResult | undefined {
    const pre: Warning[] = [];
    const nuls = countNuls(content, 8192);
    if (hasBinaryMagic(content)) {
      sink?.push({ file: ctx.file, message: 'binary content (compressed or executable); file skipped' });
      return undefined;
    }
    if (looksBinary(nuls, Math.min(content.length, 8192))) {
      sink?.push({ file: ctx.file, message: 'binary content (NUL bytes); file skipped' });
      return undefined;
    }
    const totalNuls = nuls > 0 || content.length > 8192 ? countNuls(content, content.length) : 0;
    if (totalNuls > 0) pre.push({ file: ctx.file, message: `${totalNuls} NUL byte(s) in a text file; they are ignored` });
    let text = decode(content, ctx.file, pre);
    // stray NULs (zero-filled tail of a file cut while written) would make JSON invalid; lines stay the same without them
    if (totalNuls > 0) text = text.split('\0').join('');

    let result: ParseResult | undefined;
    try {
      result = route(ctx, text);
    } catch (err) {
      // parsers promise not to throw; if one does, the file is lost, not the bundle
      const w: Warning = { file: ctx.file, message: `parser failed (${err instanceof Error ? err.name : 'error'}); file skipped` };
      if (ctx.kind) return { kind: ctx.kind, records: [], warnings: [...pre, w] };
      sink?.push(...pre, w);
      return undefined;
    }
    if (!result) {
      sink?.push(...pre);
      return undefined;
    }
    if (pre.length > 0) result = { ...result, warnings: [...pre, ...result.warnings] };
    return result;
  }

  function route(ctx: ParseContext, text: string): ParseResult | undefined {
    const head = text.slice(0, SNIFF_BYTES);
    if (ctx.kind) {
      const p = textByKind.get(ctx.kind);
      if (p) return p.parse(text, ctx);
      if (structuredKinds.has(ctx.kind)) {
        // `kubectl get pods > pods.json` (a table, not JSON): the content wins over the name
        if (!looksStructured(text)) {
          const t = textParsers.find((tp) => tp.sniff(head));
          if (t) return t.parse(text, ctx);
        }
        return parseStructured(text, ctx) ?? { kind: ctx.kind, records: [], warnings: [] };
      }
    }
    for (const p of textParsers) {
      if (p.sniff(head)) return p.parse(text, ctx);
    }
    return parseStructured(text, ctx);
  }

  function sniffHead(path: string, head: Buffer): boolean {
    void path; // recognition is by content; the path already said 'sniff'
    const slice = head.length > SNIFF_BYTES ? head.subarray(0, SNIFF_BYTES) : head;
    const nuls = countNuls(slice, slice.length);
    if (looksBinary(nuls, slice.length) || hasBinaryMagic(slice)) return false;
    const text = new TextDecoder('utf-8').decode(slice).replace(/^\uFEFF/, '');
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) return true;
    if (looksLikeYamlObject(trimmed)) return true;
    for (const p of textParsers) if (safeSniff(p, text)) return true;
    return false;
  }

  return { parseFile, sniffHead, parsers: [...textParsers, ...structuredParsers] };
}

/** Text files may carry a few stray NULs; binaries have them everywhere. */
function looksBinary(nuls: number, length: number): boolean {
  if (nuls === 0 || length === 0) return false;
  const ratio = nuls / length;
  return (nuls > 8 && ratio > BINARY_NUL_RATIO) || ratio > 0.1;
}

function safeSniff(p: ArtifactParser, head: string): boolean {
  try {
    return p.sniff(head);
  } catch {
    return false;
  }
}

function countNuls(b: Buffer, limit: number): number {
  let n = 0;
  const end = Math.min(limit, b.length);
  for (let i = b.indexOf(0); i >= 0 && i < end; i = b.indexOf(0, i + 1)) n++;
  return n;
}

/** gzip, zip, xz, zstd, bzip2, ELF, PNG, JPEG: never text we read. */
function hasBinaryMagic(b: Buffer): boolean {
  if (b.length < 4) return false;
  const a = b[0];
  const c = b[1];
  if (a === 0x1f && c === 0x8b) return true;
  if (a === 0x50 && c === 0x4b && b[2] === 0x03 && b[3] === 0x04) return true;
  if (a === 0xfd && c === 0x37 && b[2] === 0x7a && b[3] === 0x58) return true;
  if (a === 0x28 && c === 0xb5 && b[2] === 0x2f && b[3] === 0xfd) return true;
  if (a === 0x42 && c === 0x5a && b[2] === 0x68) return true;
  if (a === 0x7f && c === 0x45 && b[2] === 0x4c && b[3] === 0x46) return true;
  if (a === 0x89 && c === 0x50 && b[2] === 0x4e && b[3] === 0x47) return true;
  if (a === 0xff && c === 0xd8 && b[2] === 0xff) return true;
  return false;
}

/** UTF-8 text; invalid sequences become U+FFFD with one warning; a BOM is dropped. */
function decode(content: Buffer, file: string, warnings: Warning[]): string {
  // isUtf8 and toString are native and single-pass; a fatal TextDecoder costs more on big files
  if (!isUtf8(content)) warnings.push({ file, message: 'invalid UTF-8; bad bytes were replaced with U+FFFD' });
  const text = content.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
