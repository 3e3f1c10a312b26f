import type { Warning } from '../../common/source.js';
import type { ContainerRecord, ContainerStateRecord, EventRecord, ParseContext, ParsedRecord, PodRecord } from '../records.js';
import type { ArtifactParser } from '../parser.js';
import { guarded, objectStarts, topKeys } from './describe-common.js';
import { parseDescribeEvents } from './describe-events.js';
import { keyValue, toLines } from './lines.js';

/** `kubectl describe pod` text, one or several pods per file. */
export const describePodParser: ArtifactParser = {
  kind: 'describe-pod',
  sniff(head) {
    const keys = topKeys(head);
    if (!keys || !keys.has('Name') || !keys.has('Namespace')) return false;
    // `Status:` alone is also in describe pvc/namespace output; a pod has a Node or Start Time beside it
    return keys.has('Containers') || (keys.has('Status') && (keys.has('Node') || keys.has('Start Time') || keys.has('Service Account')));
  },
  parse(text, ctx) {
    return guarded('describe-pod', ctx, (records, warnings) => {
      const lines = toLines(text, ctx.file, warnings);
      const starts = objectStarts(lines);
      if (starts.length === 0) warnings.push({ file: ctx.file, message: 'no `Name:` line: not a kubectl describe pod output' });
      for (let k = 0; k < starts.length; k++) {
        parseOnePod(lines, starts[k], k + 1 < starts.length ? starts[k + 1] : lines.length, ctx, records, warnings);
      }
    });
  },
};

type Section = 'top' | 'labels' | 'containers' | 'init' | 'events' | 'other';

function parseOnePod(lines: string[], from: number, to: number, ctx: ParseContext, records: ParsedRecord[], warnings: Warning[]): void {
  const file = ctx.file;
  const pod: PodRecord = {
    kind: 'pod',
    origin: 'describe',
    namespace: '',
    name: keyValue(lines[from])?.value ?? '',
    containers: [],
    source: { file, line: from + 1 },
  };
  let section: Section = 'top';
  let container: ContainerRecord | undefined;
  // which state block (State / Last State) indented fields belong to
  let stateKey: 'state' | 'lastState' | undefined;
  let stateLine = 0;
  let eventsAt = -1;

  for (let i = from + 1; i < to; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const kv = keyValue(line);
    if (kv && kv.indent === 0) {
      container = undefined;
      stateKey = undefined;
      section = topField(pod, kv.key, kv.value);
      if (section === 'events') {
        eventsAt = i;
        break;
      }
      continue;
    }
    if (section === 'labels') {
      if (kv === null && line.charCodeAt(0) === 32) addLabel(pod, line.trim());
      continue;
    }
    if ((section !== 'containers' && section !== 'init') || !kv) continue;
    if (kv.indent <= 2) {
      if (kv.value === '') {
        container = { name: kv.key, init: section === 'init', image: '', source: { file, line: i + 1 } };
        pod.containers.push(container);
      }
      stateKey = undefined;
      continue;
    }
    if (!container) continue;
    if (kv.indent <= 4) {
      stateKey = undefined;
      switch (kv.key) {
        case 'Image':
          container.image = kv.value;
          break;
        case 'Image ID':
          if (kv.value) container.imageID = kv.value;
          break;
        case 'Ready':
          if (kv.value === 'True' || kv.value === 'False') container.ready = kv.value === 'True';
          break;
        case 'Restart Count': {
          const n = Number.parseInt(kv.value, 10);
          if (Number.isFinite(n)) container.restartCount = n;
          break;
        }
        case 'State':
        case 'Last State':
          stateKey = kv.key === 'State' ? 'state' : 'lastState';
          stateLine = i + 1;
          setState(container, stateKey, kv.value, file, stateLine);
          break;
      }
      continue;
    }
    if (stateKey) stateDetail(container, stateKey, kv.key, kv.value, file, i + 1);
  }

  pod.namespace ||= ctx.namespace ?? '';
  if (!pod.namespace) warnings.push({ file, line: from + 1, message: `pod ${pod.name}: no Namespace line` });
  if (!pod.name) warnings.push({ file, line: from + 1, message: 'describe pod block with an empty Name' });
  else records.push(pod);

  if (eventsAt >= 0) {
    const events: EventRecord[] = [];
    parseDescribeEvents(lines, eventsAt, to, file, { kind: 'Pod', namespace: pod.namespace || undefined, name: pod.name }, events, warnings);
    for (const e of events) records.push(e);
  }
}

function topField(pod: PodRecord, key: string, value: string): Section {
  switch (key) {
    case 'Namespace':
      pod.namespace = value;
      return 'top';
    case 'Service Account':
      if (value && value !== '<none>') pod.serviceAccountName = value;
      return 'top';
    case 'Node': {
      if (value && value !== '<none>') {
        const slash = value.indexOf('/');
        const node = slash < 0 ? value : value.slice(0, slash);
        if (node && node !== '<none>') pod.nodeName = node;
      }
      return 'top';
    }
    case 'Status':
      if (value) pod.phase = value;
      return 'top';
    case 'Reason':
      if (value) pod.reason = value;
      return 'top';
    case 'Controlled By':
    case 'Controllers': {
      const slash = value.indexOf('/');
      if (slash > 0) pod.owner = { kind: value.slice(0, slash), name: value.slice(slash + 1) };
      return 'top';
    }
    case 'Labels':
      pod.labels = {};
      if (value && value !== '<none>') addLabel(pod, value);
      return 'labels';
    case 'Containers':
      return 'containers';
    case 'Init Containers':
      return 'init';
    case 'Events':
      return 'events';
    default:
      return 'other';
  }
}

function addLabel(pod: PodRecord, text: string): void {
  const eq = text.indexOf('=');
  if (eq <= 0) return;
  (pod.labels ??= {})[text.slice(0, eq)] = text.slice(eq + 1);
}

function setState(c: ContainerRecord, which: 'state' | 'lastState', value: string, file: string, line: number): void {
  const st: ContainerStateRecord = {};
  if (value === 'Waiting') st.waiting = {};
  else if (value === 'Running') st.running = {};
  else if (value === 'Terminated') st.terminated = {};
  else return;
  c[which] = st;
  if (which === 'state') c.stateSource = { file, line };
}

function stateDetail(c: ContainerRecord, which: 'state' | 'lastState', key: string, value: string, file: string, line: number): void {
  const st = c[which];
  if (!st) return;
  if (key === 'Reason') {
    if (st.waiting) st.waiting.reason = value;
    else if (st.terminated) st.terminated.reason = value;
    if (which === 'state') c.stateSource = { file, line };
  } else if (key === 'Message') {
    if (st.waiting) st.waiting.message = value;
    else if (st.terminated) st.terminated.message = value;
  } else if (key === 'Exit Code' && st.terminated) {
    const n = Number.parseInt(value, 10);
    if (Number.isFinite(n)) st.terminated.exitCode = n;
  } else if (key === 'Started' && st.running) {
    st.running.startedAt = value;
  }
}
