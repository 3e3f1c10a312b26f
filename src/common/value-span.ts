/**
 * Where the value of a `key=value` / `key: value` / `"key": "value"` pair
 * lies in untrusted text: the shared scanning step of the report's secret
 * scrubber and of `podmortem redact`. Linear, bounded by `maxValue`.
 */
export interface Span {
  start: number;
  end: number;
}

export interface ValueSpanOptions {
  /** characters scanned at most */
  maxValue: number;
  /** a bare value runs to the end of the line (YAML `key: value`), not to the first delimiter */
  toLineEnd?: boolean;
  /**
   * a quoted value with no closing quote on its line: 'reject' (no span: the
   * redactor then leaves the text as it is) or 'to-line-end' (mask the rest
   * of the line: a displayed report errs on hiding)
   */
  unterminatedQuote: 'reject' | 'to-line-end';
}

export function valueSpan(text: string, i: number, opts: ValueSpanOptions): Span | undefined {
  const n = text.length;
  const limit = Math.min(n, i + opts.maxValue);
  let q = text[i];
  // `\"` opens a value inside JSON embedded in a JSON string
  let escaped = false;
  if (q === '\\' && (text[i + 1] === '"' || text[i + 1] === "'")) {
    escaped = true;
    q = text[i + 1];
  }
  if (q === '"' || q === "'") {
    const start = i + (escaped ? 2 : 1);
    let j = start;
    for (; j < limit; j++) {
      const c = text[j];
      if (c === '\n') break;
      if (c === '\\') {
        if (escaped && text[j + 1] === q) return { start, end: j };
        j++;
        continue;
      }
      if (c === q && !escaped) return { start, end: j };
    }
    return opts.unterminatedQuote === 'reject' ? undefined : { start, end: Math.min(j, n) };
  }
  let j = i;
  if (opts.toLineEnd) {
    while (j < limit && text[j] !== '\n' && text[j] !== '\r') j++;
    let end = j;
    while (end > i && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    return end > i ? { start: i, end } : undefined;
  }
  while (j < limit) {
    const c = text.charCodeAt(j);
    // whitespace, & ; , quotes ) } ] > \ end a bare value
    if (c <= 0x20 || c === 0x26 || c === 0x3b || c === 0x2c || c === 0x22 || c === 0x27 || c === 0x29 || c === 0x7d || c === 0x5d || c === 0x3e || c === 0x5c) break;
    j++;
  }
  return j > i ? { start: i, end: j } : undefined;
}

/** Only whitespace, `-` list markers or `#` between the line start and the key at `keyStart`. */
export function atLineStart(text: string, keyStart: number): boolean {
  let j = keyStart - 1;
  for (let steps = 0; j >= 0 && steps < 64; steps++, j--) {
    const c = text[j];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '-' && c !== '#') return false;
  }
  return j < 0;
}
