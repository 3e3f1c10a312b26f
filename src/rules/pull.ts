/**
 * Which containers fail to pull, and which raw message best carries the
 * cause (reference runtime-messages.md §1.3–§1.4).
 */
import type { SourceRef } from '../common/source.js';
import type { Container, ModelEvent, Pod } from '../model/types.js';
import { normalizePullMessage, type NormalizedMessage } from './normalize.js';

export const PULL_WAITING_REASONS: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'ImageInspectError',
  'RegistryUnavailable',
  'SignatureValidationFailed',
]);

/** Waiting reasons whose message is the runtime's own error (not a back-off). */
const CAUSE_WAITING_REASONS: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'RegistryUnavailable',
  'SignatureValidationFailed',
  'InvalidImageName',
  'ErrImageNeverPull',
  'ImageInspectError',
]);

export function isPullFailureEvent(e: ModelEvent): boolean {
  if (e.reason === 'Failed') return isFailedPullMessage(e.message);
  if (e.reason === 'BackOff') return e.message.includes('Back-off pulling image');
  return e.reason === 'InspectFailed' || e.reason === 'ErrImageNeverPull';
}

function isFailedPullMessage(m: string): boolean {
  const s = stripPrefix(m);
  return (
    s.startsWith('Failed to pull image') ||
    s.startsWith('RegistryUnavailable') ||
    s.startsWith('SignatureValidationFailed') ||
    s.startsWith('Failed to apply default image tag') ||
    s.startsWith('Failed to inspect image')
  );
}

/** kubectl 1.35 describe: `spec.containers{app}: <message>`. */
function stripPrefix(m: string): string {
  if (!m.startsWith('spec.')) return m;
  const i = m.indexOf('}: ');
  return i >= 0 && i < 300 ? m.slice(i + 3) : m;
}

export function isPullFailing(c: Container): boolean {
  const reason = c.state?.waiting?.reason;
  if (reason) return PULL_WAITING_REASONS.has(reason);
  // state unknown (text bundles) or waiting without reason: the events decide
  if (c.state?.running || c.state?.terminated) return false;
  return c.events.some(isPullFailureEvent);
}

export function isPodPullFailing(p: Pod): boolean {
  return p.containers.some(isPullFailing) || p.events.some(isSecretRetrievalFailure);
}

/** Not a closure made per pod: this runs for every pod of the bundle. */
function isSecretRetrievalFailure(e: ModelEvent): boolean {
  return e.reason === 'FailedToRetrieveImagePullSecret';
}

export interface PullFacts extends NormalizedMessage {
  message?: string;
  from: 'event' | 'waiting' | 'backoff' | 'none';
  source?: SourceRef;
  hasCause: boolean;
  attempts?: number;
}

/** The best raw message for the cause, in the documented order. */
export function pullFacts(c: Container): PullFacts {
  const waiting = c.state?.waiting;
  const wsource = c.stateSource ?? c.source;
  let pick: { message: string; from: PullFacts['from']; source?: SourceRef } | undefined;
  const failed = newest(c.events, (e) => e.reason === 'Failed' && isFailedPullMessage(e.message));
  if (failed) pick = { message: failed.message, from: 'event', source: failed.source };
  if (!pick && waiting?.message?.startsWith('Back-off pulling image "')) {
    const n = normalizePullMessage(waiting.message);
    if (!n.backoffOnly) pick = { message: waiting.message, from: 'waiting', source: wsource };
  }
  if (!pick && waiting?.message && waiting.reason && CAUSE_WAITING_REASONS.has(waiting.reason)) {
    pick = { message: waiting.message, from: 'waiting', source: wsource };
  }
  if (!pick) {
    const e = newest(c.events, (ev) => ev.reason === 'InspectFailed' || ev.reason === 'ErrImageNeverPull');
    if (e) pick = { message: e.message, from: 'event', source: e.source };
  }
  if (!pick) {
    if (waiting?.message?.startsWith('Back-off pulling image')) pick = { message: waiting.message, from: 'backoff', source: wsource };
    else {
      const e = newest(c.events, (ev) => ev.reason === 'BackOff' && ev.message.includes('Back-off pulling image'));
      if (e) pick = { message: e.message, from: 'backoff', source: e.source };
    }
  }
  const attempts = countAttempts(c.events);
  if (!pick) return { cause: '', backoffOnly: false, from: 'none', hasCause: false, ...(attempts !== undefined ? { attempts } : {}) };
  const n = normalizePullMessage(pick.message);
  return {
    ...n,
    message: pick.message,
    from: pick.from,
    ...(pick.source ? { source: pick.source } : {}),
    hasCause: !n.backoffOnly && n.cause.length > 0,
    ...(attempts !== undefined ? { attempts } : {}),
  };
}

function newest(events: ModelEvent[], pred: (e: ModelEvent) => boolean): ModelEvent | undefined {
  // events are oldest first
  for (let i = events.length - 1; i >= 0; i--) if (pred(events[i])) return events[i];
  return undefined;
}

function countAttempts(events: ModelEvent[]): number | undefined {
  let pulling = 0;
  let failed = 0;
  for (const e of events) {
    if (e.reason === 'Pulling') pulling += e.count ?? 1;
    else if (e.reason === 'Failed' && isFailedPullMessage(e.message)) failed += e.count ?? 1;
  }
  if (pulling) return pulling;
  return failed || undefined;
}

/** `lookup <host> on <ip>:53` in a cause: the DNS server the runtime asked. */
export function dnsLookup(cause: string): { host?: string; server?: string } {
  const at = cause.indexOf('lookup ');
  if (at < 0) return {};
  const rest = cause.slice(at + 7, at + 7 + 600);
  const sp = rest.indexOf(' ');
  const colon = rest.indexOf(':');
  const hostEnd = sp < 0 ? colon : colon < 0 ? sp : Math.min(sp, colon);
  const host = hostEnd > 0 ? rest.slice(0, hostEnd) : undefined;
  if (!rest.startsWith(' on ', hostEnd)) return { host };
  const srv = rest.slice(hostEnd + 4);
  const end = srv.indexOf(': ');
  const addr = end < 0 ? srv : srv.slice(0, end);
  return { host, server: stripPort(addr) };
}

function stripPort(addr: string): string {
  if (addr.startsWith('[')) {
    const close = addr.indexOf(']');
    return close > 0 ? addr.slice(1, close) : addr;
  }
  const c = addr.lastIndexOf(':');
  // more than one colon without brackets: a bare IPv6 address
  return c > 0 && addr.indexOf(':') === c ? addr.slice(0, c) : addr;
}
