import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/types.js';
import { App } from '../../src/tui/index.js';
import { KEY, fixtureText, loadResult, plain, press, tick } from './helpers.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** 5,000 findings built from the fixture's realistic ones, on 1,250 distinct pods. */
function manyFindings(n: number): Finding[] {
  const base = loadResult().findings;
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const f = structuredClone(base[i % base.length]);
    f.subject = { ...f.subject, name: `${f.subject.name}-${String(i).padStart(5, '0')}` };
    out.push(f);
  }
  return out;
}

/** Writes a key and waits until the frame changes (bounded); returns the elapsed milliseconds. */
async function timedPress(r: ReturnType<typeof render>, key: string): Promise<number> {
  const before = r.lastFrame();
  const t0 = performance.now();
  r.stdin.write(key);
  while (r.lastFrame() === before && performance.now() - t0 < 2000) await new Promise((res) => setImmediate(res));
  return performance.now() - t0;
}

describe('large inputs', () => {
  it('5,000 findings: a key press re-renders fast and only the viewport rows are drawn', async () => {
    const result = loadResult();
    result.findings = manyFindings(5000);
    const t0 = performance.now();
    const r = render(<App result={result} readFile={async () => undefined} size={{ columns: 120, rows: 40 }} />);
    unmount = r.unmount;
    await tick();
    const firstRender = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < 30; i++) times.push(await timedPress(r, 'j'));
    times.push(await timedPress(r, KEY.pageDown));
    times.push(await timedPress(r, 'G'));
    const s = plain(r.lastFrame());
    const ls = s.split('\n');
    expect(ls[1]).toContain('Findings[5000]  5000/5000');
    expect(ls.length).toBeLessThanOrEqual(39);
    // rows drawn = body height (39 - header 2 - headings 1 - footer 1), not 5,000
    expect(ls.filter((l) => /^(CRIT|WARN|INFO)/.test(l)).length).toBe(35);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`5000 findings: first render ${firstRender.toFixed(0)} ms, key press median ${median.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    // Ink throttles frames to 30 fps (~33 ms); the bound is generous for a loaded machine
    expect(median).toBeLessThan(250);
  });

  it('filters 5,000 findings as you type without a slow frame', async () => {
    const result = loadResult();
    result.findings = manyFindings(5000);
    const r = render(<App result={result} readFile={async () => undefined} size={{ columns: 120, rows: 40 }} />);
    unmount = r.unmount;
    await tick();
    await press(r, '/');
    const times: number[] = [];
    for (const ch of '-04999') times.push(await timedPress(r, ch));
    expect(plain(r.lastFrame()).split('\n')[1]).toContain('/-04999  1/1');
    console.log(`filter keystroke max ${Math.max(...times).toFixed(1)} ms`);
    expect(Math.max(...times)).toBeLessThan(1000);
  });

  it('a 50 MB evidence file opens at its line, capped at 20 MB with a note, drawing only the viewport', async () => {
    const events = fixtureText('events.json');
    // repeat the real events file to ~50 MB; the evidence line is inside the kept part
    const copies = Math.ceil((50 * 1024 * 1024) / events.length);
    const big = events.repeat(copies);
    const line = 913 * 300 + 153;
    const result = loadResult();
    result.findings[2].evidence[0] = { file: 'events.json', line, excerpt: 'x509' };
    let reads = 0;
    const r = render(
      <App
        result={result}
        readFile={async (p) => {
          reads++;
          return p === 'events.json' ? big : undefined;
        }}
        size={{ columns: 120, rows: 40 }}
      />,
    );
    unmount = r.unmount;
    await tick();
    const t0 = performance.now();
    await press(r, 'j', KEY.enter, KEY.enter);
    for (let i = 0; i < 100 && !plain(r.lastFrame()).includes('view '); i++) await tick(20);
    const openMs = performance.now() - t0;
    const s = plain(r.lastFrame());
    expect(reads).toBe(1);
    expect(s.split('\n')[1]).toMatch(new RegExp(`line ${line}/\\d+ +view \\d+-\\d+ +\\(first 20 MB of 50 MB shown\\)`));
    const at = s.split('\n').findIndex((l) => l.startsWith(String(line)));
    expect(at).toBeGreaterThan(1);
    expect(s.split('\n').slice(at, at + 3).join('')).toContain('x509: certificate is not valid');
    expect(s.split('\n').length).toBeLessThanOrEqual(39);
    const scroll = await timedPress(r, 'G');
    console.log(`50 MB evidence: open ${openMs.toFixed(0)} ms (incl. key waits), G ${scroll.toFixed(1)} ms`);
    expect(scroll).toBeLessThan(1000);
  });
});
