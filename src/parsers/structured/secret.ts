import type { DockerConfigRecord, SecretRecord, ServiceAccountRecord } from '../records.js';
import { decodeSecretValue, dockerConfigFromText, type DockerConfigFormat } from './dockerconfig.js';
import type { Located } from './located.js';
import { bool, obj, refNames, str, type Obj } from './values.js';

const DOCKER_KEYS: [string, DockerConfigFormat][] = [
  ['.dockerconfigjson', 'dockerconfigjson'],
  ['.dockercfg', 'dockercfg'],
];
const PULL_TYPES: Record<string, string> = {
  'kubernetes.io/dockerconfigjson': '.dockerconfigjson',
  'kubernetes.io/dockercfg': '.dockercfg',
};

/** must-gather's elideSecret writes `"<N> bytes long"` in place of every value. */
function isElided(v: unknown): boolean {
  if (typeof v !== 'string' || !v.endsWith(' bytes long')) return false;
  const n = v.slice(0, -' bytes long'.length);
  if (n.length === 0 || n.length > 12) return false;
  for (let i = 0; i < n.length; i++) if (n.charCodeAt(i) < 0x30 || n.charCodeAt(i) > 0x39) return false;
  return true;
}

/**
 * A Secret object → SecretRecord. Only dockerconfig keys are decoded, and
 * only into presence/username/fingerprint; other data is not looked at.
 */
export function secretRecord(item: Located, file: string, origin: 'json' | 'yaml', defaultNamespace: string | undefined): SecretRecord | undefined {
  const o = obj(item.value);
  const meta = obj(o?.metadata);
  const name = str(meta?.name);
  if (!o || !name) return undefined;
  const type = str(o.type);
  const data = obj(o.data) ?? {};
  const stringData = obj(o.stringData) ?? {};
  const rec: SecretRecord = {
    kind: 'secret',
    origin,
    namespace: str(meta?.namespace) ?? defaultNamespace,
    name,
    type,
    source: { file, line: item.line },
  };
  const dataKeys = Object.keys(data);
  if (dataKeys.length > 0 && dataKeys.every((k) => isElided(data[k]))) rec.valuesElided = true;

  for (const [key, format] of DOCKER_KEYS) {
    const fromString = typeof stringData[key] === 'string' ? (stringData[key] as string) : undefined;
    const fromData = data[key];
    if (fromString === undefined && fromData === undefined) continue;
    const at = item.lineOf([fromString !== undefined ? 'stringData' : 'data', key]);
    const source = { file, line: at ?? item.line };
    if (fromString !== undefined) {
      rec.dockerConfig = dockerConfigFromText(fromString, format, source);
    } else if (isElided(fromData)) {
      rec.valuesElided = true;
    } else if (typeof fromData !== 'string') {
      rec.dockerConfig = { format, entries: [], problems: [`data.${key} is not a string`] };
    } else {
      const decoded = decodeSecretValue(fromData);
      rec.dockerConfig = decoded.text === undefined ? { format, entries: [], problems: [`data.${key}: ${decoded.problem}`] } : dockerConfigFromText(decoded.text, format, source);
    }
    break;
  }
  const expectedKey = type ? PULL_TYPES[type] : undefined;
  if (expectedKey && !rec.dockerConfig && !rec.valuesElided) {
    rec.dockerConfig = { format: type === 'kubernetes.io/dockercfg' ? 'dockercfg' : 'dockerconfigjson', entries: [], problems: [`a ${type} secret without a ${expectedKey} key`] };
  } else if (expectedKey && rec.dockerConfig && !(expectedKey in data) && !(expectedKey in stringData)) {
    rec.dockerConfig.problems.push(`a ${type} secret must hold its config under ${expectedKey}`);
  }
  return rec;
}

/**
 * troubleshoot's `secret` collector file (`secrets/<ns>/<name>.json`):
 * `{namespace, name, key, secretExists, keyExists, value?, data?}`. No type is
 * recorded; a dockerconfig key, when its value was included, is decoded.
 */
export function troubleshootSecretRecord(o: Obj, file: string, line: number | undefined): SecretRecord | undefined {
  const name = str(o.name);
  if (!name || bool(o.secretExists) !== true) return undefined;
  const rec: SecretRecord = { kind: 'secret', origin: 'json', namespace: str(o.namespace), name, source: { file, line } };
  const key = str(o.key);
  const data = obj(o.data) ?? (key && typeof o.value === 'string' ? { [key]: o.value } : {});
  for (const [k, format] of DOCKER_KEYS) {
    const v = data[k];
    if (typeof v !== 'string') continue;
    rec.dockerConfig = configFromEither(v, format, { file, line });
    break;
  }
  return rec;
}

/** The collector stores values as text or as base64 depending on version: try text JSON first. */
function configFromEither(v: string, format: DockerConfigFormat, source: { file: string; line?: number }): DockerConfigRecord {
  if (v.trimStart().startsWith('{')) return dockerConfigFromText(v, format, source);
  const decoded = decodeSecretValue(v);
  return decoded.text === undefined ? { format, entries: [], problems: [decoded.problem ?? 'undecodable'] } : dockerConfigFromText(decoded.text, format, source);
}

export function serviceAccountRecord(item: Located, file: string, origin: 'json' | 'yaml', defaultNamespace: string | undefined): ServiceAccountRecord | undefined {
  const o = obj(item.value);
  const meta = obj(o?.metadata);
  const name = str(meta?.name);
  if (!o || !name) return undefined;
  const namespace = str(meta?.namespace) ?? defaultNamespace;
  if (!namespace) return undefined;
  return { kind: 'serviceaccount', origin, namespace, name, imagePullSecrets: refNames(o.imagePullSecrets), source: { file, line: item.line } };
}
