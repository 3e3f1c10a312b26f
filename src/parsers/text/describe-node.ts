import type { Warning } from '../../common/source.js';
import type { EventRecord, NodeConditionRecord, NodeRecord, ParseContext, ParsedRecord } from '../records.js';
import type { ArtifactParser } from '../parser.js';
import { guarded, objectStarts, topKeys } from './describe-common.js';
import { parseDescribeEvents } from './describe-events.js';
import { indentOf, keyValue, splitGaps, toLines } from './lines.js';

/** `kubectl describe node` text, one or several nodes per file. */
export const describeNodeParser: ArtifactParser = {
  kind: 'describe-node',
  sniff(head) {
    const keys = topKeys(head);
    return !!keys && keys.has('Name') && !keys.has('Namespace') && (keys.has('Roles') || keys.has('Taints') || keys.has('System Info'));
  },
  parse(text, ctx) {
    return guarded('describe-node', ctx, (records, warnings) => {
      const lines = toLines(text, ctx.file, warnings);
      const starts = objectStarts(lines);
      if (starts.length === 0) warnings.push({ file: ctx.file, message: 'no `Name:` line: not a kubectl describe node output' });
      for (let k = 0; k < starts.length; k++) {
        parseOneNode(lines, starts[k], k + 1 < starts.length ? starts[k + 1] : lines.length, ctx, records, warnings);
      }
    });
  },
};

type Section = 'top' | 'labels' | 'taints' | 'conditions' | 'addresses' | 'capacity' | 'allocatable' | 'info' | 'events' | 'other';

const SECTIONS: Record<string, Section> = {
  Labels: 'labels',
  Taints: 'taints',
  Conditions: 'conditions',
  Addresses: 'addresses',
  Capacity: 'capacity',
  Allocatable: 'allocatable',
  'System Info': 'info',
  Events: 'events',
};

function parseOneNode(lines: string[], from: number, to: number, ctx: ParseContext, records: ParsedRecord[], warnings: Warning[]): void {
  const file = ctx.file;
  const node: NodeRecord = {
    kind: 'node',
    origin: 'describe',
    name: keyValue(lines[from])?.value ?? '',
    labels: {},
    conditions: [],
    taints: [],
    source: { file, line: from + 1 },
  };
  let section: Section = 'top';
  let condHeader: number[] | undefined;
  let eventsAt = -1;

  for (let i = from + 1; i < to; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const indent = indentOf(line);
    if (indent === 0) {
      const kv = keyValue(line);
      if (!kv) {
        section = 'other';
        continue;
      }
      section = SECTIONS[kv.key] ?? 'other';
      if (section === 'events') {
        eventsAt = i;
        break;
      }
      if (section === 'labels') addLabel(node, kv.value);
      else if (section === 'taints') addTaint(node, kv.value);
      else if (section === 'info') node.infoSource = { file, line: i + 1 };
      continue;
    }
    switch (section) {
      case 'labels':
        addLabel(node, line.trim());
        break;
      case 'taints':
        addTaint(node, line.trim());
        break;
      case 'conditions': {
        const t = line.trim();
        if (t.startsWith('Type ') || t === 'Type') {
          condHeader = splitGaps(line).map((c) => c.start);
          break;
        }
        if (t[0] === '-') break;
        const cond = conditionRow(line, condHeader, file, i + 1);
        if (cond) node.conditions.push(cond);
        else warnings.push({ file, line: i + 1, message: 'unrecognized node condition row was skipped' });
        break;
      }
      case 'addresses': {
        const kv = keyValue(line);
        if (kv && kv.value) (node.addresses ??= []).push({ type: kv.key, address: kv.value });
        break;
      }
      case 'capacity':
      case 'allocatable': {
        const kv = keyValue(line);
        if (kv && kv.value) (node[section] ??= {})[kv.key] = kv.value;
        break;
      }
      case 'info': {
        const kv = keyValue(line);
        if (kv && kv.value) systemInfo(node, kv.key, kv.value);
        break;
      }
    }
  }

  if (!node.architecture && node.labels['kubernetes.io/arch']) node.architecture = node.labels['kubernetes.io/arch'];
  if (!node.operatingSystem && node.labels['kubernetes.io/os']) node.operatingSystem = node.labels['kubernetes.io/os'];
  if (!node.name) {
    warnings.push({ file, line: from + 1, message: 'describe node block with an empty Name' });
    return;
  }
  records.push(node);
  if (eventsAt >= 0) {
    const events: EventRecord[] = [];
    parseDescribeEvents(lines, eventsAt, to, file, { kind: 'Node', name: node.name }, events, warnings);
    for (const e of events) records.push(e);
  }
}

function addLabel(node: NodeRecord, text: string): void {
  if (!text || text === '<none>') return;
  const eq = text.indexOf('=');
  if (eq <= 0) return;
  node.labels[text.slice(0, eq)] = text.slice(eq + 1);
}

/** `key=value:Effect` or `key:Effect`. */
function addTaint(node: NodeRecord, text: string): void {
  if (!text || text === '<none>') return;
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return;
  const effect = text.slice(colon + 1);
  const kv = text.slice(0, colon);
  const eq = kv.indexOf('=');
  if (eq < 0) node.taints.push({ key: kv, effect });
  else node.taints.push({ key: kv.slice(0, eq), value: kv.slice(eq + 1), effect });
}

/**
 * `Type  Status  LastHeartbeatTime  LastTransitionTime  Reason  Message`.
 * Cells are split on the two-space gaps; when a cell is empty (older kubelets
 * leave Reason blank) the gaps merge, so the header's offsets decide instead.
 */
function conditionRow(line: string, header: number[] | undefined, file: string, lineNo: number): NodeConditionRecord | undefined {
  let cells = splitGaps(line, 6).map((c) => c.text.trim());
  if (cells.length < 6 && header && header.length >= 6) {
    cells = header.map((start, k) => line.slice(start, k + 1 < header.length ? header[k + 1] : undefined).trim());
  }
  if (cells.length < 2 || !cells[0] || !cells[1]) return undefined;
  const cond: NodeConditionRecord = { type: cells[0], status: cells[1], source: { file, line: lineNo } };
  if (cells[3]) cond.lastTransitionTime = cells[3];
  if (cells[4]) cond.reason = cells[4];
  if (cells[5]) cond.message = cells[5];
  return cond;
}

function systemInfo(node: NodeRecord, key: string, value: string): void {
  switch (key) {
    case 'Kernel Version':
      node.kernelVersion = value;
      break;
    case 'OS Image':
      node.osImage = value;
      break;
    case 'Operating System':
      node.operatingSystem = value;
      break;
    case 'Architecture':
      node.architecture = value;
      break;
    case 'Container Runtime Version':
      node.containerRuntimeVersion = value;
      break;
    case 'Kubelet Version':
      node.kubeletVersion = value;
      break;
  }
}
