import type { NodeConditionRecord, NodeRecord } from '../records.js';
import type { Located } from './located.js';
import { arr, get, message, obj, str, strMap, type Obj } from './values.js';

/** A Node object → NodeRecord; every condition gets its own line (nodes are few, conditions fewer). */
export function nodeRecord(item: Located, file: string, origin: 'json' | 'yaml'): NodeRecord | undefined {
  const o = obj(item.value);
  const meta = obj(o?.metadata);
  const name = str(meta?.name);
  if (!o || !name) return undefined;
  const spec = obj(o.spec) ?? {};
  const status = obj(o.status) ?? {};
  const info = obj(status.nodeInfo);
  const conditions: NodeConditionRecord[] = [];
  arr(status.conditions).forEach((c, i) => {
    const co = obj(c);
    const type = str(co?.type);
    if (!co || !type) return;
    const line = item.lineOf(['status', 'conditions', i]);
    conditions.push({
      type,
      status: str(co.status) ?? 'Unknown',
      reason: str(co.reason),
      message: message(co.message),
      lastTransitionTime: str(co.lastTransitionTime),
      source: { file, line: line ?? item.line },
    });
  });
  const taints: NodeRecord['taints'] = [];
  for (const t of arr(spec.taints)) {
    const to = obj(t);
    const key = str(to?.key);
    const effect = str(to?.effect);
    if (key && effect) taints.push({ key, value: str(to?.value), effect });
  }
  const addresses: { type: string; address: string }[] = [];
  for (const a of arr(status.addresses)) {
    const type = str(obj(a)?.type);
    const address = str(obj(a)?.address);
    if (type && address) addresses.push({ type, address });
  }
  const infoLine = info ? item.lineOf(['status', 'nodeInfo']) : undefined;
  return {
    kind: 'node',
    origin,
    name,
    labels: strMap(meta?.labels) ?? {},
    conditions,
    taints,
    architecture: str(info?.architecture),
    operatingSystem: str(info?.operatingSystem),
    osImage: str(info?.osImage),
    kernelVersion: str(info?.kernelVersion),
    containerRuntimeVersion: str(info?.containerRuntimeVersion),
    kubeletVersion: str(info?.kubeletVersion),
    addresses: addresses.length ? addresses : undefined,
    capacity: strMap(status.capacity),
    allocatable: strMap(status.allocatable),
    source: { file, line: item.line },
    infoSource: infoLine ? { file, line: infoLine } : undefined,
  };
}

export function looksLikeNode(o: Obj): boolean {
  return obj(get(o, 'status', 'nodeInfo')) !== undefined;
}
