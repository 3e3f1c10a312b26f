import { credentialKind } from './credential-keys.js';
import { decodeBase64, DOCKER_CONFIG_KEYS, isNothingToHide, redactAuth, redactDockerConfigValue } from './dockerconfig.js';
import { redactJson } from './json-redact.js';
import { addCount, marker, type KindCounts, type RedactionKind } from './markers.js';
import { redactText } from './text-scan.js';

/**
 * What to do with the scalar values of one mapping (a JSON object or a YAML
 * map), decided once the whole mapping is known, since kubectl writes `data`
 * before `kind`. Shared by the JSON and YAML redactors.
 */

export interface MapEntry {
  key: string;
  /** the decoded value; only string values are ever replaced */
  value: string;
  isString: boolean;
  /** a value of a Secret's `data` map: base64 of the real value */
  base64?: boolean;
  /** set the new (decoded) value */
  replace: (value: string) => void;
}

export interface MapContext {
  counts: KindCounts;
  /** nesting of embedded JSON documents (last-applied-configuration), bounded */
  depth: number;
}

const MAX_EMBEDDED_DEPTH = 3;
const MAX_EMBEDDED_CHARS = 16 * 1024 * 1024;

/** `entries`: the mapping's own scalars; `dataEntries`: scalars of its `data`/`stringData` maps. */
export function decideMap(entries: MapEntry[], dataEntries: MapEntry[], ctx: MapContext): void {
  const facts = new Map<string, MapEntry>();
  for (const e of entries) if (!facts.has(e.key)) facts.set(e.key, e);
  const kind = stringOf(facts.get('kind'));
  const type = stringOf(facts.get('type'));
  const secretExists = facts.get('secretExists')?.value === 'true';
  const isSecret = kind === 'Secret' || (kind === undefined && type !== undefined) || secretExists;

  for (const e of dataEntries) {
    if (!e.isString) continue;
    if (DOCKER_CONFIG_KEYS.has(e.key)) apply(e, redactDockerConfigValue(e.value, ctx.counts));
    else if (isSecret) apply(e, secretMarker(e.value, dataKind(e.key), ctx.counts, e.base64 ? decodedText(e.value) : undefined));
    else apply(e, redactFreeValue(e.value, ctx));
  }

  for (const e of entries) {
    if (!e.isString) continue;
    if (e.key === 'value') {
      const name = stringOf(facts.get('name'));
      const envKind = name !== undefined ? (credentialKind(name) ?? (name.toLowerCase() === 'secret' ? 'SECRET' : undefined)) : undefined;
      if (secretExists) {
        // troubleshoot secret collector: {name, key, value} with the Secret's value
        const key = stringOf(facts.get('key'));
        apply(e, key && DOCKER_CONFIG_KEYS.has(key) ? redactDockerConfigValue(e.value, ctx.counts) : secretMarker(e.value, 'SECRET', ctx.counts));
      } else if (envKind && envKind !== 'AUTH') {
        apply(e, secretMarker(e.value, envKind, ctx.counts));
      } else {
        apply(e, redactFreeValue(e.value, ctx));
      }
      continue;
    }
    if (DOCKER_CONFIG_KEYS.has(e.key)) {
      apply(e, redactDockerConfigValue(e.value, ctx.counts));
      continue;
    }
    const k = credentialKind(e.key);
    if (k === 'AUTH') apply(e, redactAuth(e.value, ctx.counts));
    else if (k) apply(e, secretMarker(e.value, k, ctx.counts));
    else apply(e, redactFreeValue(e.value, ctx));
  }
}

function stringOf(e: MapEntry | undefined): string | undefined {
  return e && e.isString ? e.value : undefined;
}

function apply(e: MapEntry, value: string): void {
  if (value !== e.value) e.replace(value);
}

/** `fpOf`: what to fingerprint when not `v` itself (the decoded value of base64 data, so it matches the same value in an env var). */
function secretMarker(v: string, kind: RedactionKind, counts: KindCounts, fpOf?: string): string {
  if (isNothingToHide(v)) return v;
  addCount(counts, kind);
  return marker(kind, fpOf ?? v);
}

/** `db-password` → PASSWORD, `api-token` → TOKEN, anything else in a Secret → SECRET. */
function dataKind(key: string): RedactionKind {
  const k = credentialKind(key);
  return k && k !== 'AUTH' ? k : 'SECRET';
}

function decodedText(v: string): string | undefined {
  const bytes = decodeBase64(v);
  if (!bytes) return undefined;
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? undefined : text;
}

/** Any other string: an embedded JSON document (last-applied-configuration) or free text. */
export function redactFreeValue(v: string, ctx: MapContext): string {
  if (v.length < 5) return v;
  if (ctx.depth < MAX_EMBEDDED_DEPTH && v.length <= MAX_EMBEDDED_CHARS && looksLikeJsonObject(v)) {
    const out = redactJson(v, ctx.counts, ctx.depth + 1);
    if (out !== undefined) return out;
  }
  return redactText(v, ctx.counts);
}

function looksLikeJsonObject(v: string): boolean {
  let a = 0;
  while (a < v.length && v.charCodeAt(a) <= 0x20) a++;
  let b = v.length - 1;
  while (b > a && v.charCodeAt(b) <= 0x20) b--;
  return v[a] === '{' && v[b] === '}';
}
