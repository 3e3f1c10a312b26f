/**
 * The same small cluster captured two ways (scripts/build-same-cluster.mjs
 * writes both from one description): loose kubectl output and a Replicated
 * troubleshoot support bundle. Loaded with the real ingest pipeline, the two
 * models must tell the same story. Where one format cannot carry a fact the
 * comparison drops it, and the comment there says which and why.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/ingest/index.js';
import type { Model, Pod } from '../../src/model/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOOSE = join(ROOT, 'samples', 'same-cluster-loose');
const TROUBLESHOOT = join(ROOT, 'samples', 'same-cluster-troubleshoot.tar.gz');
// in the loose capture only billing was also saved with `kubectl get pods -o json`; shop is describe text alone
const DESCRIBE_ONLY_NAMESPACES = new Set(['shop']);

let loose: Model;
let ts: Model;
beforeAll(async () => {
  [loose, ts] = await Promise.all([loadBundle(LOOSE), loadBundle(TROUBLESHOOT)].map((p) => p.then((b) => b.model)));
});

const key = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;
const byKey = <T extends { namespace: string; name: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

/** What both formats show about a pod. */
function podView(p: Pod, describeOnly: boolean) {
  return {
    namespace: p.namespace,
    name: p.name,
    node: p.nodeName,
    phase: p.phase,
    serviceAccount: p.serviceAccountName,
    workload: p.workload,
    containers: p.containers.map((c) => ({
      name: c.name,
      init: c.init,
      image: { raw: c.image.raw, valid: c.image.valid, registry: c.image.registry, repository: c.image.repository, tag: c.image.tag, canonical: c.image.canonical },
      waiting: c.state?.waiting?.reason,
      running: Boolean(c.state?.running),
      // describe prints the waiting reason but never the waiting message
      waitingMessage: describeOnly ? undefined : c.state?.waiting?.message,
    })),
    // describe text does not show spec.imagePullSecrets
    imagePullSecrets: describeOnly ? undefined : p.imagePullSecretNames,
  };
}

/** A pod's events after dedupe: which container, reason, message and count; sources differ by design. */
function eventView(p: Pod) {
  const rows = [
    ...p.events.map((e) => ({ container: '', reason: e.reason, type: e.type, message: e.message, count: e.count ?? 1 })),
    ...p.containers.flatMap((c) => c.events.map((e) => ({ container: c.name, reason: e.reason, type: e.type, message: e.message, count: e.count ?? 1 }))),
  ];
  return rows.sort((a, b) => `${a.container}\0${a.reason}\0${a.message}`.localeCompare(`${b.container}\0${b.reason}\0${b.message}`));
}

describe('one cluster, two layouts', () => {
  it('the checked-in samples are what the script writes', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-same-cluster.mjs'), '--check'], { encoding: 'utf8' });
    expect(out).toContain('current');
  });

  it('each layout is recognized as what it is, with no warnings and nothing unrecognized', () => {
    expect(loose.layout).toBe('loose-files');
    expect(ts.layout).toBe('troubleshoot');
    for (const m of [loose, ts]) {
      expect(m.warnings).toEqual([]);
      expect(m.unrecognized).toEqual([]);
    }
  });

  it('pods agree: names, nodes, phases, containers, parsed images, waiting reasons', () => {
    expect(loose.pods.map(key).sort()).toEqual(ts.pods.map(key).sort());
    expect(loose.pods).toHaveLength(5);
    const view = (m: Model, trimToDescribe: boolean) => byKey(m.pods).map((p) => podView(p, trimToDescribe && DESCRIBE_ONLY_NAMESPACES.has(p.namespace)));
    // the troubleshoot model is trimmed to what describe text can carry in the describe-only namespace
    expect(view(loose, true)).toEqual(view(ts, true));
    // and the billing pods, which the loose capture also has as JSON, agree in full
    expect(view(loose, false).filter((p) => p.namespace === 'billing')).toEqual(view(ts, false).filter((p) => p.namespace === 'billing'));
  });

  it('the failing containers are the ones the cluster description says, for the same reasons', () => {
    const failing = (m: Model) =>
      byKey(m.pods).flatMap((p) => p.containers.filter((c) => c.state?.waiting).map((c) => `${key(p)}/${c.name}${c.init ? ' (init)' : ''}: ${c.state!.waiting!.reason}`));
    const expected = [
      'billing/invoices-7f6c5d8b9-r4t6y/migrate (init): ImagePullBackOff',
      'billing/invoices-7f6c5d8b9-r4t6y/invoices: PodInitializing',
      'shop/cart-6d8b7c9f4-q7w2n/cart: ImagePullBackOff',
      'shop/search-5b7d9c8f6-m3p8t/search: ErrImagePull',
    ];
    expect(failing(loose)).toEqual(expected);
    expect(failing(ts)).toEqual(expected);
  });

  it('images agree, with implicit registry and tag made explicit the same way', () => {
    const images = (m: Model) => [...new Set(m.pods.flatMap((p) => p.containers.map((c) => `${c.image.raw} -> ${c.image.canonical}`)))].sort();
    expect(images(loose)).toEqual(images(ts));
    expect(images(ts)).toContain('acmeshop/search:7.3.0 -> docker.io/acmeshop/search:7.3.0');
    expect(images(ts)).toContain('postgres:16.4 -> docker.io/library/postgres:16.4');
  });

  it('events agree per pod and container after describe rows merged with the JSON events', () => {
    // the loose capture has every event twice (describe tables and events.json); dedupe leaves one of each
    expect(loose.eventCount).toBe(ts.eventCount);
    expect(ts.eventCount).toBe(28);
    expect(loose.orphanEvents).toEqual([]);
    expect(ts.orphanEvents).toEqual([]);
    for (const p of byKey(ts.pods)) {
      const other = loose.podIndex.get(key(p))!;
      expect(eventView(other), key(p)).toEqual(eventView(p));
    }
    // aggregated counts survive: "(x61 over 18m)" in describe, count 61 in JSON
    const cart = ts.podIndex.get('shop/cart-6d8b7c9f4-q7w2n')!.containers[0];
    expect(cart.events.find((e) => e.reason === 'BackOff')?.count).toBe(61);
    // every loose event of a describe-only pod was also seen in the describe text
    const shopEvents = loose.pods.filter((p) => p.namespace === 'shop').flatMap((p) => [...p.events, ...p.containers.flatMap((c) => c.events)]);
    for (const e of shopEvents) expect([e.source.file, ...(e.duplicates ?? []).map((d) => d.file)].sort()).toEqual(['describe-pods-shop.txt', 'events.json']);
    // the merged event keeps the describe age, and its "(xN over ...)" agrees with the JSON count
    for (const e of shopEvents) {
      expect(e.age, e.message).toBeDefined();
      if ((e.count ?? 1) > 1) expect(e.age).toContain(`(x${e.count} over `);
      else expect(e.age).not.toContain('(x');
    }
  });

  it('nodes agree: name, architecture, runtime, versions, conditions', () => {
    const view = (m: Model) =>
      [...m.nodes.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((n) => ({
          name: n.name,
          architecture: n.architecture,
          operatingSystem: n.operatingSystem,
          osImage: n.osImage,
          kernelVersion: n.kernelVersion,
          runtime: n.runtime,
          containerRuntimeVersion: n.containerRuntimeVersion,
          kubeletVersion: n.kubeletVersion,
          labels: n.labels,
          taints: n.taints,
          // describe shows times in RFC1123Z, JSON in RFC3339: compare the facts, not the clock format
          conditions: n.conditions.map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
        }));
    expect(view(loose)).toEqual(view(ts));
    expect(view(ts).map((n) => [n.name, n.architecture, n.runtime])).toEqual([
      ['worker-a', 'amd64', 'containerd'],
      ['worker-b', 'arm64', 'containerd'],
    ]);
  });

  it('pods land on the same nodes', () => {
    const placement = (m: Model) => byKey(m.pods).map((p) => `${key(p)}@${p.node?.name}`);
    expect(placement(loose)).toEqual(placement(ts));
  });

  it('the pull secret agrees on what both can carry: registry and user, never the password', () => {
    // troubleshoot keeps {"<registry>": "<user>"} under the secret's namespace/name; the decoded
    // dockerconfig has the password too but no name. Registry host and username are what both know.
    const creds = (secrets: { credentials: { match: { host: string; path: string }; username?: string }[] }[]) =>
      secrets.flatMap((s) => s.credentials.map((c) => ({ host: c.match.host, path: c.match.path, username: c.username })));
    expect(creds(loose.looseDockerConfigs)).toEqual(creds([...ts.pullSecrets.values()]));
    expect(creds([...ts.pullSecrets.values()])).toEqual([{ host: 'harbor.acme.io', path: '', username: 'robot$shop-puller' }]);
    expect([...ts.pullSecrets.keys()]).toEqual(['shop/harbor-creds']);
    expect(JSON.stringify([...loose.looseDockerConfigs])).not.toContain('FAKE-same-cluster-harbor-robot-token');
  });

  it('what only the troubleshoot bundle carries: service accounts and the pods\u2019 resolved pull secrets', () => {
    expect([...ts.serviceAccounts.keys()].sort()).toEqual(['billing/default', 'shop/default', 'shop/shop-deployer']);
    expect(loose.serviceAccounts.size).toBe(0);
    const cart = ts.podIndex.get('shop/cart-6d8b7c9f4-q7w2n')!;
    expect(cart.pullSecrets.map((s) => [s.name, s.via, s.status])).toEqual([['harbor-creds', 'pod', 'found']]);
    // each pod gets its own namespace's ServiceAccount object, not another namespace's of the same name
    for (const p of ts.pods) {
      if (!p.serviceAccountName) continue;
      expect(p.serviceAccount).toBe(ts.serviceAccounts.get(`${p.namespace}/${p.serviceAccountName}`));
      if (p.serviceAccount) expect(p.serviceAccount.namespace).toBe(p.namespace);
    }
    expect(ts.pods.some((p) => p.serviceAccount !== undefined)).toBe(true);
  });
});
