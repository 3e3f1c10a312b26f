import type { Warning } from '../../common/source.js';
import type { ArtifactParser } from '../parser.js';
import type { ArtifactKind, ParseContext, ParsedRecord, ParseResult } from '../records.js';
import {
  bundleMetaRecord,
  dnsDebugRecord,
  inspectRecords,
  isBundleMeta,
  isCrictlInspect,
  isDnsDebug,
  isDockerImageInspect,
  isManifestList,
  isTagsList,
  manifestListRecord,
  mustGatherTimestamp,
  tagsListRecord,
} from './artifacts.js';
import { dockerConfigFromValue, registryUsernames } from './dockerconfig.js';
import { parseJsonDocument } from './json-doc.js';
import { isK8sDocument, k8sRecords } from './k8s.js';
import type { LocatedDocument } from './located.js';
import { troubleshootSecretRecord } from './secret.js';
import { isObj, obj, type Obj } from './values.js';
import { parseYamlDocuments } from './yaml-doc.js';

/**
 * JSON and YAML artifacts: parse once, then decide what the document is from
 * the path's kind when given, else from its shape. Undefined when the text is
 * neither JSON/YAML nor a shape we know (the caller lists it as unrecognized).
 */
export function parseStructured(text: string, ctx: ParseContext): ParseResult | undefined {
  const warnings: Warning[] = [];
  const format = formatOf(text, ctx.kind);
  if (ctx.kind === 'bundle-meta' && format === undefined) {
    const rec = mustGatherTimestamp(text, ctx.file);
    return rec ? { kind: 'bundle-meta', records: [rec], warnings } : undefined;
  }
  if (format === 'json') {
    const doc = parseJsonDocument(text, ctx.file, warnings);
    if (!doc) return { kind: ctx.kind ?? 'k8s-objects', records: [], warnings };
    return classify([doc], ctx, 'json', warnings);
  }
  if (format === 'yaml') {
    const docs = parseYamlDocuments(text, ctx.file, warnings);
    if (docs.length === 0) return ctx.kind || warnings.length > 0 ? { kind: ctx.kind ?? 'k8s-objects', records: [], warnings } : undefined;
    return classify(docs, ctx, 'yaml', warnings);
  }
  return undefined;
}

function classify(docs: LocatedDocument[], ctx: ParseContext, origin: 'json' | 'yaml', warnings: Warning[]): ParseResult | undefined {
  const first = docs[0];
  const v = first.root.value;
  const file = ctx.file;
  const one = (kind: ArtifactKind, records: ParsedRecord[]): ParseResult => ({ kind, records, warnings });

  if (ctx.kind === 'troubleshoot-pull-secret') {
    if (!isObj(v)) return one(ctx.kind, []);
    const dockerConfig = registryUsernames(v, { file, line: first.root.line }, (k) => first.root.lineOf([k]));
    return one(ctx.kind, [{ kind: 'secret', origin, namespace: ctx.namespace, name: baseName(file), type: 'kubernetes.io/dockerconfigjson', dockerConfig, source: { file, line: first.root.line } }]);
  }
  if (isObj(v) && typeof v.secretExists === 'boolean' && typeof v.name === 'string') {
    const rec = troubleshootSecretRecord(v, file, first.root.line);
    return one(ctx.kind ?? 'secrets', rec ? [rec] : []);
  }
  if (isDockerConfig(v, ctx.kind)) {
    const o = v as Obj;
    const format = isObj(o.auths) || o.credsStore !== undefined || o.credHelpers !== undefined ? 'dockerconfigjson' : 'dockercfg';
    const entryLine = (k: string) => first.root.lineOf(format === 'dockerconfigjson' ? ['auths', k] : [k]);
    const dockerConfig = dockerConfigFromValue(o, format, { file, line: first.root.line }, entryLine);
    return one('dockerconfig', [{ kind: 'secret', origin, dockerConfig, source: { file, line: first.root.line } }]);
  }
  if (docs.some((d) => isK8sDocument(d.root.value))) {
    const records: ParsedRecord[] = [];
    const kinds = new Set<ArtifactKind>();
    for (const d of docs) {
      if (!isK8sDocument(d.root.value)) continue;
      const r = k8sRecords(d, { file, origin, namespace: ctx.namespace, kind: ctx.kind, shareStrings: ctx.shareStrings });
      kinds.add(r.kind);
      for (const rec of r.records) records.push(rec);
    }
    const kind = kinds.size === 1 ? [...kinds][0] : 'k8s-objects';
    // a List of something we do not read (deployments, CRDs): not ours unless the path said so
    if (records.length === 0 && kind === 'k8s-objects' && !ctx.kind) return undefined;
    return one(kind, records);
  }
  if (isDnsDebug(v)) return one('dns-debug', [dnsDebugRecord(first, file)]);
  if (isBundleMeta(v)) return one('bundle-meta', [bundleMetaRecord(first, file)]);
  if (isTagsList(v)) return one('tags-list', [tagsListRecord(first, file)]);
  if (isDockerImageInspect(v) || isCrictlInspect(v)) return one('image-inspect', inspectRecords(first, file));
  if (isManifestList(v)) return one('manifest-list', [manifestListRecord(first, file)]);
  return ctx.kind ? one(ctx.kind, []) : undefined;
}

/** config.json / .dockerconfigjson (`auths`, maybe credsStore/credHelpers), or a legacy .dockercfg map when the path says so or every value is an auth entry. */
function isDockerConfig(v: unknown, kind: ArtifactKind | undefined): boolean {
  if (!isObj(v)) return false;
  if (isObj(v.auths)) return true;
  if (typeof v.apiVersion === 'string' || typeof v.kind === 'string') return false;
  if (kind === 'dockerconfig') return true;
  const keys = Object.keys(v);
  if (keys.length === 0) return false;
  if ((typeof v.credsStore === 'string' || isObj(v.credHelpers)) && keys.every((k) => DOCKER_CLI_KEYS.has(k))) return true;
  return keys.every((k) => {
    const e = obj(v[k]);
    return !!e && (typeof e.auth === 'string' || typeof e.username === 'string' || typeof e.identitytoken === 'string') && k.length < 256;
  });
}

const DOCKER_CLI_KEYS = new Set(['auths', 'credsStore', 'credHelpers', 'HttpHeaders', 'psFormat', 'imagesFormat', 'detachKeys', 'currentContext', 'proxies', 'experimental', 'stackOrchestrator', 'plugins', 'aliases', 'features']);

function baseName(file: string): string | undefined {
  const b = file.slice(file.lastIndexOf('/') + 1);
  const dot = b.lastIndexOf('.');
  const name = dot > 0 ? b.slice(0, dot) : b;
  return name || undefined;
}

/** 'json' when the first significant character opens an object or array; 'yaml' when it looks like a YAML document; else undefined. */
function formatOf(text: string, kind: ArtifactKind | undefined): 'json' | 'yaml' | undefined {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  const c = text.charCodeAt(i);
  if (c === 0x7b || c === 0x5b) return 'json';
  if (kind === 'bundle-meta') return text.startsWith('apiVersion:', i) || text.startsWith('---', i) ? 'yaml' : undefined;
  if (kind && STRUCTURED_KINDS.has(kind)) return 'yaml';
  return looksLikeYamlObject(text.slice(i, i + 4096)) ? 'yaml' : undefined;
}

const STRUCTURED_KINDS: ReadonlySet<ArtifactKind> = new Set<ArtifactKind>([
  'pods',
  'events',
  'nodes',
  'serviceaccounts',
  'secrets',
  'k8s-objects',
  'dockerconfig',
  'troubleshoot-pull-secret',
  'dns-debug',
  'tags-list',
  'image-inspect',
  'manifest-list',
]);

/**
 * A YAML Kubernetes object or docker config: a top-level `apiVersion:` with
 * `kind:` or `items:` (kubectl sorts keys, so a List's `kind:` comes last), or `auths:`.
 */
export function looksLikeYamlObject(head: string): boolean {
  let apiVersion = false;
  let kindOrItems = false;
  let start = 0;
  while (start < head.length) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    if (head.startsWith('apiVersion:', start)) apiVersion = true;
    else if (head.startsWith('kind:', start) || head.startsWith('items:', start)) kindOrItems = true;
    else if (head.startsWith('auths:', start)) return true;
    if (apiVersion && kindOrItems) return true;
    start = end + 1;
  }
  return false;
}

/** Text that is neither JSON nor a YAML object: a text parser should have it even when the path named a structured kind. */
export function looksStructured(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  return head.startsWith('{') || head.startsWith('[') || looksLikeYamlObject(head);
}

// ---- one ArtifactParser per structured kind (for allParsers / inventory) ----

/** `"kind": "X"` values in a JSON head and `kind: X` lines in a YAML head (first 32). */
export function kindsInHead(head: string): Set<string> {
  const out = new Set<string>();
  let from = 0;
  for (let n = 0; n < 32; n++) {
    const at = head.indexOf('kind', from);
    if (at < 0) break;
    from = at + 4;
    let i = at + 4;
    if (head.charCodeAt(at - 1) === 0x22) {
      if (head.charCodeAt(i) !== 0x22) continue;
      i++;
    } else if (!(at === 0 || head.charCodeAt(at - 1) === 0x0a || head.charCodeAt(at - 1) === 0x20)) continue;
    while (head.charCodeAt(i) === 0x20) i++;
    if (head.charCodeAt(i) !== 0x3a) continue;
    i++;
    while (head.charCodeAt(i) === 0x20) i++;
    const quoted = head.charCodeAt(i) === 0x22 || head.charCodeAt(i) === 0x27;
    if (quoted) i++;
    let j = i;
    while (j < head.length && j - i < 64) {
      const c = head.charCodeAt(j);
      const word = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
      if (!word) break;
      j++;
    }
    if (j > i) out.add(head.slice(i, j));
  }
  return out;
}

function kindSniff(kinds: string[], keys: string[]): (head: string) => boolean {
  return (head) => {
    const found = kindsInHead(head);
    if (kinds.some((k) => found.has(k))) return true;
    return keys.some((k) => head.includes(k));
  };
}

function structuredParser(kind: ArtifactKind, sniff: (head: string) => boolean): ArtifactParser {
  return {
    kind,
    sniff,
    parse(text, ctx) {
      return parseStructured(text, { ...ctx, kind: ctx.kind ?? kind }) ?? { kind, records: [], warnings: [] };
    },
  };
}

export const structuredParsers: ArtifactParser[] = [
  structuredParser('pods', kindSniff(['Pod', 'PodList'], ['"containers"'])),
  structuredParser('events', kindSniff(['Event', 'EventList'], ['"involvedObject"'])),
  structuredParser('nodes', kindSniff(['Node', 'NodeList'], ['"nodeInfo"'])),
  structuredParser('serviceaccounts', kindSniff(['ServiceAccount', 'ServiceAccountList'], [])),
  structuredParser('secrets', kindSniff(['Secret', 'SecretList'], ['"secretExists"'])),
  structuredParser('k8s-objects', kindSniff(['List'], [])),
  structuredParser('dockerconfig', (h) => h.includes('"auths"') || h.startsWith('auths:') || h.includes('"credsStore"') || h.includes('"credHelpers"')),
  structuredParser('troubleshoot-pull-secret', () => false),
  structuredParser('dns-debug', (h) => h.includes('"podResolvConf"')),
  structuredParser('tags-list', (h) => h.includes('"tags"') && h.includes('"name"')),
  structuredParser('image-inspect', (h) => (h.includes('"Architecture"') && h.includes('"Os"')) || h.includes('"imageSpec"') || h.includes('"repoTags"')),
  structuredParser('manifest-list', (h) => h.includes('"manifests"')),
  structuredParser('bundle-meta', (h) => h.includes('"gitVersion"') || (h.includes('troubleshoot.sh/') && h.includes('SupportBundle'))),
];
