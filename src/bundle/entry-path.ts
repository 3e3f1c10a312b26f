import { stripTerminalControls } from '../common/terminal.js';
import type { BundleLimits } from './types.js';

/** A safe relative path, or a refusal; an empty reason means the root itself ('./'): skip silently. */
export type EntryPathResult = { ok: true; path: string; depth: number } | { ok: false; reason: string };

/**
 * Normalize an archive entry name to a '/'-separated relative path, or refuse
 * it. Backslashes count as separators (archives made on Windows), so
 * `..\..\x` is caught like `../../x`. Any `..` segment is refused, even one
 * that would stay inside, because no collector produces them.
 */
export function normalizeEntryPath(raw: string): EntryPathResult {
  if (raw.includes('\0')) return { ok: false, reason: 'contains a NUL byte' };
  const unified = raw.replaceAll('\\', '/');
  if (unified.startsWith('/')) return { ok: false, reason: 'is an absolute path' };
  const kept: string[] = [];
  for (const seg of unified.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return { ok: false, reason: 'contains a ".." segment' };
    kept.push(seg);
  }
  if (kept.length === 0) return { ok: false, reason: '' };
  // checked after './' is dropped: './C:/x' is as much a drive path as 'C:/x'
  if (isDriveLetter(kept[0])) return { ok: false, reason: 'has a Windows drive letter' };
  return { ok: true, path: kept.join('/'), depth: kept.length };
}

/** Checks that need no safety verdict, only the user's limits. */
export function pathLimitExceeded(path: string, depth: number, limits: BundleLimits): keyof BundleLimits | undefined {
  if (path.length > limits.maxPathLength) return 'maxPathLength';
  if (depth > limits.maxPathDepth) return 'maxPathDepth';
  return undefined;
}

function isDriveLetter(p: string): boolean {
  const c = p.charCodeAt(0);
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return letter && p[1] === ':';
}

const MAX_SHOWN = 200;

/** An untrusted name made safe for a one-line warning: no escapes, no newlines, bounded. */
export function displayName(raw: string): string {
  const short = raw.length > MAX_SHOWN * 2 ? raw.slice(0, MAX_SHOWN * 2) : raw;
  let s = stripTerminalControls(short).replaceAll('\n', '\\n').replaceAll('\t', '\\t');
  if (s.length > MAX_SHOWN || short !== raw) s = `${s.slice(0, MAX_SHOWN)}…`;
  return s;
}
