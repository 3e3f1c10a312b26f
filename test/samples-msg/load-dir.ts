/**
 * Reads a sample directory the way a bundle of loose files is read (every
 * file through the parser that sniffs it, then the model builder), for the
 * rule tests of the message samples. Replace with the loader once
 * src/ingest exposes loadBundle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ModelBuilder } from '../../src/model/build.js';
import type { Model } from '../../src/model/types.js';
import { structuredParsers } from '../../src/parsers/structured/index.js';
import { textParsers } from '../../src/parsers/text/index.js';

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

export function loadSampleDir(root: string): Model {
  const files: string[] = [];
  walk(root, files);
  const builder = new ModelBuilder();
  const parsers = [...structuredParsers, ...textParsers];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const file = relative(root, f).split(sep).join('/');
    const parser = parsers.find((p) => p.sniff(text.slice(0, 4096)));
    if (!parser) {
      builder.addUnrecognized(file);
      continue;
    }
    const r = parser.parse(text, { file });
    builder.add({ file, kind: r.kind, records: r.records, warnings: r.warnings });
  }
  return builder.finish();
}
