/**
 * OSC 52 asks the terminal to put text on the system clipboard. Many
 * terminals (and tmux without set-clipboard) ignore it silently, which is why
 * the TUI also shows the copied command on screen.
 */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}
