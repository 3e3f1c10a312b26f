import type { Severity } from '../findings/types.js';

/** k9s-like palette; orange as 256-colour hex, which Ink downsamples on lesser terminals. */
export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: 'red',
  warning: '#ff8700',
  info: 'gray',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'CRIT',
  warning: 'WARN',
  info: 'INFO',
};

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export const KEY_COLOR = '#1e90ff'; // dodgerblue, as k9s key hints
export const ACCENT = 'cyan';
