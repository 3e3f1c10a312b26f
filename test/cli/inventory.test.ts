/**
 * `podmortem inventory` on the real troubleshoot bundles and on every sample.
 * Every count below was checked by hand against the files (jq over the
 * PodList/EventList/NodeList items, `grep -c '^Name:'` and the Events: rows of
 * describe text, `tar tzf` for the archives); the comments say where a total
 * is not simply one file's item count.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/findings/result.js';
import { ensureBuilt, listSamples, runCli, SHARED_BUNDLES } from './run-cli.js';

type Counts = Inventory['counts'];
interface Expected {
  layout: string;
  counts: Counts;
  /** artifact kind -> number of files of that kind */
  kinds: Record<string, number>;
  unrecognized?: number;
  /** substrings of the expected parse/read problems, in any order */
  warnings?: string[];
}

const c = (pods: number, containers: number, events: number, nodes: number, serviceAccounts = 0, pullSecrets = 0, nodeFiles = 0): Counts => ({
  pods,
  containers,
  events,
  nodes,
  serviceAccounts,
  pullSecrets,
  nodeFiles,
});

const TS = join(SHARED_BUNDLES, 'troubleshoot');

const REAL: Record<string, Expected> = {
  // 97 events in cluster-resources/events/*.json plus 5 + 5 in the run-example / run-pod-example collectors' events.json
  'current-k3s-v0.123.tar.gz': {
    layout: 'troubleshoot',
    counts: c(7, 8, 107, 1, 43),
    kinds: { 'bundle-meta': 2, 'dns-debug': 1, events: 6, nodes: 1, pods: 4, secrets: 1, serviceaccounts: 4 },
    unrecognized: 21,
    warnings: ['2 symbolic links skipped'],
  },
  // registry-creds.json is the redacted {"***HIDDEN***":"kurl"} pull secret
  'kurl-v1.23-redacted.tar.gz': {
    layout: 'troubleshoot',
    counts: c(58, 85, 67, 3, 0, 1),
    kinds: { 'bundle-meta': 1, events: 9, nodes: 1, pods: 9, 'troubleshoot-pull-secret': 1 },
    unrecognized: 0,
  },
  'legacy-k3d-v0.50.tar.gz': {
    layout: 'troubleshoot',
    counts: c(8, 10, 5, 1),
    kinds: { 'bundle-meta': 2, events: 4, nodes: 1, pods: 4 },
    unrecognized: 0,
    warnings: ['19 symbolic links skipped'],
  },
};

const SAMPLES: Record<string, Expected> = {
  'ctx-auth-refine': { layout: 'podmortem', counts: c(7, 7, 29, 1, 1, 3, 2), kinds: { df: 1, events: 1, nodes: 1, pods: 1, 'resolv-conf': 1, secrets: 1, serviceaccounts: 1 } },
  // analytics 12 + default 2 events; logs.txt is a pod log, skipped unread
  'ctx-cluster-info-dump': { layout: 'cluster-info-dump', counts: c(5, 5, 14, 2), kinds: { events: 2, nodes: 1, pods: 2 } },
  // node files: node-a df, df -i, resolv.conf; node-b and node-c df and resolv.conf
  'ctx-dns': {
    layout: 'podmortem',
    counts: c(6, 6, 31, 3, 1, 1, 7),
    kinds: { df: 4, events: 1, nodes: 1, pods: 1, 'resolv-conf': 3, secrets: 1, serviceaccounts: 1 },
    warnings: ['podmortem-bundle/nodes/node-b/resolv.conf: resolv.conf has no nameserver line'],
  },
  // the 3 pods of describe.txt are the 3 of pods.json (merged); the Secret and the decoded dockerconfig are 2 pull secrets
  'ctx-loose-files': {
    layout: 'loose-files',
    counts: c(3, 3, 16, 1, 0, 2, 2),
    kinds: { 'describe-node': 1, 'describe-pod': 1, df: 1, dockerconfig: 1, pods: 1, 'resolv-conf': 1, secrets: 1 },
  },
  'ctx-no-node-data': { layout: 'loose-files', counts: c(4, 4, 17, 0), kinds: { 'describe-pod': 1, 'tags-list': 1 } },
  'ctx-troubleshoot': {
    layout: 'troubleshoot',
    counts: c(6, 6, 32, 1, 2, 4, 3),
    kinds: { 'bundle-meta': 2, df: 1, events: 1, journal: 1, nodes: 1, pods: 2, 'resolv-conf': 1, serviceaccounts: 1, 'troubleshoot-pull-secret': 4 },
  },
  'ctx-troubleshoot.tar.gz': {
    layout: 'troubleshoot',
    counts: c(6, 6, 32, 1, 2, 4, 3),
    kinds: { 'bundle-meta': 2, df: 1, events: 1, journal: 1, nodes: 1, pods: 2, 'resolv-conf': 1, serviceaccounts: 1, 'troubleshoot-pull-secret': 4 },
  },
  // node files: 3 nodes x (df, df -i, resolv.conf) + one kubelet journal
  default: {
    layout: 'podmortem',
    counts: c(8, 8, 36, 3, 2, 2, 10),
    kinds: { df: 6, events: 1, 'image-inspect': 1, journal: 1, nodes: 1, pods: 1, 'resolv-conf': 3, secrets: 1, serviceaccounts: 1, 'tags-list': 1 },
  },
  'msg-auth': { layout: 'cluster-info-dump', counts: c(8, 8, 47, 1), kinds: { events: 1, nodes: 1, pods: 1 } },
  // pods.json has 5 pods, the describe file a sixth (its Events: <none>)
  'msg-backoff': { layout: 'cluster-info-dump', counts: c(6, 6, 14, 2), kinds: { 'describe-pod': 1, events: 1, nodes: 1, pods: 1 } },
  'msg-crio': { layout: 'podmortem', counts: c(8, 8, 42, 2, 2), kinds: { events: 1, nodes: 1, pods: 1, serviceaccounts: 1 } },
  'msg-describe-versions': { layout: 'loose-files', counts: c(2, 2, 12, 0), kinds: { 'describe-pod': 2 } },
  'msg-disk': { layout: 'cluster-info-dump', counts: c(3, 3, 12, 2), kinds: { events: 2, nodes: 1, pods: 2 } },
  'msg-image': { layout: 'loose-files', counts: c(5, 5, 24, 1), kinds: { 'describe-node': 1, 'describe-pod': 1 } },
  'msg-network': { layout: 'cluster-info-dump', counts: c(7, 7, 42, 2), kinds: { events: 1, nodes: 1, pods: 1 } },
  'msg-registry': { layout: 'cluster-info-dump', counts: c(13, 13, 75, 2), kinds: { events: 1, nodes: 1, pods: 1 } },
  // both describe the same cluster (scripts/build-same-cluster.mjs): 5 pods, 6 containers (one init), 28 events
  // (storefront 5, cart 6, search 6, invoices 6, ledger 5; the loose describe rows merge with events.json), 2 nodes
  'same-cluster-loose': {
    layout: 'loose-files',
    counts: c(5, 6, 28, 2, 0, 1),
    kinds: { 'describe-node': 1, 'describe-pod': 2, dockerconfig: 1, events: 1, pods: 1 },
    unrecognized: 0,
  },
  'same-cluster-troubleshoot.tar.gz': {
    layout: 'troubleshoot',
    counts: c(5, 6, 28, 2, 3, 1),
    kinds: { 'bundle-meta': 1, events: 2, nodes: 1, pods: 2, serviceaccounts: 2, 'troubleshoot-pull-secret': 1 },
    unrecognized: 0,
  },
};

interface InventoryDoc {
  bundle: { path: string; kind: string; sha256: string; entries: number; filesRead: number; incomplete: boolean };
  layout: string;
  artifacts: { file: string; kind: string; counts: Record<string, number> }[];
  counts: Counts;
  unrecognized: string[];
  warnings: { file?: string; line?: number; message: string }[];
  capabilities: string[];
}

function kindsOf(doc: InventoryDoc): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of doc.artifacts) out[a.kind] = (out[a.kind] ?? 0) + 1;
  return out;
}

/** The text report shows the same layout and totals as the JSON. */
function expectTextAgrees(text: string, doc: InventoryDoc) {
  expect(text).toContain(`Layout: ${doc.layout}\n`);
  expect(text).toContain(`Recognized files (${doc.artifacts.length}):`);
  const total = (label: string) => Number(new RegExp(`^  ${label} +(\\d+)$`, 'm').exec(text)?.[1]);
  expect(total('pods')).toBe(doc.counts.pods);
  expect(total('containers')).toBe(doc.counts.containers);
  expect(total('events')).toBe(doc.counts.events);
  expect(total('nodes')).toBe(doc.counts.nodes);
  expect(total('service accounts')).toBe(doc.counts.serviceAccounts);
  expect(total('pull secrets')).toBe(doc.counts.pullSecrets);
  expect(total('unrecognized files')).toBe(doc.unrecognized.length);
  expect(text).toContain(`Problems (${doc.warnings.length}):`);
  for (const a of doc.artifacts) expect(text).toContain(a.file);
}

async function inventory(path: string): Promise<{ doc: InventoryDoc; text: string }> {
  const [json, text] = await Promise.all([runCli(['inventory', path, '--format', 'json']), runCli(['inventory', path])]);
  expect(json.code, json.stderr).toBe(0);
  expect(text.code, text.stderr).toBe(0);
  const doc = JSON.parse(json.stdout) as InventoryDoc;
  expectTextAgrees(text.stdout, doc);
  return { doc, text: text.stdout };
}

function expectMatches(doc: InventoryDoc, want: Expected) {
  expect(doc.layout).toBe(want.layout);
  expect(doc.counts).toEqual(want.counts);
  expect(kindsOf(doc)).toEqual(want.kinds);
  if (want.unrecognized !== undefined) expect(doc.unrecognized).toHaveLength(want.unrecognized);
  const problems = doc.warnings.map((w) => `${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.message}`);
  expect(problems).toHaveLength(want.warnings?.length ?? 0);
  for (const w of want.warnings ?? []) expect(problems.some((p) => p.includes(w)), `${w} in ${problems.join(' | ')}`).toBe(true);
  // sums over the artifacts are the totals (pods and events can merge across files, so only bounds there)
  const sum = (k: string) => doc.artifacts.reduce((n, a) => n + (a.counts[k] ?? 0), 0);
  expect(sum('nodes')).toBeGreaterThanOrEqual(doc.counts.nodes);
  expect(sum('pods')).toBeGreaterThanOrEqual(doc.counts.pods);
  expect(sum('events')).toBeGreaterThanOrEqual(doc.counts.events);
}

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'podmortem-inventory-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('inventory on the real troubleshoot bundles', () => {
  it.each(Object.keys(REAL))('%s', async (name) => {
    const { doc } = await inventory(join(TS, name));
    expectMatches(doc, REAL[name]);
    expect(doc.bundle.kind).toBe('tar.gz');
    expect(doc.bundle.incomplete).toBe(false);
  });

  it('the bundle with only analysis.json: exit 2, "nothing could be read", layout empty', async () => {
    const json = await runCli(['inventory', join(TS, 'missing-version.tar.gz'), '--format', 'json']);
    expect(json.code).toBe(2);
    expect(json.stderr.trim()).toBe(`podmortem: ${join(TS, 'missing-version.tar.gz')}: nothing could be read from this bundle`);
    const doc = JSON.parse(json.stdout) as InventoryDoc;
    expect(doc.layout).toBe('empty');
    expect(doc.counts).toEqual(c(0, 0, 0, 0));
  });

  it('image-pull-fail pods/events placed in the troubleshoot layout', async () => {
    const root = join(tmp, 'tiny-bundle');
    for (const kind of ['pods', 'events']) {
      mkdirSync(join(root, 'cluster-resources', kind), { recursive: true });
      copyFileSync(join(TS, 'image-pull-fail', `${kind}.json`), join(root, 'cluster-resources', kind, 'message-image-pull-fail.json'));
    }
    const { doc } = await inventory(root);
    // PodList of 1 pod (no-image-deployment-849c4c4958-rxqmt, 1 container), EventList of 17 items
    expectMatches(doc, { layout: 'troubleshoot', counts: c(1, 1, 17, 0), kinds: { events: 1, pods: 1 }, unrecognized: 0 });
    expect(doc.artifacts.map((a) => a.file).sort()).toEqual([
      'cluster-resources/events/message-image-pull-fail.json',
      'cluster-resources/pods/message-image-pull-fail.json',
    ]);
    expect(doc.capabilities).toEqual(expect.arrayContaining(['pods', 'pod-specs', 'events']));
    expect(doc.capabilities).not.toContain('nodes');
  });

  it('the 7-node NodeList as a single file', async () => {
    const { doc } = await inventory(join(TS, 'nodes-7-mixed-runtimes.json'));
    expectMatches(doc, { layout: 'single-file', counts: c(0, 0, 0, 7), kinds: { nodes: 1 }, unrecognized: 0 });
    expect(doc.bundle.kind).toBe('file');
    expect(doc.artifacts[0].file).toBe('nodes-7-mixed-runtimes.json');
  });
});

describe.concurrent('inventory on every sample', () => {
  const samples = listSamples();

  it('every sample in samples/ has hand-checked expectations here', () => {
    expect(samples.filter((s) => !(s in SAMPLES))).toEqual([]);
  });

  it.each(samples.filter((s) => s in SAMPLES))('%s', async (name) => {
    const { doc } = await inventory(join('samples', name));
    expectMatches(doc, SAMPLES[name]);
    expect(doc.bundle.incomplete).toBe(false);
    expect(doc.bundle.filesRead).toBeGreaterThan(0);
  });
});
