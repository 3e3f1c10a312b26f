import { fingerprint } from '../../common/secrets.js';
import type { SourceRef } from '../../common/source.js';
import type { DockerAuthEntry, DockerConfigRecord } from '../records.js';
import { decodeBase64Strict, utf8OrUndefined } from '../../common/base64.js';
import { isObj, obj, type Obj } from './values.js';

/**
 * Decoded dockerconfig → entries with presence flags, username and a
 * fingerprint of the effective credential. The values themselves go no
 * further than the local variables of this file.
 */

export type DockerConfigFormat = 'dockerconfigjson' | 'dockercfg';

/** Line of an entry, when the caller can tell (a loose file); else the secret's own line. */
export type EntryLine = (key: string) => number | undefined;

const MAX_ENTRIES = 1000;

export function dockerConfigFromText(text: string, format: DockerConfigFormat, source: SourceRef, entryLine?: EntryLine): DockerConfigRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { format, entries: [], problems: [`${format === 'dockercfg' ? '.dockercfg' : '.dockerconfigjson'} is not valid JSON`] };
  }
  return dockerConfigFromValue(doc, format, source, entryLine);
}

export function dockerConfigFromValue(doc: unknown, format: DockerConfigFormat, source: SourceRef, entryLine?: EntryLine): DockerConfigRecord {
  const problems: string[] = [];
  if (!isObj(doc)) return { format, entries: [], problems: ['the docker config is not a JSON object'] };
  let map: Obj | undefined;
  if (format === 'dockerconfigjson') {
    map = obj(doc.auths);
    if (!map) {
      if (doc.auths !== undefined) problems.push('"auths" is not an object');
      else if (doc.credsStore !== undefined || doc.credHelpers !== undefined) problems.push('no "auths" map: credentials are kept by a credential helper (credsStore/credHelpers), which the kubelet cannot use');
      else problems.push('no "auths" map (a .dockerconfigjson must be {"auths": {...}})');
    }
  } else {
    map = doc;
    if (isObj(doc.auths)) problems.push('.dockercfg holds the newer {"auths": ...} form; the kubelet reads "auths" as a registry name here');
  }
  const entries: DockerAuthEntry[] = [];
  if (map) {
    const keys = Object.keys(map);
    if (keys.length === 0) problems.push('no registries in the docker config');
    for (const key of keys.slice(0, MAX_ENTRIES)) {
      if (format === 'dockercfg' && key === 'auths') continue;
      const line = entryLine?.(key);
      entries.push(authEntry(key, map[key], line ? { file: source.file, line } : source));
    }
  }
  return { format, entries, problems };
}

/** troubleshoot's `image-pull-secrets/<ns>/<secret>.json`: `{"<registry>": "<username>"}`, password already dropped. */
export function registryUsernames(doc: Obj, source: SourceRef, entryLine?: EntryLine): DockerConfigRecord {
  const entries: DockerAuthEntry[] = [];
  for (const key of Object.keys(doc).slice(0, MAX_ENTRIES)) {
    const v = doc[key];
    const username = typeof v === 'string' && v !== '' ? v : undefined;
    const line = entryLine?.(key);
    entries.push({
      key,
      username,
      hasPassword: false,
      hasAuth: false,
      hasIdentityToken: false,
      hasRegistryToken: false,
      redacted: isRedacted(key) || (username !== undefined && isRedacted(username)) || undefined,
      problems: [],
      source: line ? { file: source.file, line } : source,
    });
  }
  return { format: 'registry-usernames', entries, problems: [] };
}

/** `***HIDDEN***` (troubleshoot), `***REDACTED-...***`, `***TOKEN_...***`: a marker, not a value. */
export function isRedacted(s: string): boolean {
  return s.startsWith('***') && s.endsWith('***') && s.length >= 6;
}

function authEntry(key: string, v: unknown, source: SourceRef): DockerAuthEntry {
  const e = obj(v) ?? {};
  const problems: string[] = [];
  if (!isObj(v)) problems.push('the entry is not an object');
  const username = typeof e.username === 'string' ? e.username : undefined;
  const password = typeof e.password === 'string' ? e.password : undefined;
  const auth = typeof e.auth === 'string' ? e.auth : undefined;
  const identityToken = typeof e.identitytoken === 'string' && e.identitytoken !== '' ? e.identitytoken : undefined;
  const registryToken = typeof e.registrytoken === 'string' && e.registrytoken !== '' ? e.registrytoken : undefined;

  let authUser: string | undefined;
  let authPass: string | undefined;
  let authValid: boolean | undefined;
  if (auth !== undefined && auth !== '') {
    const bytes = decodeBase64Strict(auth);
    const text = bytes ? utf8OrUndefined(bytes) : undefined;
    if (!bytes) {
      authValid = false;
      problems.push('"auth" is not valid base64');
    } else {
      const colon = text === undefined ? -1 : text.indexOf(':');
      if (text === undefined || colon < 0) {
        authValid = false;
        problems.push('"auth" does not decode to "username:password"');
      } else {
        authUser = text.slice(0, colon);
        authPass = text.slice(colon + 1);
        authValid = authUser !== '' && authPass !== '';
        if (authUser === '') problems.push('"auth" has an empty username');
        if (authPass === '') problems.push('"auth" has an empty password');
      }
    }
  }
  if (authUser !== undefined && authUser !== '' && username !== undefined && username !== '' && username !== authUser) {
    problems.push('"username" and the user inside "auth" disagree (the kubelet uses "auth")');
  }
  const hasAuth = auth !== undefined && auth !== '';
  const token = identityToken ?? registryToken;
  if (!hasAuth && !token) {
    if (username === undefined && password === undefined) problems.push('no credentials (no "auth", "username"/"password" or "identitytoken")');
    else {
      if (!username) problems.push('empty username');
      if (!password) problems.push('empty password');
    }
  }
  // the kubelet prefers the user:pass inside auth over the separate fields
  const effective = authValid ? authPass : password !== undefined && password !== '' ? password : token;
  const effectiveUser = authUser !== undefined && authUser !== '' ? authUser : username !== undefined && username !== '' ? username : undefined;
  return {
    key,
    username: effectiveUser,
    hasPassword: password !== undefined && password !== '',
    hasAuth,
    authValid,
    hasIdentityToken: identityToken !== undefined,
    hasRegistryToken: registryToken !== undefined,
    fingerprint: effective ? fingerprint(effective) : undefined,
    redacted: isRedacted(key) || (effectiveUser !== undefined && isRedacted(effectiveUser)) || undefined,
    problems,
    source,
  };
}

/** A value of a Secret's `data` map, base64: decoded config text, or the problem. */
export function decodeSecretValue(b64: string): { text?: string; problem?: string } {
  const bytes = decodeBase64Strict(b64);
  if (!bytes) return { problem: 'secret data is not valid base64' };
  const text = utf8OrUndefined(bytes);
  if (text === undefined) return { problem: 'secret data is not UTF-8 text' };
  return { text };
}
