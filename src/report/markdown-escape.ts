/**
 * Escaping of untrusted bundle text for GitHub-flavoured Markdown. Every
 * helper strips terminal control sequences first (reports get `cat`ed) and
 * works in one linear pass: no regex runs over the text.
 *
 * Choose by context:
 * - escapeMarkdownInline: prose in a paragraph, list item or heading (one line)
 * - escapeTableCell: one table cell
 * - codeSpan: a value to show verbatim inline (names, images, file paths)
 * - codeBlock: multi-line evidence or commands, shown verbatim
 */
import { stripTerminalControls } from '../common/terminal.js';

/** Characters that start inline constructs: emphasis, code, links, HTML, entities, tables, autolinks. */
const ALWAYS_ESCAPE = new Uint8Array(128);
for (const ch of '\\`*_[]<>|~#&@') ALWAYS_ESCAPE[ch.charCodeAt(0)] = 1;

/**
 * Bidi overrides and isolates (Trojan-Source style reordering) and zero-width
 * characters that make two different strings look identical.
 */
function isInvisible(c: number): boolean {
  return (
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x200b ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x2060 ||
    c === 0xfeff
  );
}

/** CRLF and lone CR (which would overwrite the line on a terminal) become LF. */
function normalizeNewlines(text: string): string {
  if (!text.includes('\r')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\r') out += ch;
    else if (text[i + 1] !== '\n') out += '\n';
  }
  return out;
}

/** Strip terminal controls and invisible reordering characters; keeps newlines (CR becomes LF) and tabs. */
export function sanitizeTerminalText(text: string): string {
  const stripped = stripTerminalControls(normalizeNewlines(text));
  let out = '';
  let runStart = 0;
  for (let i = 0; i < stripped.length; i++) {
    if (isInvisible(stripped.charCodeAt(i))) {
      out += stripped.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return runStart === 0 ? stripped : out + stripped.slice(runStart);
}

/** One line: every line break (CR, LF, U+2028/2029) and tab becomes a space, then trimmed. */
export function toOneLine(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2028 || c === 0x2029 || c === 0x0b || c === 0x0c) {
      out += text.slice(runStart, i) + ' ';
      runStart = i + 1;
    }
  }
  return (runStart === 0 ? text : out + text.slice(runStart)).trim();
}

function isAlnum(c: string | undefined): boolean {
  if (c === undefined) return false;
  const n = c.charCodeAt(0);
  return (n >= 0x30 && n <= 0x39) || (n >= 0x41 && n <= 0x5a) || (n >= 0x61 && n <= 0x7a);
}

/**
 * Escape text for inline Markdown (paragraph, list item, heading). The result
 * is a single line that renders as the literal text: no emphasis, code, link,
 * image, HTML, entity, autolink, table pipe, heading closer or block marker.
 */
export function escapeMarkdownInline(text: string): string {
  const s = toOneLine(sanitizeTerminalText(text));
  // copy runs of plain characters in one slice; only escapes are added one by one
  let out = '';
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) continue;
    let escapeAt = -1;
    if (ALWAYS_ESCAPE[c] === 1) {
      // intraword `_` never starts emphasis (CommonMark flanking rules): keep names readable
      if (!(c === 0x5f && isAlnum(s[i - 1]) && isAlnum(s[i + 1]))) escapeAt = i;
    } else if (c === 0x3a && s.charCodeAt(i + 1) === 0x2f && s.charCodeAt(i + 2) === 0x2f) {
      // breaks GFM bare-URL autolinks (and markdownlint MD034) without changing the text
      escapeAt = i;
    } else if ((c === 0x77 || c === 0x57) && !isAlnum(s[i - 1]) && s.slice(i, i + 4).toLowerCase() === 'www.') {
      escapeAt = i + 3;
    }
    if (escapeAt >= 0) {
      out += s.slice(runStart, escapeAt) + '\\';
      runStart = escapeAt;
      i = escapeAt;
    }
  }
  return escapeLeadingBlockMarker(out + s.slice(runStart));
}

/**
 * At the start of a line, `-`/`+` + space starts a list, `1.`/`1)` an ordered
 * list, `=` a setext underline; `#`, `>` and `*` are already escaped.
 */
function escapeLeadingBlockMarker(s: string): string {
  const c = s[0];
  if ((c === '-' || c === '+' || c === '=') && (s.length === 1 || s[1] === ' ' || s[1] === c)) return '\\' + s;
  let j = 0;
  while (j < s.length && j < 10 && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
  if (j > 0 && (s[j] === '.' || s[j] === ')') && (j + 1 === s.length || s[j + 1] === ' ')) return s.slice(0, j) + '\\' + s.slice(j);
  return s;
}

/** Escape text for one GFM table cell: inline escaping (pipes included), never empty. */
export function escapeTableCell(text: string): string {
  const s = escapeMarkdownInline(text);
  return s === '' ? ' ' : s;
}

function longestBacktickRun(s: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 0x60) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  return longest;
}

/**
 * A code span showing `text` verbatim on one line, fenced with more backticks
 * than any run inside. With `table`, pipes are escaped as GFM tables require
 * (GitHub shows them as `|`). Empty text gives `(empty)`.
 */
export function codeSpan(text: string, opts: { table?: boolean } = {}): string {
  let s = toOneLine(sanitizeTerminalText(text));
  if (s === '') return '(empty)';
  if (opts.table) s = s.split('|').join('\\|');
  const fence = '`'.repeat(longestBacktickRun(s) + 1);
  // a span starting or ending with a backtick needs a space so the fence stays distinct
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Tabs to spaces at 8-column stops (markdownlint MD010 also checks code blocks). */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

/**
 * A fenced code block showing `text` verbatim, with a fence longer than any
 * backtick run inside so nothing in it can close the block. Line endings are
 * normalized, tabs expanded, trailing spaces and trailing blank lines removed.
 * `lang` is the info string (letters, digits, `+`, `-`, `_` only).
 */
export function codeBlock(text: string, lang = 'text'): string {
  const lines = sanitizeTerminalText(text).split(/\r\n|\r|\n|\u2028|\u2029/);
  const body: string[] = [];
  for (const line of lines) body.push(expandTabs(line).trimEnd());
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  while (body.length > 0 && body[0] === '') body.shift();
  const content = body.join('\n');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  let info = '';
  for (const ch of lang) if (isAlnum(ch) || ch === '+' || ch === '-' || ch === '_') info += ch;
  return `${fence}${info || 'text'}\n${content}\n${fence}`;
}
