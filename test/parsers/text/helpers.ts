import { readFileSync } from 'node:fs';
import type { EventRecord, ParsedRecord, PodRecord, NodeRecord } from '../../../src/parsers/records.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url), 'utf8');
}

export const pods = (rs: ParsedRecord[]) => rs.filter((r): r is PodRecord => r.kind === 'pod');
export const events = (rs: ParsedRecord[]) => rs.filter((r): r is EventRecord => r.kind === 'event');
export const nodes = (rs: ParsedRecord[]) => rs.filter((r): r is NodeRecord => r.kind === 'node');

/** 1-based line number of the first line containing `needle` (to keep line assertions honest). */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`not in fixture: ${needle}`);
}
