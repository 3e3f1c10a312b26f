/**
 * Last line of defence against credentials in output. The model never holds a
 * password, `auth` value or token, but bundle text quoted as evidence might
 * (a last-applied-configuration, a kubelet log line, a curl command). Every
 * excerpt and message goes through scrubSecrets before the CLI, the reports or
 * the TUI show it.
 *
 * One left-to-right scan over "words" ([A-Za-z0-9_.-] runs): each character
 * is looked at a bounded number of times, so the cost is linear in the text.
 * Masked forms:
 * - `"password": "x"`, `\"auth\":\"x\"` (quoted key, any sensitive key)
 * - `password=x`, `token=x`, `aws_secret_access_key = x`, `--docker-password=x`
 * - `password: x` at the start of a line (YAML, headers)
 * - `Authorization: Bearer x`, `Bearer x`, `Basic x` (credential-looking x)
 * - URL user info `https://user:x@host`
 * - JWTs and base64 dockerconfig blobs (`eyJ...`), AWS secret-like 40-character keys, AKIA/ASIA key ids
 * Placeholders (`<password>`, `$PASS`, `${PASS}`, `-`) and values already
 * masked are left alone.
 */
import { atLineStart, valueSpan, type Span, type ValueSpanOptions } from '../common/value-span.js';

export const REDACTED = '***REDACTED***';

/** Keys whose value is a credential, compared lower-cased. */
const SECRET_KEYS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'auth',
  'token',
  'identitytoken',
  'identity_token',
  'registrytoken',
  'registry_token',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'bearer_token',
  'secret',
  'client_secret',
  'clientsecret',
  'secretaccesskey',
  'secret_access_key',
  'aws_secret_access_key',
  'aws_session_token',
  'session_token',
  'api_key',
  'apikey',
  'api-key',
  'x-api-key',
  'private_key',
  '.dockerconfigjson',
  '.dockercfg',
]);

/** Suffixes that make any key sensitive: docker-password, registry_password, gitlab-token, ... */
const SECRET_SUFFIXES = ['-password', '_password', '.password', '-token', '_token', '-secret', '_secret', '-passwd', '_passwd'];

/** HTTP authentication schemes seen in Authorization headers. */
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'token', 'digest', 'negotiate', 'ntlm', 'aws4-hmac-sha256', 'jwt', 'apikey']);

const MAX_KEY = 64;
const MAX_VALUE = 8192;
/** a displayed report errs on hiding: an unclosed quote masks the rest of its line */
const SPAN: ValueSpanOptions = { maxValue: MAX_VALUE, unterminatedQuote: 'to-line-end' };

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  if (SECRET_KEYS.has(k)) return true;
  for (const s of SECRET_SUFFIXES) if (k.length > s.length && k.endsWith(s)) return true;
  return false;
}

/**
 * Narrower test for structured data (JSON object keys): a field named like
 * this holds a credential. `secret` is left out: there it names a Secret.
 */
export function isCredentialField(key: string): boolean {
  const k = key.toLowerCase();
  if (k === 'secret' || k === 'pass' || k === 'pwd') return false;
  return isSecretKey(k);
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d;
}

function isB64Char(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2b || c === 0x2f;
}

function isTokenChar(c: number): boolean {
  // base64, base64url, JWT dots, hex, `~` (RFC 6750 b64token)
  return isB64Char(c) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x7e || c === 0x3d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}


/** A value that is obviously not a credential: a placeholder, a variable, already masked. */
function isPlaceholder(v: string): boolean {
  if (v === '' || v === '-' || v === REDACTED) return true;
  const c = v[0];
  if (c === '<' || c === '$' || c === '{' || c === '*' || c === '%') return true;
  const l = v.toLowerCase();
  if (l === 'null' || l === 'true' || l === 'false' || l === 'none' || l === 'redacted' || l.startsWith('***')) return true;
  // a file name, as in `--from-file=.dockerconfigjson=merged.json` in a remediation command
  return l.endsWith('.json') || l.endsWith('.cfg') || l.endsWith('.yaml');
}

/** A credential after `Bearer ` / `Basic `: long enough and not all letters (prose), not `realm=`. */
function credentialAfterScheme(text: string, i: number): Span | undefined {
  let j = i;
  while (j < text.length && j < i + 4 && isSpace(text.charCodeAt(j))) j++;
  if (j === i) return undefined;
  const start = j;
  let nonLetter = false;
  let eqAt = -1;
  while (j < text.length && j < start + MAX_VALUE && isTokenChar(text.charCodeAt(j))) {
    const c = text.charCodeAt(j);
    if (c === 0x3d && eqAt < 0) eqAt = j;
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) nonLetter = true;
    j++;
  }
  if (j - start < 8 || !nonLetter) return undefined;
  // the credential is a whole token: `password=***` after Bearer is something else
  if (j < text.length && !(text.charCodeAt(j) <= 0x20 || '"\',;)]}>'.includes(text[j]))) return undefined;
  // `realm="..."`, `error=...`: a challenge parameter, not a credential (base64 padding `=` is only at the end)
  if (eqAt >= 0) {
    for (let k = eqAt; k < j; k++) if (text[k] !== '=') return undefined;
  }
  return { start, end: j };
}

function hasMixedClasses(text: string, start: number, end: number): boolean {
  let upper = false;
  let lower = false;
  let digit = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (c >= 0x61 && c <= 0x7a) lower = true;
    else if (c >= 0x30 && c <= 0x39) digit = true;
  }
  return upper && lower && digit;
}

/** Mask credentials in `text`; see the module comment for what is recognized. Linear time. */
export function scrubSecrets(text: string): string {
  const n = text.length;
  const spans: Span[] = [];
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c) && !isB64Char(c)) {
      i++;
      continue;
    }
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
    if (i > 0 && (isWordChar(prev) || isB64Char(prev))) {
      i++;
      continue;
    }
    // one word starting at a boundary
    let j = i;
    while (j < n && isWordChar(text.charCodeAt(j))) j++;
    const word = text.slice(i, Math.min(j, i + MAX_KEY + 1));
    const span = word.length <= MAX_KEY ? matchAfterWord(text, i, j, word) : undefined;
    if (span) {
      if (span.end > span.start && !isPlaceholder(text.slice(span.start, span.end))) spans.push(span);
      i = Math.max(span.end, j);
      continue;
    }
    const blob = matchBlob(text, i, j);
    if (blob) {
      spans.push(blob);
      i = blob.end;
      continue;
    }
    i = j > i ? j : i + 1;
  }
  if (spans.length === 0) return text;
  let out = '';
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + REDACTED;
    last = s.end;
  }
  return out + text.slice(last);
}

/** After a word ending at `j`: a key/value separator, a scheme, or a URL with user info. */
function matchAfterWord(text: string, i: number, j: number, word: string): Span | undefined {
  const lower = word.toLowerCase();
  if (lower === 'bearer' || lower === 'basic') return credentialAfterScheme(text, j);
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    let k = j;
    if (text[k] === '"' || text[k] === "'") k++;
    while (k < text.length && k < j + 4 && isSpace(text.charCodeAt(k))) k++;
    if (text[k] !== ':' && text[k] !== '=') return undefined;
    k++;
    if (text[k] === '"' || text[k] === "'") k++;
    while (k < text.length && k < j + 8 && isSpace(text.charCodeAt(k))) k++;
    // a known scheme then the credential; a bare credential only in header form (line start or quoted key):
    // `may require authorization: server message: ...` is prose
    let w = k;
    while (w < text.length && w < k + 24 && isWordChar(text.charCodeAt(w))) w++;
    if (w > k && isSpace(text.charCodeAt(w)) && AUTH_SCHEMES.has(text.slice(k, w).toLowerCase())) {
      while (w < text.length && w < k + 32 && isSpace(text.charCodeAt(w))) w++;
      return valueSpan(text, w, SPAN);
    }
    const before = i > 0 ? text[i - 1] : '';
    if (before !== '"' && before !== "'" && !atLineStart(text, i)) return undefined;
    return valueSpan(text, k, SPAN);
  }
  if (text.startsWith('://', j) && (lower === 'http' || lower === 'https' || lower === 'oci' || lower === 'docker' || lower === 'git' || lower === 'ssh')) {
    return urlUserInfo(text, j + 3);
  }
  if (!isSecretKey(word)) return undefined;
  // quoted key: "password": ..., 'auth': ..., \"auth\": ...
  let k = j;
  const before = i > 0 ? text[i - 1] : '';
  const quoted = before === '"' || before === "'";
  if (quoted) {
    if (text[k] === '\\') k++;
    if (text[k] !== before) return undefined;
    k++;
  }
  while (k < text.length && k < j + 8 && isSpace(text.charCodeAt(k))) k++;
  const sep = text[k];
  if (sep === '=') {
    k++;
  } else if (sep === ':') {
    // unquoted `key:` only at a line start: `invalid username/password: unauthorized` is prose
    if (!quoted && !atLineStart(text, i)) return undefined;
    k++;
  } else {
    return undefined;
  }
  while (k < text.length && k < j + 16 && isSpace(text.charCodeAt(k))) k++;
  return valueSpan(text, k, SPAN) ?? { start: k, end: k };
}

/** `scheme://user:secret@host`: mask `secret`. Bounded to the authority part. */
function urlUserInfo(text: string, start: number): Span | undefined {
  let colon = -1;
  const limit = Math.min(text.length, start + 512);
  for (let k = start; k < limit; k++) {
    const c = text[k];
    if (c === '@') return colon >= 0 && k > colon + 1 ? { start: colon + 1, end: k } : undefined;
    if (c === ':' && colon < 0) colon = k;
    if (c === '/' || c === '?' || c === '#' || c <= ' ' || c === '"' || c === "'") return undefined;
  }
  return undefined;
}

/** JWT / base64 dockerconfig (`eyJ...`), AWS secret-like 40-char keys, AKIA/ASIA key ids. */
function matchBlob(text: string, i: number, wordEnd: number): Span | undefined {
  if (text.startsWith('eyJ', i)) {
    let k = i;
    while (k < text.length && k < i + 65536 && isTokenChar(text.charCodeAt(k))) k++;
    if (k - i >= 20) return { start: i, end: k };
  }
  if (wordEnd - i === 20 && (text.startsWith('AKIA', i) || text.startsWith('ASIA', i))) {
    let ok = true;
    for (let k = i + 4; k < wordEnd; k++) {
      const c = text.charCodeAt(k);
      if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) ok = false;
    }
    if (ok) return { start: i, end: wordEnd };
  }
  let k = i;
  while (k < text.length && k < i + 41 && isB64Char(text.charCodeAt(k))) k++;
  if (k - i === 40 && !(k < text.length && (isB64Char(text.charCodeAt(k)) || text[k] === '='))) {
    if (hasMixedClasses(text, i, k)) return { start: i, end: k };
  }
  return undefined;
}
