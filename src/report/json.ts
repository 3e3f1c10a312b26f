/**
 * The JSON result: the public contract documented by schema/result.schema.json.
 * Field names follow AnalysisResult (src/findings/result.ts) exactly.
 */
import type { AnalysisResult } from '../findings/result.js';
import { sanitizeDeep } from './sanitize.js';

export interface JsonOptions {
  /**
   * One line, no indentation: for several bundles the CLI prints one object
   * per line (JSON Lines). Default: pretty-printed with two-space indentation.
   */
  compact?: boolean;
}

/**
 * One AnalysisResult as one JSON object, without a trailing newline (the
 * caller adds it). Every string is stripped of terminal control sequences and
 * run through the secret scrubber, so it is safe to print even though JSON
 * output is meant for programs.
 */
export function renderJson(result: AnalysisResult, opts: JsonOptions = {}): string {
  const clean = sanitizeDeep(result);
  return opts.compact ? JSON.stringify(clean) : JSON.stringify(clean, null, 2);
}
