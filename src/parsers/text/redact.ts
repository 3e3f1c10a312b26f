/**
 * Credentials that can leak into kept bundle text (a debug journal line with
 * an Authorization header, a dockerconfig echoed in an error): the value
 * after each marker is replaced with [REDACTED]. One lower-cased copy and
 * indexOf per marker: linear, and a no-op for the usual line.
 */
const MARKERS: { marker: string; minLength: number }[] = [
  { marker: 'bearer ', minLength: 12 },
  // `basic ` also starts "no basic auth credentials": only a long base64-looking value counts
  { marker: 'basic ', minLength: 12 },
  { marker: '"auth":', minLength: 1 },
  { marker: '"password":', minLength: 1 },
  { marker: '"identitytoken":', minLength: 1 },
  { marker: '"registrytoken":', minLength: 1 },
  { marker: 'password=', minLength: 1 },
  { marker: 'access_token=', minLength: 1 },
  { marker: 'refresh_token=', minLength: 1 },
];

const REDACTED = '[REDACTED]';

function isValueChar(c: number): boolean {
  // base64, base64url, JWT dots, and the usual token punctuation
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61 || c === 45 || c === 95 || c === 46 || c === 126 || c === 37 || c === 58 || c === 64 || c === 33 || c === 36 || c === 42;
}

export function redactCredentials(text: string): string {
  let lower: string | undefined;
  const cuts: [number, number][] = [];
  for (const { marker, minLength } of MARKERS) {
    if (lower === undefined) {
      // cheap pre-check before lower-casing: every marker has one of these letters runs
      if (!/earer|asic|auth|ass|oken/i.test(text)) return text;
      lower = text.toLowerCase();
    }
    let from = 0;
    for (let guard = 0; guard < 1000; guard++) {
      const at = lower.indexOf(marker, from);
      if (at < 0) break;
      let i = at + marker.length;
      while (i < text.length && (text[i] === ' ' || text[i] === '"' || text[i] === '\\')) i++;
      const start = i;
      while (i < text.length && isValueChar(text.charCodeAt(i))) i++;
      if (i - start >= minLength) cuts.push([start, i]);
      from = Math.max(i, at + 1);
    }
  }
  if (cuts.length === 0) return text;
  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of cuts) {
    if (s < pos) continue;
    out += text.slice(pos, s) + REDACTED;
    pos = e;
  }
  return out + text.slice(pos);
}
