import { atLineStart, valueSpan } from '../common/value-span.js';
import { credentialKind } from './credential-keys.js';
import { addCount, isMasked, marker, type KindCounts, type RedactionKind } from './markers.js';

/**
 * Credentials in free text (logs, describe output, journals, string values of
 * JSON/YAML), replaced by tagged markers. One left-to-right scan over words;
 * every lookahead is bounded, so the cost is linear in the text whatever it
 * holds. Recognized:
 * - `password=x`, `token: x` (line start), `"password": "x"`, `\"auth\":\"x\"`
 * - `Bearer x`, `Basic x` (so `Authorization: Bearer x` too)
 * - URL user info `scheme://user:x@host` (user and host kept)
 * - AWS key ids `AKIA…`/`ASIA…`, GitHub `ghp_…`/`github_pat_…`, GitLab `glpat-…`, JWTs
 * - `-----BEGIN … PRIVATE KEY-----` blocks (BEGIN/END lines kept)
 */

const MAX_WORD = 64;
const MAX_VALUE = 8192;
const MAX_AUTHORITY = 512;
const MAX_TOKEN = 16384;

interface Replacement {
  start: number;
  end: number;
  kind: RedactionKind;
}

/** [A-Za-z0-9_.-] as a table: the scan asks this for nearly every character. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  WORD[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d ? 1 : 0;
}

function isWordChar(c: number): boolean {
  return c < 128 && WORD[c] === 1;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** base64, base64url, JWT dots, `~`, padding: what a bearer credential is made of (RFC 6750 b64token). */
function isTokenChar(c: number): boolean {
  return isAlnum(c) || c === 0x2b || c === 0x2f || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x7e || c === 0x3d;
}

function isUpperOrDigit(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function isB64Url(c: number): boolean {
  return isAlnum(c) || c === 0x2d || c === 0x5f;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Redact `text`; counts are added to `counts`. Returns `text` itself when nothing matched. */
export function redactText(text: string, counts: KindCounts): string {
  const reps: Replacement[] = [];
  const n = text.length;
  let noKeyEnd = false;
  let i = 0;
  // invariant: at the top of the loop, i is not inside a word (we always jump to a word's end)
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    if (c === 0x2d && !noKeyEnd && text.startsWith('-----BEGIN ', i)) {
      const block = privateKeyBlock(text, i);
      if (block === 'no-end') noKeyEnd = true;
      else if (block) {
        reps.push({ start: block.start, end: block.end, kind: 'PRIVATE-KEY' });
        i = block.end;
        continue;
      }
    }
    let j = i + 1;
    while (j < n && isWordChar(text.charCodeAt(j))) j++;
    let next = j;
    const rep = j - i <= MAX_WORD && mayHaveValue(text, i, j) ? afterWord(text, i, j) : undefined;
    if (rep) {
      if (rep.end > rep.start && !isMasked(text.slice(rep.start, rep.end))) reps.push(rep);
      next = Math.max(rep.end, j);
    } else {
      const tok = knownToken(text, i, j);
      if (tok) {
        reps.push(tok);
        next = tok.end;
      }
    }
    // a replacement may end inside a word: finish that word first
    if (next > j) while (next < n && isWordChar(text.charCodeAt(next)) && isWordChar(text.charCodeAt(next - 1))) next++;
    i = next;
  }
  if (reps.length === 0) return text;
  const parts: string[] = [];
  // the same credential tends to repeat (a token in every log line): hash it once
  const memo = new Map<string, string>();
  let last = 0;
  for (const r of reps) {
    const value = text.slice(r.start, r.end);
    let m = memo.get(r.kind + value);
    if (m === undefined) {
      m = r.kind === 'PRIVATE-KEY' ? keyBody(value) : marker(r.kind, value);
      if (memo.size < 10_000) memo.set(r.kind + value, m);
    }
    parts.push(text.slice(last, r.start), m);
    addCount(counts, r.kind);
    last = r.end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** A key body keeps its line count (evidence line numbers below it stay right). */
function keyBody(body: string): string {
  let lines = 0;
  for (let k = 0; k < body.length; k++) if (body.charCodeAt(k) === 0x0a) lines++;
  const m = marker('PRIVATE-KEY', body.trim());
  return lines === 0 ? m : '\n' + m + '\n'.repeat(Math.max(1, lines - 1));
}

/**
 * Cheap test before any slicing: a credential can follow a word only through
 * `=`, `:`, a closing quote, `://`, or a space after Bearer/Basic/the AWS key
 * name. Most words of a log line fail here.
 */
function mayHaveValue(text: string, i: number, j: number): boolean {
  let k = j;
  const limit = Math.min(text.length, j + 9);
  while (k < limit && isSpace(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k);
  if (c === 0x3d || c === 0x3a || c === 0x22 || c === 0x27 || c === 0x5c) return true;
  if (k === j) return false;
  const len = j - i;
  return len === 5 || len === 6 || len >= 14;
}

/** After the word text[i..j): a scheme (Bearer/Basic), a URL with user info, or a credential key with its value. */
function afterWord(text: string, i: number, j: number): Replacement | undefined {
  const word = text.slice(i, j);
  const lower = word.toLowerCase();
  if (lower === 'bearer' || lower === 'basic') return schemeCredential(text, j, lower === 'basic' ? 'AUTH' : 'TOKEN');
  if (text.startsWith('://', j)) return urlUserInfo(text, j + 3);
  const kind = credentialKind(stripDashes(word));
  if (!kind) return undefined;
  return keyValue(text, i, j, kind);
}

/** `--docker-password` → `docker-password` */
function stripDashes(word: string): string {
  let k = 0;
  while (k < word.length && k < 2 && word[k] === '-') k++;
  return k ? word.slice(k) : word;
}

/** `key=value`, `key: value` at a line start, `"key": "value"`, `\"key\":\"value\"`. */
function keyValue(text: string, i: number, j: number, kind: RedactionKind): Replacement | undefined {
  const n = text.length;
  let k = j;
  const before = i > 0 ? text[i - 1] : '';
  // `"password": "x"` (or `\"password\"`); `"password=x"` is a bare key inside a quoted string
  let quoted = false;
  if (before === '"' || before === "'") {
    const q = text[k] === '\\' ? k + 1 : k;
    if (text[q] === before) {
      quoted = true;
      k = q + 1;
    }
  }
  const sepLimit = Math.min(n, k + 8);
  while (k < sepLimit && isSpace(text.charCodeAt(k))) k++;
  const sep = text[k];
  let lineValue = false;
  if (sep === '=') {
    if (text[k + 1] === '=') return undefined; // `token == x` is a comparison
  } else if (sep === ':') {
    // unquoted `password:` only as a line's key: "invalid username/password: unauthorized" is prose
    if (!quoted) {
      if (!atLineStart(text, i)) return undefined;
      lineValue = true;
    }
  } else {
    return awsSecretAfterSpace(text, j, word(text, i, j));
  }
  k++;
  const valLimit = Math.min(n, k + 16);
  while (k < valLimit && isSpace(text.charCodeAt(k))) k++;
  const span = valueSpan(text, k, { maxValue: MAX_VALUE, toLineEnd: lineValue, unterminatedQuote: 'reject' });
  if (!span || isPlaceholder(text.slice(span.start, span.end))) return undefined;
  return { ...span, kind };
}

function word(text: string, i: number, j: number): string {
  return text.slice(i, j).toLowerCase();
}

const AWS_SECRET_KEYS = new Set(['aws_secret_access_key', 'secret_access_key', 'aws_secret_key']);

/** `aws configure set aws_secret_access_key <40 base64 chars>`: a space is the only separator. */
function awsSecretAfterSpace(text: string, j: number, key: string): Replacement | undefined {
  if (!AWS_SECRET_KEYS.has(key) || !isSpace(text.charCodeAt(j))) return undefined;
  let k = j;
  const spaceLimit = Math.min(text.length, j + 8);
  while (k < spaceLimit && isSpace(text.charCodeAt(k))) k++;
  const start = k;
  const limit = Math.min(text.length, start + 41);
  while (k < limit && (isAlnum(text.charCodeAt(k)) || text[k] === '+' || text[k] === '/')) k++;
  return k - start === 40 && !(k < text.length && isWordChar(text.charCodeAt(k))) ? { start, end: k, kind: 'KEY' } : undefined;
}

/** Not a credential: empty, a placeholder (`<password>`, `$PASS`, `${X}`), a YAML block indicator, already masked, a boolean. */
function isPlaceholder(v: string): boolean {
  if (v === '' || v === '-' || v === '|' || v === '>' || v === '|-' || v === '>-' || v === '""' || v === "''") return true;
  const c = v[0];
  if (c === '<' || c === '$' || c === '{' || c === '*' || c === '%' || c === '[') return true;
  const l = v.toLowerCase();
  return l === 'null' || l === 'true' || l === 'false' || l === 'none' || l === 'redacted' || l === '~';
}

/** The credential after `Bearer `/`Basic `: at least 8 token characters, not all letters (prose), not a challenge `realm=`. */
function schemeCredential(text: string, i: number, kind: RedactionKind): Replacement | undefined {
  let j = i;
  const spaceLimit = Math.min(text.length, i + 4);
  while (j < spaceLimit && isSpace(text.charCodeAt(j))) j++;
  if (j === i) return undefined;
  const start = j;
  const limit = Math.min(text.length, start + MAX_TOKEN);
  let nonLetter = false;
  let eqAt = -1;
  while (j < limit && isTokenChar(text.charCodeAt(j))) {
    const c = text.charCodeAt(j);
    if (c === 0x3d && eqAt < 0) eqAt = j;
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) nonLetter = true;
    j++;
  }
  if (j - start < 8 || !nonLetter) return undefined;
  if (eqAt >= 0) {
    for (let k = eqAt; k < j; k++) if (text[k] !== '=') return undefined; // `realm="..."` parameter, not padding
  }
  return { start, end: j, kind };
}

/** `scheme://user:secret@host`: the secret part, bounded to the authority. */
function urlUserInfo(text: string, start: number): Replacement | undefined {
  let colon = -1;
  const limit = Math.min(text.length, start + MAX_AUTHORITY);
  for (let k = start; k < limit; k++) {
    const c = text[k];
    if (c === '@') return colon >= 0 && k > colon + 1 ? { start: colon + 1, end: k, kind: 'URL-CREDENTIAL' } : undefined;
    if (c === ':' && colon < 0) colon = k;
    if (c === '/' || c === '?' || c === '#' || c <= ' ' || c === '"' || c === "'" || c === '<' || c === '>') return undefined;
  }
  return undefined;
}

/** Credentials recognizable by shape alone, starting at the word start i (word ends at j). */
function knownToken(text: string, i: number, j: number): Replacement | undefined {
  const c = text[i];
  if (c === 'A' && (text.startsWith('AKIA', i) || text.startsWith('ASIA', i))) {
    let k = i + 4;
    const limit = Math.min(text.length, i + 21);
    while (k < limit && isUpperOrDigit(text.charCodeAt(k))) k++;
    if (k - i !== 20 || (k < text.length && isAlnum(text.charCodeAt(k)))) return undefined;
    return { start: i, end: k, kind: 'KEY' };
  }
  if (c === 'g') {
    if (text.startsWith('github_pat_', i)) return run(text, i, i + 11, 22, isB64Url);
    if (text.startsWith('glpat-', i)) return run(text, i, i + 6, 20, isB64Url);
    if (text.startsWith('gh', i) && text[i + 3] === '_' && 'pousr'.includes(text[i + 2])) return run(text, i, i + 4, 30, isAlnum);
  }
  if (c === 'e' && text.startsWith('eyJ', i)) return jwt(text, i);
  return undefined;
}

/** prefix then at least `min` characters of `ok`. */
function run(text: string, start: number, from: number, min: number, ok: (c: number) => boolean): Replacement | undefined {
  let k = from;
  const limit = Math.min(text.length, from + MAX_TOKEN);
  while (k < limit && ok(text.charCodeAt(k))) k++;
  return k - from >= min ? { start, end: k, kind: 'TOKEN' } : undefined;
}

/** header.payload.signature, base64url segments, the first two JSON (`eyJ`). */
function jwt(text: string, i: number): Replacement | undefined {
  const limit = Math.min(text.length, i + MAX_TOKEN);
  let k = i;
  let dots = 0;
  let segStart = i;
  while (k < limit) {
    const c = text.charCodeAt(k);
    if (c === 0x2e) {
      if (k - segStart < 4 || dots === 2) break;
      dots++;
      if (dots === 1 && !text.startsWith('eyJ', k + 1)) return undefined;
      segStart = k + 1;
    } else if (!isB64Url(c)) break;
    k++;
  }
  if (dots < 2 || k - segStart < 4) return undefined;
  return { start: i, end: k, kind: 'TOKEN' };
}

/** A PEM private key block at i: the body between the BEGIN and END lines, or 'no-end' (never look again). */
function privateKeyBlock(text: string, i: number): { start: number; end: number } | 'no-end' | undefined {
  const head = text.slice(i + 11, i + 80);
  const rel = head.indexOf('-----');
  if (rel < 0) return undefined;
  const close = i + 11 + rel;
  const label = head.slice(0, rel);
  if (!label.endsWith('PRIVATE KEY')) return undefined;
  const bodyStart = close + 5;
  const endAt = text.indexOf('-----END ', bodyStart);
  if (endAt < 0) return 'no-end';
  return { start: bodyStart, end: endAt };
}
