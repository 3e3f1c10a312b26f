import { describe, expect, it } from 'vitest';
import { stripTerminalControls } from '../src/common/terminal.js';

describe('stripTerminalControls', () => {
  it('removes CSI colour, OSC 52 clipboard and OSC title sequences from an event message', () => {
    const msg = 'Failed to pull image "x": \u001b[31mred\u001b[0m \u001b]52;c;ZWNobyBwd25lZA==\u0007 \u001b]0;pwned\u001b\\done';
    expect(stripTerminalControls(msg)).toBe('Failed to pull image "x": red  done');
  });
  it('keeps newlines and tabs, drops other C0 and C1 controls', () => {
    expect(stripTerminalControls('a\tb\nc\u0007d\u0000e\u009b31mf')).toBe('a\tb\ncdef');
  });
  it('returns plain text unchanged', () => {
    const s = 'dial tcp: lookup registry.acme.io on 10.0.0.2:53: no such host';
    expect(stripTerminalControls(s)).toBe(s);
  });
});
