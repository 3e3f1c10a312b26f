/**
 * Preloaded into a measured process (`node --import probe.js ...`): on exit,
 * writes its peak RSS (bytes) to the file named by PODMORTEM_BENCH_PROBE.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.PODMORTEM_BENCH_PROBE;
if (out) {
  process.on('exit', () => {
    writeFileSync(out, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}
