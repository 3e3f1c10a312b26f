/** Alternate screen and cursor: the user's scrollback survives the TUI. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[?25l';
export const LEAVE_ALT_SCREEN = '\x1b[?25h\x1b[?1049l';

export interface Writable {
  write(data: string): unknown;
}

/**
 * Switches to the alternate screen and returns `restore`, which is idempotent
 * and is also run on process exit and SIGINT/SIGTERM/SIGHUP, so an exception
 * or a kill does not leave the terminal on the alternate screen.
 */
export function enterAltScreen(out: Writable, proc: NodeJS.Process = process): () => void {
  out.write(ENTER_ALT_SCREEN);
  let done = false;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (sig: NodeJS.Signals) => {
    restore();
    proc.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  };
  const onExit = () => restore();
  function restore() {
    if (done) return;
    done = true;
    out.write(LEAVE_ALT_SCREEN);
    proc.off('exit', onExit);
    for (const s of signals) proc.off(s, onSignal);
  }
  proc.on('exit', onExit);
  for (const s of signals) proc.on(s, onSignal);
  return restore;
}
