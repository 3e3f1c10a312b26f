import type { BundleMetaRecord, ImagePlatform, ImagePlatformsRecord, ResolvConfRecord, TagsListRecord } from '../records.js';
import type { LocatedDocument } from './located.js';
import { arr, get, isObj, obj, str, type Obj } from './values.js';

/**
 * Small non-Kubernetes JSON/YAML artifacts a support engineer attaches or a
 * collector writes: registry tags/list, image inspect output, manifest lists,
 * troubleshoot dns/debug.json, version files.
 */

const MAX_LIST = 100_000;

/** Registry `GET /v2/<name>/tags/list`: `{"name": "acme/api", "tags": [...]}` (tags may be null). */
export function isTagsList(v: unknown): v is Obj {
  return isObj(v) && typeof v.name === 'string' && (Array.isArray(v.tags) || v.tags === null) && Object.keys(v).length <= 4;
}

export function tagsListRecord(doc: LocatedDocument, file: string): TagsListRecord {
  const o = doc.root.value as Obj;
  const tags = arr(o.tags).slice(0, MAX_LIST).filter((t): t is string => typeof t === 'string');
  return { kind: 'tags-list', repository: o.name as string, tags, source: { file, line: doc.root.line } };
}

/** `docker image inspect` / `docker inspect <image>`: an array of objects with Architecture and Os. */
export function isDockerImageInspect(v: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  const first = obj(v[0]);
  return !!first && typeof first.Architecture === 'string' && typeof first.Os === 'string';
}

/** `crictl inspecti`: `{"status": {"repoTags": [...]}, "info": {"imageSpec": {"architecture", "os"}}}`. */
export function isCrictlInspect(v: unknown): boolean {
  return isObj(v) && isObj(v.status) && (Array.isArray(get(v, 'status', 'repoTags')) || Array.isArray(get(v, 'status', 'repoDigests'))) && isObj(get(v, 'info', 'imageSpec'));
}

export function inspectRecords(doc: LocatedDocument, file: string): ImagePlatformsRecord[] {
  const v = doc.root.value;
  if (Array.isArray(v)) {
    const items = doc.items ?? [];
    const out: ImagePlatformsRecord[] = [];
    items.slice(0, MAX_LIST).forEach((it) => {
      const o = obj(it.value);
      const architecture = str(o?.Architecture);
      const os = str(o?.Os);
      if (!o || !architecture || !os) return;
      const images = [...strings(o.RepoTags), ...strings(o.RepoDigests)];
      out.push({ kind: 'image-platforms', from: 'inspect', images, platforms: [{ os, architecture, variant: str(o.Variant) }], source: { file, line: it.line } });
    });
    return out;
  }
  const o = v as Obj;
  const spec = obj(get(o, 'info', 'imageSpec'));
  const architecture = str(spec?.architecture);
  const os = str(spec?.os);
  const images = [...strings(get(o, 'status', 'repoTags')), ...strings(get(o, 'status', 'repoDigests'))];
  const platforms: ImagePlatform[] = architecture && os ? [{ os, architecture, variant: str(spec?.variant) }] : [];
  return [{ kind: 'image-platforms', from: 'inspect', images, platforms, source: { file, line: doc.root.line } }];
}

const LIST_TYPES = new Set(['application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.index.v1+json']);

/** A manifest list / OCI image index (mediaType, or an untyped index whose manifests carry platforms). */
export function isManifestList(v: unknown): boolean {
  if (!isObj(v) || !Array.isArray(v.manifests)) return false;
  if (typeof v.mediaType === 'string') return LIST_TYPES.has(v.mediaType);
  return v.schemaVersion === 2 && v.manifests.some((m) => isObj(obj(m)?.platform));
}

export function manifestListRecord(doc: LocatedDocument, file: string): ImagePlatformsRecord {
  const platforms: ImagePlatform[] = [];
  for (const m of arr((doc.root.value as Obj).manifests).slice(0, MAX_LIST)) {
    const p = obj(obj(m)?.platform);
    const os = str(p?.os);
    const architecture = str(p?.architecture);
    // buildx attestation manifests are listed as unknown/unknown: not a platform
    if (!os || !architecture || (os === 'unknown' && architecture === 'unknown')) continue;
    platforms.push({ os, architecture, variant: str(p?.variant) });
  }
  return { kind: 'image-platforms', from: 'manifest-list', images: [], platforms, source: { file, line: doc.root.line } };
}

/** troubleshoot `dns/debug.json`: the pod's resolv.conf is one JSON string, so every line of it cites the field's line. */
export function isDnsDebug(v: unknown): boolean {
  return isObj(v) && typeof v.podResolvConf === 'string';
}

export function dnsDebugRecord(doc: LocatedDocument, file: string): ResolvConfRecord {
  const text = (doc.root.value as Obj).podResolvConf as string;
  const line = doc.root.lineOf(['podResolvConf']) ?? doc.root.line;
  return resolvConfFromText(text, { file, line }, 'pod');
}

/** Just enough of resolv.conf for the embedded pod copy; host files are the text parsers' job. */
export function resolvConfFromText(text: string, source: { file: string; line?: number }, scope: 'node' | 'pod'): ResolvConfRecord {
  const rec: ResolvConfRecord = { kind: 'resolv-conf', scope, nameservers: [], search: [], options: [], source };
  const lines = text.split('\n');
  for (const raw of lines.slice(0, 1000)) {
    const words = raw.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length < 2 || words[0].startsWith('#') || words[0].startsWith(';')) continue;
    const [key, ...rest] = words;
    if (key === 'nameserver') rec.nameservers.push({ address: rest[0], source });
    else if (key === 'search' || key === 'domain') rec.search = rest.slice(0, 32);
    else if (key === 'options') rec.options.push(...rest.slice(0, 32));
  }
  return rec;
}

/** troubleshoot `version.yaml` (kind SupportBundle) or `cluster-info/cluster_version.json`. */
export function isBundleMeta(v: unknown): boolean {
  if (!isObj(v)) return false;
  if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('troubleshoot.') && v.kind === 'SupportBundle' && isObj(v.spec) && 'versionNumber' in v.spec) return true;
  return isObj(v.info) && typeof get(v, 'info', 'gitVersion') === 'string';
}

export function bundleMetaRecord(doc: LocatedDocument, file: string): BundleMetaRecord {
  const v = doc.root.value as Obj;
  const source = { file, line: doc.root.line };
  if (isObj(v.info)) return { kind: 'bundle-meta', clusterVersion: str(v.string) ?? str(get(v, 'info', 'gitVersion')), source };
  const version = str(get(v, 'spec', 'versionNumber'));
  return { kind: 'bundle-meta', collector: version ? `troubleshoot ${version}` : 'troubleshoot', source };
}

/**
 * must-gather `timestamp`: `2024-05-02 08:29:07.253463298 +0000 UTC m=+0.093446573`
 * (start, then end). The first line's date and time become collectedAt.
 */
export function mustGatherTimestamp(text: string, file: string): BundleMetaRecord | undefined {
  const first = text.slice(0, 200).split('\n')[0].trim();
  const parts = first.split(' ');
  const date = parts[0] ?? '';
  const time = (parts[1] ?? '').split('.')[0];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}:\d{2}$/.test(time)) return undefined;
  const utc = parts[2] === '+0000' || parts[3] === 'UTC';
  return { kind: 'bundle-meta', collectedAt: `${date}T${time}${utc ? 'Z' : ''}`, collector: 'must-gather', source: { file, line: 1 } };
}

function strings(v: unknown): string[] {
  return arr(v).filter((s): s is string => typeof s === 'string' && s !== '').slice(0, 1000);
}
