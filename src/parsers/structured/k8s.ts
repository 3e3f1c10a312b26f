import type { ArtifactKind, EventRecord, ParsedRecord } from '../records.js';
import { eventRecord, looksLikeEvent } from './event.js';
import type { Located, LocatedDocument } from './located.js';
import { looksLikeNode, nodeRecord } from './node.js';
import { looksLikePod, podRecord } from './pod.js';
import { secretRecord, serviceAccountRecord } from './secret.js';
import { createInterner, isObj, noIntern, obj, str, type Interner, type Obj } from './values.js';

type ObjectKind = 'Pod' | 'Event' | 'Node' | 'ServiceAccount' | 'Secret';

const KNOWN: ReadonlySet<string> = new Set(['Pod', 'Event', 'Node', 'ServiceAccount', 'Secret']);
const ARTIFACT_OF: Record<ObjectKind, ArtifactKind> = {
  Pod: 'pods',
  Event: 'events',
  Node: 'nodes',
  ServiceAccount: 'serviceaccounts',
  Secret: 'secrets',
};
const OBJECT_OF: Partial<Record<ArtifactKind, ObjectKind>> = {
  pods: 'Pod',
  events: 'Event',
  nodes: 'Node',
  serviceaccounts: 'ServiceAccount',
  secrets: 'Secret',
};

export interface K8sContext {
  file: string;
  origin: 'json' | 'yaml';
  namespace?: string;
  /** kind the path implies */
  kind?: ArtifactKind;
  /** false: no interning (see ParseContext.shareStrings) */
  shareStrings?: boolean;
}

/** Does this decoded value look like Kubernetes objects at all (an object with kind/apiVersion, a List, or an array of objects with metadata)? */
export function isK8sDocument(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0 || (isObj(v[0]) && isObj(v[0].metadata));
  if (!isObj(v)) return false;
  if (Array.isArray(v.items)) return typeof v.kind === 'string' || typeof v.apiVersion === 'string' || v.items.length === 0 || isObj(obj(v.items[0])?.metadata);
  return typeof v.kind === 'string' && typeof v.apiVersion === 'string' && isObj(v.metadata);
}

/**
 * Kubernetes objects of one document → records. An item's kind comes from
 * its own `kind`, else the List's kind (PodList → Pod), else the path, else
 * its shape (cluster-info dump items carry no kind).
 */
export function k8sRecords(doc: LocatedDocument, ctx: K8sContext): { kind: ArtifactKind; records: ParsedRecord[] } {
  const root = doc.root.value;
  const listKind = isObj(root) ? str(root.kind) : undefined;
  const itemKindFromList = listKind && listKind.endsWith('List') && listKind !== 'List' ? listKind.slice(0, -4) : undefined;
  const pathKind = ctx.kind ? OBJECT_OF[ctx.kind] : undefined;
  const items: Located[] = doc.items ?? [doc.root];
  const records: ParsedRecord[] = [];
  const seen = new Set<ObjectKind>();
  // one interner per document: a namespace's pods and events repeat the same names, images and messages
  const intern = ctx.shareStrings === false ? noIntern : createInterner();
  let lastEvent: EventRecord | undefined;
  for (const item of items) {
    const o = obj(item.value);
    if (!o) continue;
    const kind = kindOf(o, itemKindFromList, pathKind);
    if (!kind) continue;
    const rec = toRecord(kind, item, ctx, intern, lastEvent?.involvedObject);
    if (rec?.kind === 'event') lastEvent = rec;
    if (rec) {
      records.push(rec);
      seen.add(kind);
    }
  }
  let artifact: ArtifactKind;
  if (ctx.kind) artifact = ctx.kind;
  else if (seen.size === 1) artifact = ARTIFACT_OF[[...seen][0]];
  else if (seen.size === 0 && itemKindFromList && KNOWN.has(itemKindFromList)) artifact = ARTIFACT_OF[itemKindFromList as ObjectKind];
  else artifact = 'k8s-objects';
  return { kind: artifact, records };
}

function kindOf(o: Obj, fromList: string | undefined, fromPath: ObjectKind | undefined): ObjectKind | undefined {
  const own = str(o.kind);
  if (own) return KNOWN.has(own) ? (own as ObjectKind) : undefined;
  if (fromList) return KNOWN.has(fromList) ? (fromList as ObjectKind) : undefined;
  if (fromPath) return fromPath;
  if (looksLikePod(o)) return 'Pod';
  if (looksLikeEvent(o)) return 'Event';
  if (looksLikeNode(o)) return 'Node';
  return undefined;
}

function toRecord(kind: ObjectKind, item: Located, ctx: K8sContext, intern: Interner, previousObject: EventRecord['involvedObject'] | undefined): ParsedRecord | undefined {
  switch (kind) {
    case 'Pod':
      return podRecord(item, ctx.file, ctx.origin, ctx.namespace, intern);
    case 'Event':
      return eventRecord(item, ctx.file, ctx.origin, ctx.namespace, intern, previousObject);
    case 'Node':
      return nodeRecord(item, ctx.file, ctx.origin);
    case 'ServiceAccount':
      return serviceAccountRecord(item, ctx.file, ctx.origin, ctx.namespace);
    case 'Secret':
      return secretRecord(item, ctx.file, ctx.origin, ctx.namespace);
  }
}
