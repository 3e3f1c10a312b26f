/**
 * End to end: the built CLI in a real terminal (tmux), driven by keys.
 * Needs tmux on PATH and a build (npm run build); skipped with the reason otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(`${root}dist/cli/main.js`);
const skipReason = !hasTmux ? 'tmux is not on PATH' : !built ? 'dist/cli/main.js missing: run npm run build' : '';
const socket = `podmortem-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', 'tui');
}

/** Polls the pane until `test` accepts it (bounded); returns the last capture. */
async function waitFor(test: (s: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const t0 = Date.now();
  let s = '';
  while (Date.now() - t0 < timeoutMs) {
    s = screen();
    if (test(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${s}`);
}

function keys(...k: string[]): void {
  tmux('send-keys', '-t', 'tui', ...k);
}

const line = (s: string, n: number) => s.split('\n')[n] ?? '';

describe.skipIf(skipReason !== '')(`TUI in tmux ${skipReason ? `(skipped: ${skipReason})` : ''}`, () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  it('runs analyze --format tui on the sample: list, detail, evidence, back, views, quit', async () => {
    // CI=false: under CI Ink only writes the final frame
    tmux(
      'new-session', '-d', '-s', 'tui', '-x', '100', '-y', '30', '-c', root,
      'CI=false node bin/podmortem analyze samples/default --format tui; echo PODMORTEM-EXIT=$?; sleep 60',
    );
    let s = await waitFor((x) => /Findings\[\d+\]/.test(x), 'the findings view');
    expect(line(s, 0)).toMatch(/^podmortem default \[podmortem\] +critical \d+ +warning \d+ +info \d+/);
    expect(line(s, 2)).toMatch(/^SEV +NAMESPACE\/POD\/CONTAINER +CATEGORY +TITLE/);
    expect(s).toMatch(/^CRIT\* /m);
    expect(s).toContain('<j/↓> down');
    // never taller than the terminal minus one row
    expect(s.replace(/\n+$/, '').split('\n').length).toBeLessThanOrEqual(29);

    keys('j');
    s = await waitFor((x) => /Findings\[\d+\]  2\/\d+/.test(x), 'the cursor on row 2');

    keys('Enter');
    s = await waitFor((x) => line(x, 1).startsWith('Findings › '), 'the detail view');
    expect(s).toContain('Message');
    expect(s).toMatch(/Evidence \(\d+\)/);
    expect(s).toMatch(/^ {2}\S+:\d+$/m); // an evidence file:line

    keys('Enter');
    s = await waitFor((x) => line(x, 1).startsWith('Evidence › '), 'the evidence view');
    s = await waitFor((x) => /line \d+\/\d+ +view \d+-\d+/.test(line(x, 1)), 'the evidence file');
    const target = Number(/line (\d+)\//.exec(line(s, 1))![1]);
    expect(s).toMatch(new RegExp(`^ *${target} `, 'm'));

    keys('j');
    const before = /view (\d+)-/.exec(line(s, 1))![1];
    await waitFor((x) => /view (\d+)-/.exec(line(x, 1))?.[1] !== before, 'the evidence view to scroll');

    keys('Escape');
    await waitFor((x) => line(x, 1).startsWith('Findings › '), 'back to the detail');
    keys('Escape');
    await waitFor((x) => /^Findings\[\d+\]/.test(line(x, 1)), 'back to the list');

    keys('Tab');
    s = await waitFor((x) => /^Pods\[\d+\]/.test(line(x, 1)), 'the pods view');
    expect(s).toMatch(/NAMESPACE\/NAME +STATUS/);

    keys(':', 'n', 'o', 'd', 'e', 's', 'Enter');
    s = await waitFor((x) => /^Nodes\[\d+\]/.test(line(x, 1)), 'the nodes view');
    expect(s).toMatch(/ip-10-0-2-57/);

    keys('q');
    s = await waitFor((x) => x.includes('PODMORTEM-EXIT='), 'the process to exit');
    // the alternate screen is gone: the TUI's frame is not left in the terminal
    expect(s).not.toMatch(/Nodes\[\d+\]/);
    expect(s).toMatch(/PODMORTEM-EXIT=[01]\b/);
  }, 180_000);
});
