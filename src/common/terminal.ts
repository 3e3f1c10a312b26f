/**
 * Bundle text is untrusted. Before any of it reaches a terminal, remove every
 * escape sequence (CSI, OSC including OSC 52 clipboard and title, DCS, APC,
 * PM, SOS, single-character ESC sequences) and C0/C1 control characters other
 * than newline and tab. Done with a single linear scan: no regex backtracking.
 */
export function stripTerminalControls(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  let runStart = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const isC0 = c < 0x20 && c !== 0x0a && c !== 0x09;
    const isC1 = c >= 0x80 && c <= 0x9f;
    if (!isC0 && c !== 0x7f && !isC1) {
      i++;
      continue;
    }
    out += text.slice(runStart, i);
    if (c === 0x1b) {
      i = skipEscape(text, i + 1);
    } else if (c === 0x9b) {
      i = skipCsi(text, i + 1);
    } else if (c === 0x9d || c === 0x90 || c === 0x9e || c === 0x9f || c === 0x98) {
      i = skipString(text, i + 1);
    } else {
      i++;
    }
    runStart = i;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

function skipEscape(text: string, i: number): number {
  if (i >= text.length) return i;
  const c = text[i];
  if (c === '[') return skipCsi(text, i + 1);
  if (c === ']' || c === 'P' || c === 'X' || c === '^' || c === '_') return skipString(text, i + 1);
  // intermediate bytes then one final byte (e.g. ESC ( B, ESC c)
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  return Math.min(j + 1, text.length);
}

/** CSI: parameters and intermediates (0x20-0x3f) then a final byte (0x40-0x7e). */
function skipCsi(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    if (c < 0x20 || c > 0x3f) return j; // malformed: drop what we consumed, keep the rest
    j++;
  }
  return j;
}

/** OSC/DCS/APC/PM/SOS: up to BEL, ESC \\ or ST (0x9c). Unterminated: to the end of the line. */
function skipString(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x07 || c === 0x9c) return j + 1;
    if (c === 0x1b) return text[j + 1] === '\\' ? j + 2 : j + 1;
    if (c === 0x0a) return j;
    j++;
  }
  return j;
}
