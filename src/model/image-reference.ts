/**
 * Image references, parsed by the Docker reference grammar
 * (distribution/reference) with the implicit parts made explicit the way the
 * kubelet and the runtimes do: `nginx` is `docker.io/library/nginx:latest`.
 * Hand-written character checks instead of the grammar's regex: the input is
 * untrusted and must parse in linear time.
 */
import type { ImageReference } from './types.js';

export const DOCKER_HUB = 'docker.io';
const MAX_NAME_LENGTH = 255;

export function parseImageReference(raw: string): ImageReference {
  const text = raw.trim();
  const fail = (error: string): ImageReference => ({
    raw,
    valid: false,
    error,
    registry: '',
    repository: text,
    implicitRegistry: false,
    implicitTag: false,
    canonical: text,
    familiar: text,
  });
  if (text === '') return fail('invalid reference format: empty image name');

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) return fail('invalid reference format: bad digest');
  }
  let tag: string | undefined;
  // a tag is after the last ':' that follows the last '/'
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!isTag(tag)) return fail('invalid reference format: bad tag');
  }
  if (rest === '') return fail('invalid reference format');

  let registry = DOCKER_HUB;
  let path = rest;
  let implicitRegistry = true;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    // distribution/reference: the first component is a host when it has '.' or ':', is localhost, or has upper case
    if (first.includes('.') || first.includes(':') || first === 'localhost' || hasUpper(first)) {
      if (!isDomain(first)) return fail('invalid reference format: bad registry host');
      registry = first === 'index.docker.io' ? DOCKER_HUB : first;
      path = rest.slice(slash + 1);
      implicitRegistry = false;
    }
  }
  if (hasUpper(path)) {
    const shown = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
    return fail(`invalid reference format: repository name (${shown}) must be lowercase`);
  }
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  if (!isPath(path)) return fail('invalid reference format');
  if (registry.length + 1 + path.length > MAX_NAME_LENGTH) return fail('invalid reference format: repository name must not be more than 255 characters');

  const implicitTag = tag === undefined && digest === undefined;
  const effectiveTag = implicitTag ? 'latest' : tag;
  const suffix = (effectiveTag ? `:${effectiveTag}` : '') + (digest ? `@${digest}` : '');
  const canonical = `${registry}/${path}${suffix}`;
  let familiarName = `${registry}/${path}`;
  if (registry === DOCKER_HUB) familiarName = path.startsWith('library/') ? path.slice(8) : path;
  return {
    raw,
    valid: true,
    registry,
    repository: path,
    tag: effectiveTag,
    digest,
    implicitRegistry,
    implicitTag,
    canonical,
    familiar: familiarName + suffix,
  };
}

function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isLowerAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

/** host[:port], host = dot-separated labels of [A-Za-z0-9-] not starting/ending with '-', or [ipv6]. */
function isDomain(s: string): boolean {
  let host = s;
  let port: string | undefined;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return false;
    host = s.slice(1, end);
    const after = s.slice(end + 1);
    if (after !== '' && !after.startsWith(':')) return false;
    if (after) port = after.slice(1);
    if (!/^[0-9a-fA-F:.]+$/.test(host)) return false;
  } else {
    const c = s.lastIndexOf(':');
    if (c >= 0) {
      port = s.slice(c + 1);
      host = s.slice(0, c);
    }
    if (host === '') return false;
    for (const label of host.split('.')) {
      if (label === '') return false;
      if (!isAlnum(label.charCodeAt(0)) || !isAlnum(label.charCodeAt(label.length - 1))) return false;
      for (let i = 0; i < label.length; i++) {
        const ch = label.charCodeAt(i);
        if (!isAlnum(ch) && ch !== 45) return false;
      }
    }
  }
  if (port !== undefined && !/^[0-9]{1,5}$/.test(port)) return false;
  return true;
}

/** path components of [a-z0-9]+ joined by '.', '_', '__' or runs of '-', separated by '/'. */
function isPath(path: string): boolean {
  for (const comp of path.split('/')) {
    if (comp === '') return false;
    if (!isLowerAlnum(comp.charCodeAt(0)) || !isLowerAlnum(comp.charCodeAt(comp.length - 1))) return false;
    let i = 0;
    while (i < comp.length) {
      const c = comp.charCodeAt(i);
      if (isLowerAlnum(c)) {
        i++;
        continue;
      }
      // separator: '.', '_', '__', or one or more '-'
      let j = i;
      if (c === 46) j = i + 1;
      else if (c === 95) j = comp.charCodeAt(i + 1) === 95 ? i + 2 : i + 1;
      else if (c === 45) {
        while (comp.charCodeAt(j) === 45) j++;
      } else return false;
      if (!isLowerAlnum(comp.charCodeAt(j))) return false;
      i = j;
    }
  }
  return true;
}

function isTag(tag: string): boolean {
  if (tag.length === 0 || tag.length > 128) return false;
  for (let i = 0; i < tag.length; i++) {
    const c = tag.charCodeAt(i);
    const word = isAlnum(c) || c === 95;
    if (i === 0 ? !word : !(word || c === 46 || c === 45)) return false;
  }
  return true;
}

function isDigest(d: string): boolean {
  const colon = d.indexOf(':');
  if (colon <= 0) return false;
  const algorithm = d.slice(0, colon);
  const encoded = d.slice(colon + 1);
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/.test(algorithm)) return false;
  return encoded.length >= 32 && /^[0-9a-fA-F]+$/.test(encoded);
}
