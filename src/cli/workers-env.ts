/**
 * PODMORTEM_PARSE_WORKERS=N fixes the number of parse worker threads (0: parse
 * on the main thread only); unset, podmortem starts them for big bundles.
 */
export function parseWorkersFromEnv(env: NodeJS.ProcessEnv = process.env): number | 'auto' {
  const v = env.PODMORTEM_PARSE_WORKERS;
  if (v === undefined || !/^\d{1,2}$/.test(v.trim())) return 'auto';
  return Number(v.trim());
}
