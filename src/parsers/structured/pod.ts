import type { ContainerRecord, ContainerStateRecord, PodRecord } from '../records.js';
import type { FieldPath, Located } from './located.js';
import { arr, bool, get, message, noIntern, num, obj, refNames, str, strMap, type Interner, type Obj } from './values.js';

/**
 * A Pod object → PodRecord: spec containers (init first) side by side with
 * their statuses, matched by name. Field lines are looked up only for
 * containers that are waiting or were never started: the ones a rule cites.
 */
export function podRecord(item: Located, file: string, origin: 'json' | 'yaml', defaultNamespace: string | undefined, intern: Interner = noIntern): PodRecord | undefined {
  const o = obj(item.value);
  const meta = obj(o?.metadata);
  const name = str(meta?.name);
  if (!o || !name) return undefined;
  const spec = obj(o.spec) ?? {};
  const status = obj(o.status) ?? {};
  const source = { file, line: item.line };
  const containers: ContainerRecord[] = [
    ...containersOf(item, spec, status, 'initContainers', 'initContainerStatuses', true, file, intern),
    ...containersOf(item, spec, status, 'containers', 'containerStatuses', false, file, intern),
  ];
  const owner = obj(arr(meta?.ownerReferences)[0]);
  const ownerKind = str(owner?.kind);
  const ownerName = str(owner?.name);
  return {
    kind: 'pod',
    origin,
    namespace: intern(str(meta?.namespace) ?? defaultNamespace ?? 'default'),
    name,
    uid: str(meta?.uid),
    nodeName: intern(str(spec.nodeName)),
    phase: intern(str(status.phase)),
    reason: intern(str(status.reason)),
    serviceAccountName: intern(str(spec.serviceAccountName) ?? str(spec.serviceAccount)),
    imagePullSecrets: refNames(spec.imagePullSecrets, intern),
    containers,
    owner: ownerKind && ownerName ? { kind: intern(ownerKind), name: intern(ownerName) } : undefined,
    labels: strMap(meta?.labels, intern),
    creationTimestamp: str(meta?.creationTimestamp),
    source,
  };
}

function containersOf(
  item: Located,
  spec: Obj,
  status: Obj,
  specKey: 'containers' | 'initContainers',
  statusKey: 'containerStatuses' | 'initContainerStatuses',
  init: boolean,
  file: string,
  intern: Interner,
): ContainerRecord[] {
  const specs = arr(spec[specKey]);
  const statuses = arr(status[statusKey]);
  const statusIndex = new Map<string, number>();
  statuses.forEach((s, i) => {
    const n = str(obj(s)?.name);
    if (n && !statusIndex.has(n)) statusIndex.set(n, i);
  });
  const out: ContainerRecord[] = [];
  const seen = new Set<string>();
  specs.forEach((c, i) => {
    const co = obj(c);
    const name = str(co?.name);
    if (!co || !name) return;
    seen.add(name);
    const si = statusIndex.get(name);
    out.push(container(item, name, init, co, si === undefined ? undefined : obj(statuses[si]), ['spec', specKey, i], si === undefined ? undefined : ['status', statusKey, si], file, intern));
  });
  // a status without a spec entry (partial objects): still worth keeping
  statuses.forEach((s, si) => {
    const so = obj(s);
    const name = str(so?.name);
    if (!so || !name || seen.has(name)) return;
    out.push(container(item, name, init, undefined, so, undefined, ['status', statusKey, si], file, intern));
  });
  return out;
}

function container(
  item: Located,
  name: string,
  init: boolean,
  spec: Obj | undefined,
  status: Obj | undefined,
  specPath: FieldPath | undefined,
  statusPath: FieldPath | undefined,
  file: string,
  intern: Interner,
): ContainerRecord {
  const state = stateOf(status?.state, intern);
  const lastState = stateOf(status?.lastState, intern);
  const rec: ContainerRecord = {
    name: intern(name),
    init,
    image: intern(str(spec?.image) ?? str(status?.image) ?? ''),
    imagePullPolicy: intern(str(spec?.imagePullPolicy)),
    state,
    lastState,
    ready: bool(status?.ready),
    restartCount: num(status?.restartCount),
    imageID: str(status?.imageID),
    source: { file, line: item.line },
  };
  // only containers that are not running get exact lines: those are the ones findings cite
  if (state?.waiting || (!state && !status)) {
    const specLine = specPath ? item.lineOf(specPath) : undefined;
    if (specLine) rec.source = { file, line: specLine };
    if (state?.waiting && statusPath) {
      const w = state.waiting;
      const field = w.message !== undefined ? 'message' : w.reason !== undefined ? 'reason' : undefined;
      const line = item.lineOf(field ? [...statusPath, 'state', 'waiting', field] : [...statusPath, 'state']);
      if (line) rec.stateSource = { file, line };
    }
  } else if (state?.terminated && state.terminated.exitCode !== 0 && statusPath) {
    const line = item.lineOf([...statusPath, 'state', 'terminated']);
    if (line) rec.stateSource = { file, line };
  }
  return rec;
}

function stateOf(v: unknown, intern: Interner): ContainerStateRecord | undefined {
  const s = obj(v);
  if (!s) return undefined;
  const out: ContainerStateRecord = {};
  const w = obj(s.waiting);
  if (w) out.waiting = { reason: intern(str(w.reason)), message: intern(message(w.message)) };
  const r = obj(s.running);
  if (r) out.running = { startedAt: intern(str(r.startedAt)) };
  const t = obj(s.terminated);
  if (t) out.terminated = { reason: intern(str(t.reason)), message: intern(message(t.message)), exitCode: num(t.exitCode) };
  return out.waiting || out.running || out.terminated ? out : undefined;
}

/** Shape test for items lacking `kind` (cluster-info dump). */
export function looksLikePod(o: Obj): boolean {
  return Array.isArray(get(o, 'spec', 'containers'));
}
