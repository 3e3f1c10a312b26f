import { decodeBase64Strict, utf8OrUndefined } from '../common/base64.js';
import { addCount, isMasked, marker, type KindCounts } from './markers.js';
import { redactJson } from './json-redact.js';
import { redactText } from './text-scan.js';

/**
 * Dockerconfig values keep their shape so analysis of the redacted copy sees
 * the same entries: `auth` still decodes to `user:<marker>`, and a config that
 * was malformed stays malformed in the same way (bad base64 stays bad base64,
 * `auth` without a colon stays without one), only the secret bytes are gone.
 */

export const DOCKER_CONFIG_KEYS = new Set(['.dockerconfigjson', '.dockercfg']);

/** must-gather writes "<N> bytes long" instead of Secret values. */
export function isElided(v: string): boolean {
  if (!v.endsWith(' bytes long')) return false;
  const n = v.length - ' bytes long'.length;
  if (n === 0 || n > 12) return false;
  for (let i = 0; i < n; i++) if (v.charCodeAt(i) < 0x30 || v.charCodeAt(i) > 0x39) return false;
  return true;
}

/** Nothing to hide: empty, already masked or elided. */
export function isNothingToHide(v: string): boolean {
  return v === '' || isMasked(v) || isElided(v);
}

/** Strict standard base64 (the API server's), shared with the parsers so both judge a secret alike. */
export const decodeBase64 = decodeBase64Strict;


function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** A dockerconfig `auth` value: base64 of user:password. */
export function redactAuth(v: string, counts: KindCounts): string {
  if (isNothingToHide(v)) return v;
  const bytes = decodeBase64(v);
  if (!bytes) {
    addCount(counts, 'AUTH');
    return marker('AUTH', v); // `*` keeps it invalid base64
  }
  const text = utf8OrUndefined(bytes);
  const colon = text === undefined ? -1 : text.indexOf(':');
  if (text === undefined || colon < 0) {
    addCount(counts, 'AUTH');
    return b64(marker('AUTH', v)); // still decodes, still has no colon
  }
  const pass = text.slice(colon + 1);
  if (pass === '' || isMasked(pass)) return v;
  addCount(counts, 'PASSWORD');
  return b64(`${text.slice(0, colon)}:${marker('PASSWORD', pass)}`);
}

/** Decoded dockerconfig JSON text; not JSON: free-text redaction, so it stays not JSON. */
export function redactDockerConfigText(text: string, counts: KindCounts): string {
  const json = redactJson(text, counts);
  return json ?? redactText(text, counts);
}

/** A Secret value holding a dockerconfig: JSON text (stringData, troubleshoot) or base64 (data). */
export function redactDockerConfigValue(v: string, counts: KindCounts): string {
  if (isNothingToHide(v)) return v;
  if (v.trimStart().startsWith('{')) return redactDockerConfigText(v, counts);
  const bytes = decodeBase64(v);
  if (!bytes) {
    addCount(counts, 'SECRET');
    return marker('SECRET', v);
  }
  const text = utf8OrUndefined(bytes);
  if (text === undefined) {
    addCount(counts, 'SECRET');
    // a leading 0xff keeps it "not UTF-8 text"
    return Buffer.concat([Buffer.from([0xff]), Buffer.from(marker('SECRET', v), 'utf8')]).toString('base64');
  }
  const out = redactDockerConfigText(text, counts);
  return out === text ? v : b64(out);
}
