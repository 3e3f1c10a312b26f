import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/bundle/index.js';
import type { BundleLimits } from '../../src/bundle/types.js';
import { loadBundle } from '../../src/ingest/index.js';
import { ModelBuilder } from '../../src/model/build.js';
import type { Model } from '../../src/model/types.js';
import { classifyPath, parseFile, sniffHead, type PathClass } from '../../src/parsers/index.js';

const samples = join(__dirname, '..', '..', 'samples');

/** The reference: every file parsed synchronously inside the reader's callback, with no scheduler in between. */
async function loadSync(input: string, limits?: Partial<BundleLimits>): Promise<Model> {
  const builder = new ModelBuilder();
  const pending = new Map<string, PathClass>();
  const summary = await readBundle(input, {
    limits,
    select: (p) => {
      const c = classifyPath(p);
      if (c.decision !== 'skip') pending.set(p, c);
      return c.decision;
    },
    sniff: (p, head) => {
      const ok = sniffHead(p, head);
      if (!ok) builder.addUnrecognized(p);
      return ok;
    },
    onFile: (f) => {
      const c = pending.get(f.path);
      const r = parseFile({ file: f.path, kind: c?.kind, node: c?.node, namespace: c?.namespace }, f.content);
      if (!r) builder.addUnrecognized(f.path);
      else builder.add({ file: f.path, kind: r.kind, records: r.records, warnings: r.warnings, layoutHint: c?.layoutHint });
    },
  });
  for (const w of summary.warnings) builder.addWarning(w);
  return builder.finish({ singleFile: summary.kind === 'file' });
}

function digest(m: Model) {
  return {
    layout: m.layout,
    artifacts: m.artifacts,
    unrecognized: m.unrecognized,
    warnings: m.warnings,
    pods: m.pods.map((p) => ({ ns: p.namespace, name: p.name, sources: p.sources, containers: p.containers.map((c) => [c.name, c.image.raw, c.events.length, c.source]) })),
    eventCount: m.eventCount,
    orphans: m.orphanEvents.map((e) => [e.reason, e.source]),
  };
}

describe('scheduled parsing keeps the bundle order', () => {
  for (const name of ['ctx-troubleshoot.tar.gz', 'same-cluster-troubleshoot.tar.gz', 'ctx-cluster-info-dump', 'same-cluster-loose']) {
    it(`${name}: same model as parsing inside the reader's callback`, async () => {
      const input = join(samples, name);
      const { model } = await loadBundle(input);
      expect(model.artifacts.length).toBeGreaterThan(0);
      expect(digest(model)).toEqual(digest(await loadSync(input)));
    });
  }

  it('a read stopped by --max-total-bytes still parses every file delivered before the stop', async () => {
    const input = join(samples, 'same-cluster-troubleshoot.tar.gz');
    const full = await loadBundle(input);
    const limits = { maxTotalBytes: 20_000 };
    const { model, summary } = await loadBundle(input, { limits });
    expect(summary.warnings.some((w) => w.message.includes('max-total-bytes'))).toBe(true);
    // some files were read and parsed, not all
    expect(model.artifacts.length).toBeGreaterThan(0);
    expect(model.artifacts.length).toBeLessThan(full.model.artifacts.length);
    expect(digest(model)).toEqual(digest(await loadSync(input, limits)));
  });
});
