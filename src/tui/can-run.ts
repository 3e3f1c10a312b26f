export interface TtyLike {
  isTTY?: boolean;
}

/** The TUI needs a keyboard in raw mode and a screen; pipes and CI have neither. */
export function canRunTui(stdin: TtyLike & { setRawMode?: unknown }, stdout: TtyLike): { ok: boolean; reason?: string } {
  const fallback = 'use --format markdown (or --format json) instead';
  if (!stdout.isTTY) return { ok: false, reason: `stdout is not a terminal (output is piped or redirected); ${fallback}` };
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
    return { ok: false, reason: `stdin is not a terminal (input is piped or redirected), so keys cannot be read; ${fallback}` };
  }
  return { ok: true };
}
