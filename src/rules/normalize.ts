/**
 * Peels the wrapper chain off an image-pull failure message (kubelet, gRPC,
 * containerd, CRI-O/containers-image, Docker) so the innermost clause, the
 * one that names the cause, can be matched on its own. Pure and linear: only
 * startsWith/indexOf on the text, a bounded number of passes.
 * See reference runtime-messages.md §1–§3 and §6.
 */

export type PullFlag = 'RegistryUnavailable' | 'SignatureValidationFailed';

export interface NormalizedMessage {
  /** the innermost text that decides the category ('' when there is none) */
  cause: string;
  /** gRPC code from `rpc error: code = X desc =` (numeric on very old kubelets) */
  code?: string;
  flag?: PullFlag;
  /** the image the kubelet wrapper quotes */
  image?: string;
  /** only `Back-off pulling image "X"` was left: the cause has expired */
  backoffOnly: boolean;
}

/** Longer messages are cut: the cause is never that far in, and the work stays bounded. */
const MAX_INPUT = 64 * 1024;
const MAX_PASSES = 64;

const BACKOFF = 'Back-off pulling image "';
const FAILED_TO_PULL = 'Failed to pull image "';
const IMAGE_PULL_FAILED = 'image pull failed for ';
const BECAUSE_UNAVAILABLE = ' because the registry is unavailable';
const BECAUSE_SIGNATURE = ' because the signature validation failed';
const RPC = 'rpc error: code = ';
const DESC = ' desc = ';
const CRIO_ARTIFACT = 'unable to pull image or OCI artifact: pull image err: ';
const ARTIFACT_ERR = '; artifact err: ';
const MIRRORS = '(Mirrors also failed: [';
const MIRRORS_END = ']): ';

/** Wrappers followed by a quoted reference: `failed to pull and unpack image "<ref>": `. */
const QUOTED_WRAPPERS = ['failed to pull and unpack image "', 'failed to resolve reference "'];
/** Wrappers whose argument runs up to the next `: `. */
const ARG_WRAPPERS = ['initializing source ', 'reading manifest ', 'pinging container registry ', 'error pinging docker registry '];
/** Fixed wrappers. */
const PLAIN_WRAPPERS = ['Error response from daemon: ', 'failed to resolve image: ', 'unable to pull image: '];

export function normalizePullMessage(raw: string): NormalizedMessage {
  let s = (raw.length > MAX_INPUT ? raw.slice(0, MAX_INPUT) : raw).trim();
  const out: NormalizedMessage = { cause: '', backoffOnly: false };
  s = stripFieldPathPrefix(s);

  if (s.startsWith(BACKOFF)) {
    const end = s.indexOf('"', BACKOFF.length);
    if (end < 0) {
      out.backoffOnly = true;
      return out;
    }
    out.image = s.slice(BACKOFF.length, end);
    let rest = s.slice(end + 1);
    if (!rest.startsWith(': ')) {
      // "Back-off pulling image "x"" with nothing (or only punctuation) after it
      out.backoffOnly = true;
      return out;
    }
    rest = rest.slice(2);
    const reasonEnd = rest.indexOf(': ');
    const reason = reasonEnd > 0 ? rest.slice(0, reasonEnd) : '';
    if (reason && isIdentifier(reason)) {
      if (reason === 'RegistryUnavailable' || reason === 'SignatureValidationFailed') out.flag = reason;
      rest = rest.slice(reasonEnd + 2);
    }
    s = rest;
  }

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = stripOne(s, out);
    if (next === s) break;
    s = next.trimStart();
  }
  out.cause = s.trim();
  return out;
}

/** One wrapper off the front (or the mirror / artifact cut); returns s unchanged when none applies. */
function stripOne(s: string, out: NormalizedMessage): string {
  if (s.startsWith(FAILED_TO_PULL)) {
    const end = s.indexOf('"', FAILED_TO_PULL.length);
    if (end < 0) return s;
    out.image ??= s.slice(FAILED_TO_PULL.length, end);
    return afterColon(s, end + 1);
  }
  if (s.startsWith(IMAGE_PULL_FAILED)) {
    for (const [because, flag] of [
      [BECAUSE_UNAVAILABLE, 'RegistryUnavailable'],
      [BECAUSE_SIGNATURE, 'SignatureValidationFailed'],
    ] as const) {
      const at = s.indexOf(because);
      if (at < 0) continue;
      out.flag = flag;
      out.image ??= s.slice(IMAGE_PULL_FAILED.length, at);
      const rest = s.slice(at + because.length);
      // 1.27 and older end with a period and carry no detail
      return rest.startsWith(': ') ? rest.slice(2) : '';
    }
    return s;
  }
  if (s.startsWith(RPC)) {
    const desc = s.indexOf(DESC, RPC.length);
    if (desc < 0 || desc - RPC.length > 40) return s;
    out.code ??= s.slice(RPC.length, desc);
    return s.slice(desc + DESC.length);
  }
  if (s.startsWith('RegistryUnavailable: ')) {
    out.flag ??= 'RegistryUnavailable';
    return s.slice('RegistryUnavailable: '.length);
  }
  if (s.startsWith('SignatureValidationFailed: ')) {
    out.flag ??= 'SignatureValidationFailed';
    return s.slice('SignatureValidationFailed: '.length);
  }
  if (s.startsWith(CRIO_ARTIFACT)) {
    const rest = s.slice(CRIO_ARTIFACT.length);
    const cut = rest.indexOf(ARTIFACT_ERR);
    return cut >= 0 ? rest.slice(0, cut) : rest;
  }
  for (const w of PLAIN_WRAPPERS) if (s.startsWith(w)) return s.slice(w.length);
  // old containers/image capitalised its wrappers: "Error initializing source", "Error reading manifest"
  if (s.startsWith('Error ') && !s.startsWith('Error: ')) return s.slice(6);
  for (const w of QUOTED_WRAPPERS) {
    if (!s.startsWith(w)) continue;
    const end = s.indexOf('"', w.length);
    return end < 0 ? s : afterColon(s, end + 1);
  }
  for (const w of ARG_WRAPPERS) {
    if (!s.startsWith(w)) continue;
    const colon = s.indexOf(': ', w.length);
    return colon < 0 ? s : s.slice(colon + 2);
  }
  const mirrors = s.startsWith(MIRRORS) ? 0 : s.indexOf(' ' + MIRRORS) + 1;
  if (mirrors >= 0 && s.startsWith(MIRRORS, mirrors)) {
    const end = s.lastIndexOf(MIRRORS_END);
    if (end < 0) return s;
    // "<primary ref>: <err>": the primary (last) attempt decides
    const rest = s.slice(end + MIRRORS_END.length);
    const colon = rest.indexOf(': ');
    return colon < 0 ? rest : rest.slice(colon + 2);
  }
  return s;
}

function afterColon(s: string, i: number): string {
  if (s.startsWith(': ', i)) return s.slice(i + 2);
  if (s.startsWith(':', i)) return s.slice(i + 1);
  return s.slice(i);
}

/** kubectl 1.35+ describe prefixes event messages with `spec.containers{name}: `. */
function stripFieldPathPrefix(s: string): string {
  if (!s.startsWith('spec.')) return s;
  const close = s.indexOf('}: ');
  if (close < 0 || close > 300) return s;
  return s.slice(close + 3);
}

function isIdentifier(s: string): boolean {
  if (s.length > 64) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}
