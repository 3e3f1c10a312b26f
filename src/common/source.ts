/**
 * Where a fact came from: a file path inside the bundle (always '/'-separated,
 * relative to the bundle root as read) and, when known, a 1-based line number.
 * Every value a rule may cite carries one of these.
 */
export interface SourceRef {
  file: string;
  line?: number;
}

/** A quoted piece of a bundle file that proves a finding. `excerpt` is raw bundle text (untrusted). */
export interface Evidence extends SourceRef {
  excerpt: string;
}

/** A problem met while reading or parsing; never fatal for the rest of the bundle. */
export interface Warning {
  file?: string;
  line?: number;
  message: string;
}

export function formatSource(ref: SourceRef): string {
  return ref.line ? `${ref.file}:${ref.line}` : ref.file;
}
