const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1000 ** 4,
  tib: 1024 ** 4,
};

// Anchored, no nested quantifiers: linear on any input.
const SIZE_PATTERN = /^([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*([a-z]*)$/i;

/**
 * Size for CLI flags: "4GiB", "200MB", "512M", "1e6", "1_000_000".
 * KB/MB/GB/TB are decimal, KiB/MiB/GiB/TiB and bare K/M/G/T are binary.
 * Throws an Error with a one-line message on anything else.
 */
export function parseSize(text: string): number {
  const trimmed = text.trim().replaceAll('_', '');
  const m = SIZE_PATTERN.exec(trimmed);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const value = m ? Number(m[1]) * (unit ?? NaN) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new Error(`invalid size "${text}": expected a number with an optional unit, e.g. 4GiB, 200MB, 1e6`);
  }
  return Math.floor(value);
}

/** Human form for messages: 536870912 -> "512 MiB". */
export function formatBytes(n: number): string {
  const steps = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < steps.length - 1) {
    v /= 1024;
    i++;
  }
  const shown = i === 0 || Number.isInteger(v) ? String(v) : v.toFixed(1);
  return `${shown} ${steps[i]}`;
}
