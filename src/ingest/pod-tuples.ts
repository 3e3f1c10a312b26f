/**
 * Pod records as arrays, for the trip from a parse worker to the main thread.
 * Structured clone writes every key of every object and the main thread
 * rebuilds each object key by key; as arrays the same pods travel in two
 * thirds of the bytes, and the main thread rebuilds them from object
 * literals in half the time (the reading thread is the one that limits a big
 * bundle's read). Records that do not have exactly the shape the structured
 * pod parser gives (another parser's, or anything unexpected) are left out
 * and travel as objects, so the round trip is always exact.
 */
import type { ContainerRecord, ContainerStateRecord, PodRecord, RecordOrigin } from '../parsers/records.js';

type StateTuple = [
  waiting: [reason: string | undefined, message: string | undefined] | 0,
  running: [startedAt: string | undefined] | 0,
  terminated: [reason: string | undefined, message: string | undefined, exitCode: number | undefined] | 0,
];

type ContainerTuple = [
  name: string,
  init: boolean,
  image: string,
  imagePullPolicy: string | undefined,
  state: StateTuple | undefined,
  lastState: StateTuple | undefined,
  ready: boolean | undefined,
  restartCount: number | undefined,
  imageID: string | undefined,
  file: string,
  line: number | undefined,
  stateSource: [file: string, line: number | undefined] | undefined,
];

export type PodTuple = [
  origin: RecordOrigin,
  namespace: string,
  name: string,
  uid: string | undefined,
  nodeName: string | undefined,
  phase: string | undefined,
  reason: string | undefined,
  serviceAccountName: string | undefined,
  imagePullSecrets: string[] | undefined,
  containers: ContainerTuple[],
  owner: [kind: string, name: string] | undefined,
  labels: Record<string, string> | undefined,
  creationTimestamp: string | undefined,
  file: string,
  line: number | undefined,
];

/** Separates the pods that fit the tuples from every other record; order within each part is kept. */
export function toPodTuples<T extends { kind: string }>(records: readonly T[]): { pods?: PodTuple[]; rest: T[] } {
  const rest: T[] = [];
  const pods: PodTuple[] = [];
  for (const r of records) {
    if (r.kind === 'pod' && fitsPod(r as unknown as PodRecord)) pods.push(podTuple(r as unknown as PodRecord));
    else rest.push(r);
  }
  return pods.length ? { pods, rest } : { rest };
}

export function fromPodTuples(tuples: readonly PodTuple[]): PodRecord[] {
  const out: PodRecord[] = new Array(tuples.length);
  for (let i = 0; i < tuples.length; i++) {
    const t = tuples[i];
    // key order as the structured pod parser builds them
    out[i] = {
      kind: 'pod',
      origin: t[0],
      namespace: t[1],
      name: t[2],
      uid: t[3],
      nodeName: t[4],
      phase: t[5],
      reason: t[6],
      serviceAccountName: t[7],
      imagePullSecrets: t[8],
      containers: t[9].map(fromContainerTuple),
      owner: t[10] === undefined ? undefined : { kind: t[10][0], name: t[10][1] },
      labels: t[11],
      creationTimestamp: t[12],
      source: { file: t[13], line: t[14] },
    };
  }
  return out;
}

function podTuple(r: PodRecord): PodTuple {
  return [
    r.origin,
    r.namespace,
    r.name,
    r.uid,
    r.nodeName,
    r.phase,
    r.reason,
    r.serviceAccountName,
    r.imagePullSecrets,
    r.containers.map(containerTuple),
    r.owner === undefined ? undefined : [r.owner.kind, r.owner.name],
    r.labels,
    r.creationTimestamp,
    r.source.file,
    r.source.line,
  ];
}

function containerTuple(c: ContainerRecord): ContainerTuple {
  return [
    c.name,
    c.init,
    c.image,
    c.imagePullPolicy,
    stateTuple(c.state),
    stateTuple(c.lastState),
    c.ready,
    c.restartCount,
    c.imageID,
    c.source.file,
    c.source.line,
    c.stateSource === undefined ? undefined : [c.stateSource.file, c.stateSource.line],
  ];
}

function fromContainerTuple(t: ContainerTuple): ContainerRecord {
  const c: ContainerRecord = {
    name: t[0],
    init: t[1],
    image: t[2],
    imagePullPolicy: t[3],
    state: fromStateTuple(t[4]),
    lastState: fromStateTuple(t[5]),
    ready: t[6],
    restartCount: t[7],
    imageID: t[8],
    source: { file: t[9], line: t[10] },
  };
  if (t[11] !== undefined) c.stateSource = { file: t[11][0], line: t[11][1] };
  return c;
}

function stateTuple(s: ContainerStateRecord | undefined): StateTuple | undefined {
  if (s === undefined) return undefined;
  return [
    s.waiting ? [s.waiting.reason, s.waiting.message] : 0,
    s.running ? [s.running.startedAt] : 0,
    s.terminated ? [s.terminated.reason, s.terminated.message, s.terminated.exitCode] : 0,
  ];
}

function fromStateTuple(t: StateTuple | undefined): ContainerStateRecord | undefined {
  if (t === undefined) return undefined;
  const s: ContainerStateRecord = {};
  if (t[0] !== 0) s.waiting = { reason: t[0][0], message: t[0][1] };
  if (t[1] !== 0) s.running = { startedAt: t[1][0] };
  if (t[2] !== 0) s.terminated = { reason: t[2][0], message: t[2][1], exitCode: t[2][2] };
  return s;
}

const POD_KEYS = ['kind', 'origin', 'namespace', 'name', 'uid', 'nodeName', 'phase', 'reason', 'serviceAccountName', 'imagePullSecrets', 'containers', 'owner', 'labels', 'creationTimestamp', 'source'];
const CONTAINER_KEYS = ['name', 'init', 'image', 'imagePullPolicy', 'state', 'lastState', 'ready', 'restartCount', 'imageID', 'source', 'stateSource'];
const STATE_KEYS = ['waiting', 'running', 'terminated'];

/** An object literal's kind of object: structured clone gives back exactly this. */
function isPlainObject(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && !Array.isArray(o) && Object.getPrototypeOf(o) === Object.prototype;
}

/** Exactly these own keys, in this order (the last `optional` of them may be absent), on a plain object. */
function hasKeys(o: unknown, keys: readonly string[], optional = 0): o is Record<string, unknown> {
  if (!isPlainObject(o)) return false;
  let i = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k) || k !== keys[i]) return false;
    i++;
  }
  return i <= keys.length && i >= keys.length - optional;
}

/** Only some of `keys`, in their order, on a plain object. */
function hasSomeKeys(o: unknown, keys: readonly string[]): o is Record<string, unknown> {
  if (!isPlainObject(o)) return false;
  let i = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    while (i < keys.length && keys[i] !== k) i++;
    if (i === keys.length) return false;
    i++;
  }
  return true;
}

const optString = (v: unknown) => v === undefined || typeof v === 'string';
const optNumber = (v: unknown) => v === undefined || typeof v === 'number';

function fitsSource(s: unknown): boolean {
  return hasKeys(s, ['file', 'line']) && typeof s.file === 'string' && optNumber(s.line);
}

function fitsState(s: unknown): boolean {
  if (s === undefined) return true;
  if (!hasSomeKeys(s, STATE_KEYS)) return false;
  const { waiting: w, running: r, terminated: t } = s;
  if (w !== undefined && !(hasKeys(w, ['reason', 'message']) && optString(w.reason) && optString(w.message))) return false;
  if (r !== undefined && !(hasKeys(r, ['startedAt']) && optString(r.startedAt))) return false;
  if (t !== undefined && !(hasKeys(t, ['reason', 'message', 'exitCode']) && optString(t.reason) && optString(t.message) && optNumber(t.exitCode))) return false;
  // a key present with undefined would come back absent
  return !('waiting' in s && w === undefined) && !('running' in s && r === undefined) && !('terminated' in s && t === undefined);
}

function fitsContainer(c: unknown): boolean {
  if (!hasKeys(c, CONTAINER_KEYS, 1)) return false;
  if (typeof c.name !== 'string' || typeof c.init !== 'boolean' || typeof c.image !== 'string' || !optString(c.imagePullPolicy)) return false;
  if (!fitsState(c.state) || !fitsState(c.lastState)) return false;
  if (!(c.ready === undefined || typeof c.ready === 'boolean') || !optNumber(c.restartCount) || !optString(c.imageID)) return false;
  if (!fitsSource(c.source)) return false;
  return !('stateSource' in c) || fitsSource(c.stateSource);
}

/** Exactly the shape the tuples hold. */
function fitsPod(r: PodRecord): boolean {
  if (!hasKeys(r, POD_KEYS)) return false;
  if (typeof r.origin !== 'string' || typeof r.namespace !== 'string' || typeof r.name !== 'string') return false;
  if (!optString(r.uid) || !optString(r.nodeName) || !optString(r.phase) || !optString(r.reason) || !optString(r.serviceAccountName) || !optString(r.creationTimestamp)) return false;
  const secrets: unknown = r.imagePullSecrets;
  if (secrets !== undefined && !(Array.isArray(secrets) && secrets.every((s) => typeof s === 'string'))) return false;
  if (!Array.isArray(r.containers) || !r.containers.every(fitsContainer)) return false;
  const owner: unknown = r.owner;
  if (owner !== undefined && !(hasKeys(owner, ['kind', 'name']) && typeof owner.kind === 'string' && typeof owner.name === 'string')) return false;
  const labels: unknown = r.labels;
  if (labels !== undefined) {
    if (!isPlainObject(labels)) return false;
    for (const k in labels) if (!Object.hasOwn(labels, k) || typeof labels[k] !== 'string') return false;
  }
  return fitsSource(r.source);
}
