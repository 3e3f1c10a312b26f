export const HEADER_LINES = 2;
export const FOOTER_LINES = 1;
/** smallest terminal we draw into; below it we only say so */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 8;
const COPY_PANEL_MAX_COMMAND_LINES = 6;

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

/**
 * The lines of the "copied" panel. Ink breaks long text with real newlines,
 * which a mouse selection would paste as separate commands; so a long command
 * is split with a trailing backslash (shell line continuation) on every line
 * but the last, and a paste into a shell still runs one command.
 */
export function copyPanelLines(command: string, columns: number): string[] {
  const w = Math.max(10, columns - 3);
  const out: string[] = [];
  for (const para of command.split('\n')) {
    let rest = para;
    while (rest.length > w) {
      const space = rest.lastIndexOf(' ', w);
      if (space > 0) {
        out.push(rest.slice(0, space) + ' \\');
        rest = rest.slice(space + 1);
      } else {
        out.push(rest.slice(0, w) + '\\');
        rest = rest.slice(w);
      }
      if (out.length > COPY_PANEL_MAX_COMMAND_LINES) break;
    }
    out.push(rest);
  }
  if (out.length > COPY_PANEL_MAX_COMMAND_LINES) {
    const cut = out.slice(0, COPY_PANEL_MAX_COMMAND_LINES);
    cut[cut.length - 1] += ' … (too long to show whole)';
    return cut;
  }
  return out;
}

/** Rows left for the body of a screen; lists also spend one row on the column headings. */
export function bodyHeight(size: Size, screen: 'list' | 'detail' | 'evidence' | 'help', panelLines: number): number {
  const panel = panelLines > 0 ? panelLines + 1 : 0;
  const heading = screen === 'list' ? 1 : 0;
  return Math.max(1, frameHeight(size) - HEADER_LINES - FOOTER_LINES - heading - panel);
}
