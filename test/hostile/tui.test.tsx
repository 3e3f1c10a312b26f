import { vi } from 'vitest';

// no colour: then any ESC in a frame came from the data, not from our styling (chalk reads this at import)
vi.hoisted(() => {
  process.env.FORCE_COLOR = '0';
});

import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/findings/result.js';
import { App } from '../../src/tui/index.js';
import { readFileSync } from 'node:fs';
import { controlChars } from './cli.js';

/**
 * The TUI fed a result whose every free-text field carries terminal control
 * sequences (as if a bundle had put them there and a sanitizer had missed
 * them): no frame, in any view, contains one, and what the copy key sends
 * to the clipboard carries none inside its payload.
 */
const PAYLOAD = '\x1b[2J\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07\x1b]0;title\x07\x1bP+q\x1b\\\x9b31m\x9d0;t\x9c\x07\x08\r\x1b[31mred';
const ENUMS = new Set(['rule', 'category', 'severity', 'kind', 'layout', 'sha256', 'primaryCategory', 'type', 'status', 'version', 'rulesVersion', 'usePercent']);

function poison<T>(v: T, key = ''): T {
  if (Array.isArray(v)) return v.map((x) => poison(x, key)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, k)])) as T;
  if (typeof v === 'string' && !ENUMS.has(key)) return `${v}${PAYLOAD}` as T;
  return v;
}

// own key helpers (the TUI suite's helpers change with it): one key per tick so Ink flushes; a lone ESC needs a macrotask
const KEY = { down: '\u001B[B', enter: '\r', escape: '\u001B', tab: '\t', pageDown: '\u001B[6~' } as const;
const tick = (ms = 20) => new Promise<void>((res) => setTimeout(res, ms));
async function press(stdin: { write: (d: string) => void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await tick(k === KEY.escape ? 50 : 20);
  }
}
const loadResult = (): AnalysisResult => JSON.parse(readFileSync(new URL('../fixtures/tui/result.json', import.meta.url), 'utf8')) as AnalysisResult;

let instances: { unmount: () => void }[] = [];
afterEach(() => {
  for (const i of instances) i.unmount();
  instances = [];
});

describe('TUI: hostile text in every field', () => {
  it('no control sequence in any frame of the list, detail, evidence, help, pods and nodes views, nor in the copied text', async () => {
    const result: AnalysisResult = poison(loadResult());
    expect(result.findings[0].subject.name).toContain('\x1b]52;');
    const evidence = `{\n  "message": "Failed to pull image${PAYLOAD}"\n}\n`.repeat(30);
    const raw: string[] = [];
    const r = render(<App result={result} readFile={async () => evidence} size={{ columns: 120, rows: 40 }} writeRaw={(s) => raw.push(s)} />);
    instances.push(r);
    await tick(50);
    await press(r.stdin, KEY.down, KEY.enter); // detail of the second finding
    await tick(50);
    await press(r.stdin, 'y'); // copy the selected command
    await press(r.stdin, KEY.down, KEY.down, KEY.enter); // an evidence line → the evidence file
    await tick(80);
    await press(r.stdin, KEY.pageDown, '?', KEY.escape, KEY.escape, KEY.escape, KEY.tab, KEY.down, KEY.enter);
    await tick(50);
    await press(r.stdin, KEY.escape, KEY.tab, KEY.enter, KEY.escape, '/', 'w', 'e', 'b', KEY.enter);
    await tick(50);
    const frames = r.frames;
    expect(frames.length).toBeGreaterThan(5);
    const bad = frames.map((f, i) => [i, controlChars(f)] as const).filter(([, c]) => c.length > 0);
    expect(bad).toEqual([]);
    // the views really showed the poisoned text (minus its controls)
    const all = frames.join('\n');
    expect(all).toContain(`${result.bundle.name.slice(0, 10)}`);
    expect(all).toContain('Failed to pull image');
    expect(raw.some((s) => s.startsWith('\x1b]52;c;'))).toBe(true);
    for (const s of raw) {
      // our own OSC 52 wrapper is fine; its base64 payload must decode to clean text
      const m = /^\x1b\]52;c;([A-Za-z0-9+/=]*)\x07$/.exec(s);
      if (!m) continue;
      const copied = Buffer.from(m[1], 'base64').toString('utf8');
      expect(controlChars(copied)).toEqual([]);
    }
  });
});
