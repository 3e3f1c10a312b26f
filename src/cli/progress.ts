import { formatBytes } from '../bundle/index.js';

/**
 * A one-line progress indicator on stderr for bundles that take more than a
 * moment; only when stderr is a terminal, so logs and pipes stay clean.
 */
export interface Progress {
  update(p: { bytes: number; entries: number }): void;
  done(): void;
}

const SHOW_AFTER_MS = 700;

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  const start = Date.now();
  let shown = false;
  return {
    update({ bytes, entries }) {
      if (Date.now() - start < SHOW_AFTER_MS) return;
      shown = true;
      const line = `reading ${label}: ${formatBytes(bytes)}, ${entries.toLocaleString('en-US')} files`;
      stream.write(`\r\u001b[2K${line.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
