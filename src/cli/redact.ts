import type { BundleLimits } from '../bundle/index.js';
import { stripTerminalControls } from '../common/terminal.js';
import { redactBundle, RedactUsageError } from '../redact/redact-bundle.js';
import { formatRedactReport } from '../redact/report-text.js';

/**
 * `podmortem redact <bundle> --output <file.tgz>`: write a sanitized copy
 * and print what was redacted per file to stderr. Exit 0 on success, 2 when
 * the arguments are wrong or the bundle cannot be read, 1 when the output
 * cannot be written.
 */
export async function redactCommand(input: string, opts: { output: string; limits: Partial<BundleLimits> }): Promise<number> {
  try {
    const report = await redactBundle(input, { output: opts.output, limits: opts.limits });
    process.stderr.write(formatRedactReport(report, opts.output));
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`podmortem redact: ${stripTerminalControls(message)}\n`);
    return e instanceof RedactUsageError ? e.exitCode : 1;
  }
}
