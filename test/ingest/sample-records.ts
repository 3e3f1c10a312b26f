/** Every file of every shipped sample folder, parsed as the bundle reader would hand it over. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../src/parsers/index.js';
import type { ParsedRecord } from '../../src/parsers/records.js';

const samples = join(__dirname, '..', '..', 'samples');

export function* sampleRecords(only: RegExp = /./): Generator<{ file: string; records: ParsedRecord[] }> {
  for (const entry of readdirSync(samples, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(samples, entry.name);
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      if (!only.test(f)) continue;
      let content: Buffer;
      try {
        content = readFileSync(join(dir, f));
      } catch {
        continue; // a folder
      }
      const r = parseFile({ file: f }, content);
      if (r) yield { file: f, records: r.records };
    }
  }
}
