/**
 * The snapshot of the built-in rules written by the build (see
 * write-snapshot.ts). Missing or unreadable, rules load from YAML as usual:
 * it only saves time.
 */
import { readFileSync } from 'node:fs';
import type { RuleSnapshot } from './load.js';

export const SNAPSHOT_FILE = new URL('./rules.snapshot.json', import.meta.url);

export function readBuiltinSnapshot(): RuleSnapshot | undefined {
  try {
    const s = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as RuleSnapshot;
    return typeof s.schema === 'string' && typeof s.entries === 'object' && s.entries !== null ? s : undefined;
  } catch {
    return undefined;
  }
}
