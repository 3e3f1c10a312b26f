/**
 * Captured values come from bundle text and could hold a credential (a token
 * in a URL, a pasted auth string). Anything that looks like one is dropped.
 */

const TOKEN_CHARS = /^[A-Za-z0-9+/=_-]+$/;
const HEX = /^[0-9a-fA-F]+$/;

export function looksLikeCredential(value: string): boolean {
  const v = value.trim();
  if (v.length < 20) return false;
  // JWT (identity / registry tokens)
  if (v.startsWith('eyJ') && v.includes('.')) return true;
  for (const word of v.split(/[\s@,;]+/)) {
    if (word.length < 24) continue;
    if (HEX.test(word) && word.length >= 32) return true;
    if (!TOKEN_CHARS.test(word)) continue;
    const hasUpper = /[A-Z]/.test(word);
    const hasLower = /[a-z]/.test(word);
    const hasDigit = /[0-9]/.test(word);
    // base64 of user:password or an API key mixes cases and digits; image paths and hostnames do not
    if ((hasUpper && hasLower && hasDigit) || word.endsWith('=')) return true;
  }
  return false;
}
