import { describe, expect, it } from 'vitest';
import { renderInventoryText } from '../../src/report/inventory-text.js';
import { expectGolden } from '../helpers/golden.js';
import { hostileResult, incidentResult } from '../fixtures/report/results.js';

const SGR = /\u001b\[[0-9;]*m/g;

describe('renderInventoryText', () => {
  const inv = incidentResult().inventory;
  const text = renderInventoryText(inv, { color: false });

  it('lists the layout, every recognized file with its kind and counts, totals, unrecognized files and problems', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('Layout: troubleshoot');
    expect(lines).toContain('Recognized files (10):');
    expect(lines).toContain('  pods                      cluster-resources/pods/shop.json  pods=3 containers=3');
    expect(lines).toContain('  troubleshoot-pull-secret  cluster-resources/image-pull-secrets/shop/regcred.json  secrets=1');
    const total = (label: string, n: number) => `  ${label.padEnd('node files (resolv.conf, df, journals)'.length)}  ${n}`;
    expect(lines).toContain(total('pods', 4));
    expect(lines).toContain(total('containers', 7));
    expect(lines).toContain(total('events', 40));
    expect(lines).toContain(total('pull secrets', 1));
    expect(lines).toContain(total('node files (resolv.conf, df, journals)', 2));
    expect(lines).toContain(total('unrecognized files', 2));
    expect(lines).toContain('  host-collectors/worker-1/run-host/hosts.txt');
    expect(lines).toContain('Problems (3):');
    expect(lines).toContain('  host-collectors/worker-1/run-host/df.txt:9: df row has 5 columns, expected 6: skipped');
    expect(lines).toContain('  no version.yaml: capture time taken from the archive name');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('has no escape sequences without color, only SGR styling with it', () => {
    expect(text).not.toContain('\u001b');
    const colored = renderInventoryText(inv, { color: true });
    expect(colored).toContain('\u001b[1mLayout:\u001b[22m');
    expect(colored.replace(SGR, '')).toBe(text);
  });

  it('neutralizes hostile file names and messages', () => {
    const hostile = hostileResult().inventory;
    const out = renderInventoryText(hostile, { color: true }).replace(SGR, '');
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    // a newline in a name is shown, not obeyed: the name stays on one line
    expect(out.split('\n')).toContain('  notes\\n- injected.txt');
    expect(out.split('\n')).toContain('  badfile|.json:3: unexpected token\\n# Heading injection <script>');
    expect(out.split('\n').filter((l) => l.startsWith('- injected') || l.startsWith('# Heading'))).toEqual([]);
  });

  it('matches the golden output', () => {
    expectGolden('report/golden/incident-inventory.txt', text);
  });
});
