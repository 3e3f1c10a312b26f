/**
 * Pull-secret matching the way the kubelet's credential keyring does it
 * (kubernetes pkg/credentialprovider/keyring.go): a registry key loses its
 * scheme and a leading /v1/ or /v2/; it matches an image when both have the
 * same number of host labels (each key label a glob), the same port, and the
 * key path is a string prefix of the image path. Docker Hub images fall back
 * to credentials stored under index.docker.io.
 */
import type { ImageReference, PullSecret, RegistryCredential, RegistryKey } from './types.js';

const DEFAULT_REGISTRY_HOST = 'index.docker.io';

export function registryKeyOf(key: string): RegistryKey {
  let value = key.trim();
  const lower = value.toLowerCase();
  if (lower.startsWith('https://')) value = value.slice(8);
  else if (lower.startsWith('http://')) value = value.slice(7);
  const slash = value.indexOf('/');
  let host = slash >= 0 ? value.slice(0, slash) : value;
  let path = slash >= 0 ? value.slice(slash) : '';
  // url.Parse drops userinfo; query and fragment are not part of the path
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  for (const stop of ['?', '#']) {
    const i = path.indexOf(stop);
    if (i >= 0) path = path.slice(0, i);
  }
  if (path.startsWith('/v1/') || path.startsWith('/v2/')) path = path.slice(3);
  if (path === '/') path = '';
  return { host: host.toLowerCase(), path };
}

/** The string the keyring looks up: `registry/repository`, e.g. docker.io/library/nginx. */
function lookupTarget(image: ImageReference): { host: string; path: string } {
  return { host: image.registry.toLowerCase(), path: `/${image.repository}` };
}

function splitHostPort(host: string): { labels: string[]; port: string } {
  let h = host;
  let port = '';
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    port = end >= 0 && h[end + 1] === ':' ? h.slice(end + 2) : '';
    return { labels: [end >= 0 ? h.slice(0, end + 1) : h], port };
  }
  const c = h.lastIndexOf(':');
  if (c >= 0) {
    port = h.slice(c + 1);
    h = h.slice(0, c);
  }
  return { labels: h.split('.'), port };
}

/** filepath.Match for one host label: '*' any run, '?' one character, no '/' in labels anyway. */
export function globLabel(pattern: string, text: string): boolean {
  // iterative wildcard matching with a single backtrack point: linear-ish, never exponential
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export function keyMatchesImage(key: RegistryKey, image: ImageReference): boolean {
  const target = lookupTarget(image);
  const k = splitHostPort(key.host);
  const i = splitHostPort(target.host);
  if (k.port !== i.port) return false;
  if (k.labels.length !== i.labels.length) return false;
  if (!target.path.startsWith(key.path)) return false;
  for (let n = 0; n < k.labels.length; n++) {
    if (!globLabel(k.labels[n], i.labels[n])) return false;
  }
  return true;
}

/** kubelet isDefaultRegistryMatch on the normalized name: Docker Hub images. */
function isDockerHub(image: ImageReference): boolean {
  return image.registry === 'docker.io' || image.registry === DEFAULT_REGISTRY_HOST;
}

/**
 * The credentials the kubelet would present for `image`, from the given pull
 * secrets, most specific key first (the keyring sorts keys in reverse order).
 */
export function matchCredentials(image: ImageReference, secrets: PullSecret[]): RegistryCredential[] {
  if (!image.valid) return [];
  const all = secrets.flatMap((s) => s.credentials);
  const matched = all.filter((c) => !c.redacted && keyMatchesImage(c.match, image));
  if (matched.length > 0) {
    return matched.sort((a, b) => (a.match.host + a.match.path < b.match.host + b.match.path ? 1 : -1));
  }
  if (isDockerHub(image)) {
    return all.filter((c) => !c.redacted && c.match.host === DEFAULT_REGISTRY_HOST && c.match.path === '');
  }
  return [];
}
