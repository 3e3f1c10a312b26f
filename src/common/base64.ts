/**
 * Strict standard base64 (what Go's base64.StdEncoding accepts, which is what
 * the kubelet and the API server use): the alphabet, padding to a multiple of
 * four, `=` only at the end. CR/LF are ignored like Go does. Buffer.from is too
 * lenient to tell a customer their secret is broken, so check first.
 */
export function decodeBase64Strict(s: string): Buffer | undefined {
  let clean = s;
  if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) clean = s.replace(/[\r\n]/g, '');
  const n = clean.length;
  if (n % 4 !== 0) return undefined;
  let pad = 0;
  for (let i = 0; i < n; i++) {
    const c = clean.charCodeAt(i);
    if (c === 0x3d) {
      if (i < n - 2) return undefined;
      pad++;
      continue;
    }
    if (pad > 0) return undefined;
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
    if (!ok) return undefined;
  }
  return Buffer.from(clean, 'base64');
}

/** Decoded bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
export function utf8OrUndefined(b: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return undefined;
  }
}
