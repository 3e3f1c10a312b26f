/** kubectl-like status text, derived from the model; shared by the rules engine, reports and the TUI. */
import type { Container, Pod } from './types.js';

/** What `kubectl get pod` would print in STATUS for one container (`Init:` for init containers). */
export function containerStatus(c: Container): string | undefined {
  const s = c.state;
  let status: string | undefined;
  if (s?.waiting) status = s.waiting.reason ?? 'Waiting';
  else if (s?.terminated) status = s.terminated.reason ?? 'Terminated';
  else if (s?.running) status = 'Running';
  if (status && c.init && status !== 'Running' && status !== 'Completed') return `Init:${status}`;
  return status;
}

/** The pod's STATUS: the first waiting init container, else the first waiting container, else what the source said. */
export function podStatus(p: Pod): string | undefined {
  for (const c of p.containers) if (c.init && c.state?.waiting) return containerStatus(c);
  for (const c of p.containers) if (!c.init && c.state?.waiting?.reason) return c.state.waiting.reason;
  return p.displayStatus ?? p.reason ?? p.phase;
}
