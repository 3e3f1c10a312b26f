import { fingerprint } from '../common/secrets.js';

/** What a replaced value was; shown in the marker and counted in the report. */
export type RedactionKind = 'PASSWORD' | 'AUTH' | 'TOKEN' | 'KEY' | 'SECRET' | 'URL-CREDENTIAL' | 'PRIVATE-KEY';

export const REDACTION_KINDS: readonly RedactionKind[] = ['PASSWORD', 'AUTH', 'TOKEN', 'KEY', 'SECRET', 'URL-CREDENTIAL', 'PRIVATE-KEY'];

/**
 * `***REDACTED-PASSWORD-1a2b3c4d***`: the fingerprint of the value, so equal
 * values stay correlatable across files. `*` is outside the base64 alphabet,
 * so a marker standing for a base64 blob is never valid base64.
 */
export function marker(kind: RedactionKind, value: string): string {
  return `***REDACTED-${kind}-${fingerprint(value)}***`;
}

/** `***HIDDEN***` (troubleshoot), our own markers, `***TOKEN_...***`: already masked, leave alone. */
export function isMasked(value: string): boolean {
  return value.length >= 6 && value.startsWith('***') && value.endsWith('***');
}

/** Per-kind tally for one file. */
export type KindCounts = Partial<Record<RedactionKind, number>>;

export function addCount(counts: KindCounts, kind: RedactionKind, n = 1): void {
  counts[kind] = (counts[kind] ?? 0) + n;
}

export function mergeCounts(into: KindCounts, from: KindCounts): void {
  for (const k of REDACTION_KINDS) if (from[k]) addCount(into, k, from[k]);
}

export function totalCount(counts: KindCounts): number {
  let n = 0;
  for (const k of REDACTION_KINDS) n += counts[k] ?? 0;
  return n;
}
