/**
 * The records parsers produce. Pure data, each with the SourceRef it came from.
 * Parsers never keep a password, `auth` value or token: only presence,
 * username and a fingerprint (see common/secrets.ts).
 */
import type { SourceRef, Warning } from '../common/source.js';

/** How a record was obtained; used to deduplicate the same fact seen twice (describe text and JSON). */
export type RecordOrigin = 'json' | 'yaml' | 'describe' | 'table' | 'text';

export interface ContainerStateRecord {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number };
}

export interface ContainerRecord {
  name: string;
  /** true for spec.initContainers */
  init: boolean;
  /** the image exactly as written in the spec (or shown by describe / get) */
  image: string;
  imagePullPolicy?: string;
  state?: ContainerStateRecord;
  lastState?: ContainerStateRecord;
  ready?: boolean;
  restartCount?: number;
  imageID?: string;
  /** where the container is declared (spec line, or describe block line) */
  source: SourceRef;
  /** where its state (waiting reason / message) is written, when different */
  stateSource?: SourceRef;
}

export interface PodRecord {
  kind: 'pod';
  origin: RecordOrigin;
  namespace: string;
  name: string;
  uid?: string;
  nodeName?: string;
  phase?: string;
  /** pod-level status reason (Evicted, ...) */
  reason?: string;
  serviceAccountName?: string;
  /** undefined when the source cannot show it (describe text, get table) */
  imagePullSecrets?: string[];
  containers: ContainerRecord[];
  owner?: { kind: string; name: string };
  labels?: Record<string, string>;
  creationTimestamp?: string;
  /** `kubectl get pods` STATUS column, when that is all we have */
  displayStatus?: string;
  source: SourceRef;
}

export interface EventRecord {
  kind: 'event';
  origin: RecordOrigin;
  namespace?: string;
  involvedObject: { kind?: string; namespace?: string; name: string; uid?: string; fieldPath?: string };
  type?: string;
  reason: string;
  message: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  /** describe text gives ages, not timestamps: kept verbatim (e.g. "50s (x4 over 2m25s)") */
  age?: string;
  sourceComponent?: string;
  sourceHost?: string;
  source: SourceRef;
}

export interface NodeConditionRecord {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  source?: SourceRef;
}

export interface NodeRecord {
  kind: 'node';
  origin: RecordOrigin;
  name: string;
  labels: Record<string, string>;
  conditions: NodeConditionRecord[];
  taints: { key: string; value?: string; effect: string }[];
  architecture?: string;
  operatingSystem?: string;
  osImage?: string;
  kernelVersion?: string;
  /** e.g. containerd://1.7.13, cri-o://1.29.5, docker://20.10.24 */
  containerRuntimeVersion?: string;
  kubeletVersion?: string;
  addresses?: { type: string; address: string }[];
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
  source: SourceRef;
  /** line of the System Info block / nodeInfo, for evidence */
  infoSource?: SourceRef;
}

export interface ServiceAccountRecord {
  kind: 'serviceaccount';
  origin: RecordOrigin;
  namespace: string;
  name: string;
  imagePullSecrets: string[];
  source: SourceRef;
}

/** One registry entry of a dockerconfig (`auths` map key and what it holds). Never the secret values. */
export interface DockerAuthEntry {
  /** the key exactly as written, e.g. "https://index.docker.io/v1/" */
  key: string;
  username?: string;
  /** a non-empty password field is present */
  hasPassword: boolean;
  /** an `auth` field is present */
  hasAuth: boolean;
  /** `auth` decodes as base64 to "user:password" with both parts non-empty */
  authValid?: boolean;
  hasIdentityToken: boolean;
  hasRegistryToken: boolean;
  /** fingerprint of the effective password/token (common/secrets.ts) */
  fingerprint?: string;
  /** the key or username was replaced by a redaction marker (***HIDDEN***, ***REDACTED-...***) */
  redacted?: boolean;
  /** what is wrong with this entry (empty password, auth not user:pass, ...) */
  problems: string[];
  source: SourceRef;
}

export interface DockerConfigRecord {
  /** `auths` form (config.json / .dockerconfigjson) or legacy `.dockercfg` map */
  format: 'dockerconfigjson' | 'dockercfg' | 'registry-usernames';
  entries: DockerAuthEntry[];
  /** problems of the whole document (bad JSON, bad base64, no auths) */
  problems: string[];
}

/**
 * A Secret object (or a troubleshoot image-pull-secrets file, or a loose decoded
 * dockerconfig, which then has no namespace/name).
 */
export interface SecretRecord {
  kind: 'secret';
  origin: RecordOrigin;
  namespace?: string;
  name?: string;
  /** kubernetes.io/dockerconfigjson, kubernetes.io/dockercfg, Opaque, ... */
  type?: string;
  /** set for pull-secret types (and loose dockerconfigs) */
  dockerConfig?: DockerConfigRecord;
  /** values replaced by "<n> bytes long" (must-gather): only name and type are known */
  valuesElided?: boolean;
  source: SourceRef;
}

export interface ResolvConfRecord {
  kind: 'resolv-conf';
  /** node the file belongs to, when the layout says (host-collectors/<node>/...) */
  node?: string;
  /** 'node': the host's /etc/resolv.conf; 'pod': a pod's resolv.conf (dns/debug.json podResolvConf) */
  scope: 'node' | 'pod';
  nameservers: { address: string; source: SourceRef }[];
  search: string[];
  options: string[];
  source: SourceRef;
}

export interface DfRow {
  filesystem: string;
  type?: string;
  /** bytes (or inodes for the inodes variant) */
  size?: number;
  used?: number;
  available?: number;
  usePercent?: number;
  mountedOn: string;
  source: SourceRef;
}

export interface DfRecord {
  kind: 'df';
  node?: string;
  variant: 'bytes' | 'inodes';
  rows: DfRow[];
  source: SourceRef;
}

export interface JournalLine {
  text: string;
  time?: string;
  unit?: string;
  source: SourceRef;
}

export interface JournalRecord {
  kind: 'journal';
  node?: string;
  /** kubelet, containerd, crio, docker, or undefined when mixed */
  unit?: string;
  /** only the lines about image pulls are kept (a journal can be huge) */
  lines: JournalLine[];
  totalLines: number;
  source: SourceRef;
}

export interface TagsListRecord {
  kind: 'tags-list';
  /** `name` of the tags/list answer, e.g. "acme/api" */
  repository: string;
  tags: string[];
  source: SourceRef;
}

export interface ImagePlatform {
  os: string;
  architecture: string;
  variant?: string;
}

/** `docker inspect` / `crictl inspecti` output, or a manifest list / OCI index. */
export interface ImagePlatformsRecord {
  kind: 'image-platforms';
  from: 'inspect' | 'manifest-list';
  /** image names the document names (RepoTags, RepoDigests, crictl status.repoTags) */
  images: string[];
  platforms: ImagePlatform[];
  source: SourceRef;
}

/** Facts about the capture itself (troubleshoot version.yaml, cluster_version.json, ...). */
export interface BundleMetaRecord {
  kind: 'bundle-meta';
  collectedAt?: string;
  collector?: string;
  clusterVersion?: string;
  source: SourceRef;
}

export type ParsedRecord =
  | PodRecord
  | EventRecord
  | NodeRecord
  | ServiceAccountRecord
  | SecretRecord
  | ResolvConfRecord
  | DfRecord
  | JournalRecord
  | TagsListRecord
  | ImagePlatformsRecord
  | BundleMetaRecord;

/** The artifact kinds podmortem recognizes; shown by `inventory`. */
export type ArtifactKind =
  | 'pods'
  | 'events'
  | 'nodes'
  | 'serviceaccounts'
  | 'secrets'
  | 'k8s-objects'
  | 'dockerconfig'
  | 'troubleshoot-pull-secret'
  | 'describe-pod'
  | 'describe-node'
  | 'get-pods'
  | 'get-events'
  | 'resolv-conf'
  | 'dns-debug'
  | 'df'
  | 'journal'
  | 'tags-list'
  | 'image-inspect'
  | 'manifest-list'
  | 'bundle-meta';

export interface ParseResult {
  kind: ArtifactKind;
  records: ParsedRecord[];
  warnings: Warning[];
}

/** What the layout (path) tells a parser before it reads a byte. */
export interface ParseContext {
  /** path inside the bundle */
  file: string;
  /** node a host-collector file belongs to */
  node?: string;
  /** namespace a per-namespace file belongs to (cluster-resources/pods/<ns>.json) */
  namespace?: string;
  /** the kind the path implies; parsers may still sniff when absent */
  kind?: ArtifactKind;
  /**
   * false: do not make repeated strings share one copy. A parse worker sets
   * it: its records are copied to the main thread at once, which loses the
   * sharing anyway (and shares them again there).
   */
  shareStrings?: boolean;
}
