import type { RedactionKind } from './markers.js';

/**
 * Is a key (JSON field, `key=`, env var name) the name of a credential, and
 * which kind? Substring match on the lower-cased name, as the spec asks for
 * env vars (password|passwd|secret|token|api[_-]?key|access[_-]?key|credential),
 * minus names that point at a credential instead of holding one
 * (secretName, tokenFile, passwordRef, imagePullSecrets, ...).
 */
const POINTER_SUFFIXES = ['name', 'names', 'ref', 'refs', 'file', 'path', 'type', 'secrets', 'keyref', 'length', 'ttl', 'expiry', 'expires', 'expiration', 'url', 'uri', 'id', 'ids', 'count', 'mode', 'policy', 'enabled', 'required', 'source', 'from', 'seconds', 'timeout', 'duration', 'period', 'version', 'format', 'size', 'time', 'timestamp', 'endpoint', 'audience', 'audiences', 'issuer', 'provider', 'kind', 'status'];

const MAX_KEY = 64;

// keys repeat endlessly (every pod has "name", "image", ...): classify each once
const cache = new Map<string, RedactionKind | null>();
const MAX_CACHE = 50_000;

export function credentialKind(key: string): RedactionKind | undefined {
  if (key.length === 0 || key.length > MAX_KEY) return undefined;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const kind = classify(key);
  if (cache.size < MAX_CACHE) cache.set(key, kind ?? null);
  return kind;
}

function classify(key: string): RedactionKind | undefined {
  const k = key.toLowerCase();
  if (k === 'auth') return 'AUTH';
  if (k === 'pwd' || k === 'pass') return 'PASSWORD';
  // `secret="regcred"` in kubelet logs names a Secret; env vars called SECRET are handled by the caller
  if (k === 'secret' || k === 'secrets') return undefined;
  let kind: RedactionKind | undefined;
  const hasKey = k.includes('key');
  if (k.includes('pass') && (k.includes('password') || k.includes('passwd'))) kind = 'PASSWORD';
  else if (hasKey && (k.includes('private_key') || k.includes('private-key') || k.includes('privatekey'))) kind = 'PRIVATE-KEY';
  else if (hasKey && (hasKeyWord(k, 'api') || hasKeyWord(k, 'access'))) kind = 'KEY';
  else if (k.includes('token')) kind = 'TOKEN';
  else if (k.includes('secret') || k.includes('credential')) kind = 'SECRET';
  if (!kind) return undefined;
  for (const s of POINTER_SUFFIXES) {
    if (k.length > s.length && k.endsWith(s) && !endsWithKindWord(k)) return undefined;
  }
  return kind;
}

/** `api_key`, `api-key`, `apikey`, `access_key`, ... */
function hasKeyWord(k: string, prefix: string): boolean {
  return k.includes(`${prefix}_key`) || k.includes(`${prefix}-key`) || k.includes(`${prefix}key`);
}

/** `client_secret` ends in "secret", not in a pointer word, even though "...t" could look like one. */
function endsWithKindWord(k: string): boolean {
  return k.endsWith('password') || k.endsWith('passwd') || k.endsWith('token') || k.endsWith('secret') || k.endsWith('key') || k.endsWith('credential');
}
