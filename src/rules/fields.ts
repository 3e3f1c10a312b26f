/**
 * Every field path a rule may read, per scope (documented in
 * docs/rule-language.md). Used at load time so a typo in a rule is an error
 * with a line number instead of a rule that silently never fires.
 * A `*` segment stands for any name (node condition type, label key).
 */
import type { RuleScope } from './types.js';

const EVENT = ['reason', 'type', 'message', 'count', 'component', 'age', 'lastTimestamp'];
const KEY = ['secret', 'key', 'host', 'path', 'username', 'hasPassword', 'hasAuth', 'authValid', 'hasIdentityToken', 'fingerprint', 'redacted', 'problems'];
const DF_ROW = ['mountedOn', 'filesystem', 'usePercent', 'available', 'size', 'used'];

function withFields(base: string, fields: string[]): string[] {
  return [base, ...fields.map((f) => `${base}.${f}`)];
}

const BUNDLE = ['bundle', 'bundle.layout', 'bundle.collectedAt', 'bundle.clusterVersion', 'bundle.capabilities'];
const MESSAGE = ['message', 'message.category', 'message.rule', 'message.specificity'];

const NODE = [
  ...withFields('node', ['name', 'architecture', 'os', 'osImage', 'kernelVersion', 'runtime', 'runtimeVersion', 'kubeletVersion', 'pullFailures']),
  'node.labels',
  'node.labels.*',
  ...withFields('node.taints', ['key', 'value', 'effect']),
  'node.conditions',
  'node.conditions.*',
  'node.condition',
  ...withFields('node.condition.*', ['status', 'reason', 'message']),
  ...withFields('node.events', EVENT),
  ...withFields('node.resolv', ['present', 'nameservers', 'search', 'options']),
  'node.df',
  'node.df.present',
  'node.df.imageStorePath',
  ...withFields('node.df.imageStore', DF_ROW),
  ...withFields('node.df.inodes', DF_ROW),
  ...withFields('node.df.rows', DF_ROW),
  ...withFields('node.journal', ['present', 'lines']),
];

const POD = [
  ...withFields('pod', ['name', 'namespace', 'phase', 'status', 'nodeName', 'serviceAccount', 'imagePullSecrets']),
  ...withFields('pod.events', EVENT),
  ...withFields('workload', ['kind', 'name']),
  'namespace',
];

const SECRETS = [
  'secrets',
  ...withFields('secrets.refs', ['name', 'via', 'status', 'type']),
  'secrets.found',
  'secrets.missing',
  'secrets.unknown',
  'secrets.elided',
  'secrets.problems',
  ...withFields('secrets.keys', KEY),
  ...withFields('secrets.matching', KEY),
  ...withFields('secrets.loose', KEY),
  ...withFields('secrets.looseMatching', KEY),
  'secret',
];

const IMAGE = [
  ...withFields('image', ['raw', 'registry', 'repository', 'tag', 'digest', 'canonical', 'familiar', 'error', 'implicitTag', 'implicitRegistry', 'valid']),
  'registry',
  'repository',
  'tag',
  'digest',
];

const PULL = withFields('pull', ['message', 'cause', 'code', 'flag', 'hasCause', 'from', 'attempts', 'lookupHost', 'dnsServer', 'dnsServerInResolv']);

const CONTAINER_FIELDS = [
  ...POD,
  ...IMAGE,
  ...PULL,
  ...NODE,
  ...SECRETS,
  ...MESSAGE,
  ...BUNDLE,
  ...withFields('events', EVENT),
  'container',
  'init',
  'imagePullPolicy',
  'status',
  'waiting',
  'waiting.reason',
  'waiting.message',
  'tags',
  'tagExists',
  'closestTag',
  ...withFields('platforms', ['os', 'architecture', 'variant']),
  'platformMatch',
];

const POD_FIELDS = [
  ...POD,
  ...NODE,
  ...SECRETS,
  ...MESSAGE,
  ...BUNDLE,
  ...withFields('events', EVENT),
  'status',
  'pullFailing',
  ...withFields('containers', ['name', 'init', 'image', 'registry', 'status', 'waiting', 'waiting.reason', 'pullFailing', 'pull', 'pull.cause', 'pull.message', 'pull.hasCause']),
];

const NODE_FIELDS = [...NODE, ...MESSAGE, ...BUNDLE, ...withFields('events', EVENT), 'pullFailures', 'pullFailures.images'];

const BUNDLE_FIELDS = [
  ...BUNDLE,
  ...withFields('counts', ['pods', 'containers', 'nodes', 'events', 'pullFailures']),
  ...withFields('orphanEvents', EVENT),
  ...withFields('pullFailures', ['registries', 'nodes', 'images']),
];

interface PathSet {
  exact: Set<string>;
  wild: string[][];
}

function pathSet(paths: string[]): PathSet {
  const exact = new Set<string>();
  const wild: string[][] = [];
  for (const p of paths) {
    if (p.includes('*')) wild.push(p.split('.'));
    else exact.add(p);
  }
  return { exact, wild };
}

const SETS: Record<RuleScope, PathSet> = {
  container: pathSet(CONTAINER_FIELDS),
  pod: pathSet(POD_FIELDS),
  node: pathSet(NODE_FIELDS),
  bundle: pathSet(BUNDLE_FIELDS),
};

export function isKnownField(scope: RuleScope, path: string): boolean {
  const set = SETS[scope];
  if (set.exact.has(path)) return true;
  const segs = path.split('.');
  return set.wild.some((w) => w.length === segs.length && w.every((s, i) => s === '*' || s === segs[i]));
}

/** For docs and tests: every documented path of a scope. */
export function knownFields(scope: RuleScope): string[] {
  const set = SETS[scope];
  return [...set.exact, ...set.wild.map((w) => w.join('.'))];
}
