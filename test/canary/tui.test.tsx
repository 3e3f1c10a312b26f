import { vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '0';
});

import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/findings/result.js';
import { readBundleFile } from '../../src/ingest/index.js';
import { App } from '../../src/tui/index.js';
import { ROOT, assertBuilt, runCli, tempDir } from '../hostile/cli.js';
import { needlesOf, seedSample, type Seeded } from './seed.js';

/**
 * The canary bundles in the TUI, fed the JSON result of analyze as the CLI
 * prints it and the real bundle reader for the evidence view (what
 * `analyze --format tui` wires up): no frame of the canary pod's findings,
 * their detail or their evidence files shows a canary.
 */
const KEY = { down: '\u001B[B', enter: '\r', escape: '\u001B' } as const;
const tick = (ms = 20) => new Promise<void>((res) => setTimeout(res, ms));
async function press(stdin: { write: (d: string) => void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await tick(k === KEY.escape ? 50 : 20);
  }
}

let dir: string;
let seeded: Seeded[];
let results: AnalysisResult[];

beforeAll(async () => {
  assertBuilt();
  dir = tempDir('canary-tui');
  mkdirSync(join(dir, 'seeded'));
  seeded = readdirSync(join(ROOT, 'samples'))
    .sort()
    .map((s, i) => seedSample(join(ROOT, 'samples'), s, join(dir, 'seeded'), i + 1));
  const r = await runCli(['analyze', ...seeded.map((s) => s.path), '--format', 'json', '--fail-on', 'never'], { timeoutMs: 120_000 });
  results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as AnalysisResult);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TUI frames of every seeded bundle', () => {
  it('list, the canary pod findings, their detail and evidence file views hold no canary', async () => {
    expect(results).toHaveLength(seeded.length);
    const leaked: string[] = [];
    let evidenceViews = 0;
    for (const [i, s] of seeded.entries()) {
      const needles = needlesOf(s);
      const result = results[i];
      const r = render(<App result={result} readFile={(p) => readBundleFile(s.path, p)} size={{ columns: 140, rows: 45 }} />);
      await tick(40);
      // walk to each finding of the canary pod: open its detail, then the first evidence line's file
      const order = result.findings.map((f) => `${f.subject.namespace}/${f.subject.name}`);
      const targets = order.map((p, k) => (p === s.pod ? k : -1)).filter((k) => k >= 0);
      expect(targets.length, s.sample).toBeGreaterThan(0);
      for (const k of targets.slice(0, 1)) {
        await press(r.stdin, 'g', ...Array<string>(k).fill(KEY.down), KEY.enter);
        await press(r.stdin, KEY.enter);
        // the evidence file view shows the file's redacted credentials as markers (the URL password sits on the evidence line);
        // the file is re-read from the bundle: wait for it, a loaded machine is slow
        for (let waited = 0; waited < 3000 && !(r.lastFrame() ?? '').includes('***REDACTED-URL-CREDENTIAL-'); waited += 20) await tick(20);
        if ((r.lastFrame() ?? '').includes('***REDACTED-URL-CREDENTIAL-')) evidenceViews++;
        await press(r.stdin, KEY.escape, KEY.escape);
      }
      for (const f of r.frames) for (const n of needles) if (f.includes(n.needle)) leaked.push(n.label);
      r.unmount();
    }
    expect(evidenceViews).toBe(seeded.length);
    expect([...new Set(leaked)]).toEqual([]);
  }, 180_000);
});
