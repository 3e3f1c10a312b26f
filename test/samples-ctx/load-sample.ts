/**
 * Loads a sample bundle into a Model with the same pieces the CLI uses
 * (bundle reader, path classifier, parser dispatcher, model builder).
 * Prefers the lead's src/ingest loader when it is present.
 */
import { existsSync } from 'node:fs';
import { readBundle } from '../../src/bundle/index.js';
import { ModelBuilder } from '../../src/model/build.js';
import type { Model } from '../../src/model/types.js';
import { classifyPath, parseFile, sniffHead } from '../../src/parsers/index.js';

export async function loadSample(path: string): Promise<Model> {
  if (existsSync('src/ingest/index.ts')) {
    // a computed specifier: the module may not exist yet when this file is type-checked
    const specifier = '../../src/ingest/index.js';
    const ingest = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    const load = ingest.loadBundle as ((p: string) => Promise<{ model: Model } | Model>) | undefined;
    if (typeof load === 'function') {
      const r = await load(path);
      return 'model' in r ? r.model : r;
    }
  }
  const builder = new ModelBuilder();
  const classes = new Map<string, ReturnType<typeof classifyPath>>();
  const classOf = (p: string) => {
    let c = classes.get(p);
    if (!c) classes.set(p, (c = classifyPath(p)));
    return c;
  };
  const summary = await readBundle(path, {
    select: (p) => classOf(p).decision,
    sniff: (p, head) => sniffHead(p, head),
    onFile: (f) => {
      const c = classOf(f.path);
      const res = parseFile({ file: f.path, node: c.node, namespace: c.namespace, kind: c.kind }, f.content);
      if (!res) builder.addUnrecognized(f.path);
      else builder.add({ file: f.path, kind: res.kind, records: res.records, warnings: res.warnings, layoutHint: c.layoutHint });
    },
  });
  for (const w of summary.warnings) builder.addWarning(w);
  return builder.finish({ singleFile: summary.kind === 'file' });
}
