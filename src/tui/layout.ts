import { wrap } from './text.js';

export const HEADER_LINES = 2;
export const FOOTER_LINES = 1;
/** smallest terminal we draw into; below it we only say so */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 8;
const COPY_PANEL_MAX_COMMAND_LINES = 4;

export interface Size {
  columns: number;
  rows: number;
}

/**
 * Ink 6.8 clears the whole terminal on every frame once the output reaches
 * the terminal height (flicker, lost scrollback), so we draw one row less.
 */
export function frameHeight(size: Size): number {
  return Math.max(1, size.rows - 1);
}

export function tooSmall(size: Size): boolean {
  return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}

/** The lines of the "copied" panel for a command, given the width. */
export function copyPanelLines(command: string, columns: number): string[] {
  const lines = wrap(command, Math.max(10, columns - 2), COPY_PANEL_MAX_COMMAND_LINES + 1);
  if (lines.length > COPY_PANEL_MAX_COMMAND_LINES) {
    const cut = lines.slice(0, COPY_PANEL_MAX_COMMAND_LINES);
    cut[cut.length - 1] += ' …';
    return cut;
  }
  return lines;
}

/** Rows left for the body of a screen; lists also spend one row on the column headings. */
export function bodyHeight(size: Size, screen: 'list' | 'detail' | 'evidence' | 'help', panelLines: number): number {
  const panel = panelLines > 0 ? panelLines + 1 : 0;
  const heading = screen === 'list' ? 1 : 0;
  return Math.max(1, frameHeight(size) - HEADER_LINES - FOOTER_LINES - heading - panel);
}
