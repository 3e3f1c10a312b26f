/**
 * The per-subject VIEW a rule's field paths address: a plain nested object
 * built from the model (docs/rule-language.md lists every path). Meta keys:
 * `$value` (what the object stands for as a string: `image` → raw image),
 * `$source` / `$excerpt` (evidence for a value read inside that object).
 * Parts that cost something are `Lazy` and computed on first read; node and
 * pod parts are cached and shared by every subject that reads them.
 */
import { containerStatus, podStatus } from '../model/status.js';
import type { SourceRef } from '../common/source.js';
import type { Container, Model, ModelEvent, Node, Pod, PullSecret, RegistryCredential } from '../model/types.js';
import type { DfRow, ImagePlatform } from '../parsers/records.js';
import { matchCredentials } from '../model/keyring.js';
import { imageStorePath, imageStoreRow } from './disk.js';
import { dnsLookup, isPodPullFailing, isPullFailing, pullFacts } from './pull.js';
import { closestTag } from './tags.js';

export type ViewObject = { [key: string]: unknown };

export class Lazy {
  private done = false;
  private value: unknown;
  constructor(private readonly compute: () => unknown) {}
  get(): unknown {
    if (!this.done) {
      this.value = this.compute();
      this.done = true;
    }
    return this.value;
  }
}

const lazy = (f: () => unknown) => new Lazy(f);

/**
 * Drops undefined members so `exists` sees absence, not a key holding
 * undefined. Copies rather than deletes: `delete` turns an object into a slow
 * dictionary, and views are read field by field thousands of times.
 */
function clean(o: ViewObject): ViewObject {
  let any = false;
  for (const k in o) {
    if (o[k] === undefined) {
      any = true;
      break;
    }
  }
  if (!any) return o;
  const out: ViewObject = {};
  for (const k in o) {
    const v = o[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function eventView(e: ModelEvent): ViewObject {
  return clean({
    reason: e.reason,
    type: e.type,
    message: e.message,
    count: e.count,
    component: e.sourceComponent,
    age: e.age,
    lastTimestamp: e.lastTimestamp ?? e.firstTimestamp,
    $source: e.source,
    $excerpt: e.message,
  });
}

/** kubectl `get pod` STATUS of one container. */
function dfRowView(r: DfRow | undefined): ViewObject | undefined {
  if (!r) return undefined;
  return clean({
    mountedOn: r.mountedOn,
    filesystem: r.filesystem,
    usePercent: r.usePercent,
    available: r.available,
    size: r.size,
    used: r.used,
    $source: r.source,
    $excerpt: `${r.filesystem} ${r.usePercent ?? '?'}% used, mounted on ${r.mountedOn}`,
  });
}

function keyView(secret: string | undefined, c: RegistryCredential): ViewObject {
  return clean({
    secret,
    key: c.key,
    host: c.match.host,
    path: c.match.path,
    username: c.username,
    hasPassword: c.hasPassword,
    hasAuth: c.hasAuth,
    authValid: c.authValid,
    hasIdentityToken: c.hasIdentityToken,
    fingerprint: c.fingerprint,
    redacted: c.redacted ?? false,
    problems: c.problems,
    $value: c.key,
    $source: c.source,
    // never the values: key, user and presence only
    $excerpt: `${secret ?? 'dockerconfig'}: ${c.key}${c.username ? ` (user ${c.username})` : ''}`,
  });
}

/** Shared, per-evaluation caches. */
export class ViewFactory {
  private nodeViews = new Map<Node, ViewObject>();
  private podParts = new Map<Pod, ViewObject>();
  private pullFailuresByNode = new Map<string, { count: number; images: Set<string> }>();
  readonly bundle: ViewObject;

  constructor(private readonly model: Model) {
    this.bundle = clean({
      layout: model.layout,
      collectedAt: model.collectedAt,
      clusterVersion: model.clusterVersion,
      capabilities: [...model.capabilities].sort(),
    });
    const pods = model.pods;
    for (let i = 0; i < pods.length; i++) {
      const p = pods[i];
      if (!p.nodeName) continue;
      for (let k = 0; k < p.containers.length; k++) {
        const c = p.containers[k];
        if (!isPullFailing(c)) continue;
        let f = this.pullFailuresByNode.get(p.nodeName);
        if (!f) this.pullFailuresByNode.set(p.nodeName, (f = { count: 0, images: new Set() }));
        f.count++;
        f.images.add(c.image.raw);
      }
    }
  }

  node(n: Node | undefined): ViewObject | undefined {
    if (!n) return undefined;
    let v = this.nodeViews.get(n);
    if (!v) this.nodeViews.set(n, (v = this.buildNode(n)));
    return v;
  }

  private buildNode(n: Node): ViewObject {
    const conditions: ViewObject = {};
    const condition: ViewObject = {};
    for (const c of n.conditions) {
      conditions[c.type] = c.status;
      condition[c.type] = clean({
        status: c.status,
        reason: c.reason,
        message: c.message,
        $source: c.source ?? n.source,
        $excerpt: [c.type, c.status, c.reason, c.message].filter(Boolean).join(' '),
      });
    }
    const storePath = imageStorePath(n);
    const files = n.files;
    const resolv = files.resolvConf;
    const failures = this.pullFailuresByNode.get(n.name);
    return clean({
      $value: n.name,
      $source: n.infoSource ?? n.source,
      $excerpt: [n.name, n.operatingSystem && n.architecture ? `${n.operatingSystem}/${n.architecture}` : n.architecture, n.containerRuntimeVersion, n.kubeletVersion].filter(Boolean).join(' '),
      name: n.name,
      architecture: n.architecture,
      os: n.operatingSystem,
      osImage: n.osImage,
      kernelVersion: n.kernelVersion,
      runtime: n.runtime,
      runtimeVersion: runtimeVersionOf(n.containerRuntimeVersion),
      kubeletVersion: n.kubeletVersion,
      labels: n.labels,
      taints: n.taints.map((t) => clean({ key: t.key, value: t.value, effect: t.effect, $value: `${t.key}:${t.effect}`, $source: n.source })),
      conditions,
      condition,
      events: n.events.map(eventView),
      pullFailures: failures?.count ?? 0,
      resolv: clean({
        present: !!resolv,
        nameservers: resolv?.nameservers.map((s) => ({ $value: s.address, $source: s.source, $excerpt: `nameserver ${s.address}` })),
        search: resolv?.search,
        options: resolv?.options,
        $source: resolv?.source,
        $excerpt: resolv ? `nameservers: ${resolv.nameservers.map((s) => s.address).join(', ') || '(none)'}` : undefined,
      }),
      df: lazy(() =>
        clean({
          present: !!files.df,
          imageStorePath: storePath,
          imageStore: dfRowView(imageStoreRow(files.df, storePath)),
          inodes: dfRowView(imageStoreRow(files.dfInodes, storePath)),
          rows: files.df?.rows.map((r) => dfRowView(r)),
          $source: files.df?.source,
        }),
      ),
      journal: clean({
        present: files.journals.length > 0,
        lines: files.journals.flatMap((j) => j.lines.map((l) => ({ $value: l.text, $source: l.source, $excerpt: l.text }))),
      }),
    });
  }

  /** Pod-level parts shared by the pod view and its containers' views. */
  private pod(p: Pod): ViewObject {
    let v = this.podParts.get(p);
    if (!v) {
      v = clean({
        $value: p.name,
        $source: p.sources[0],
        $excerpt: `pod ${p.namespace}/${p.name}`,
        name: p.name,
        namespace: p.namespace,
        phase: p.phase,
        status: podStatus(p),
        nodeName: p.nodeName,
        serviceAccount: p.serviceAccountName,
        imagePullSecrets: p.imagePullSecretNames,
        events: p.events.map(eventView),
      });
      this.podParts.set(p, v);
    }
    return v;
  }

  private secrets(p: Pod, images: Container['image'][]): ViewObject {
    const found: PullSecret[] = [];
    const nameOf = new Map<RegistryCredential, string | undefined>();
    for (const r of p.pullSecrets) {
      if (!r.secret) continue;
      found.push(r.secret);
      for (const c of r.secret.credentials) nameOf.set(c, r.name);
    }
    const byStatus = (s: string) => p.pullSecrets.filter((r) => r.status === s).map((r) => r.name);
    const matching = lazy(() => uniq(images.flatMap((i) => matchCredentials(i, found))).map((c) => keyView(nameOf.get(c), c)));
    const loose = this.model.looseDockerConfigs;
    return {
      refs: p.pullSecrets.map((r) =>
        clean({
          name: r.name,
          via: r.via,
          status: r.status,
          type: r.secret?.type,
          $value: r.name,
          $source: r.secret?.source ?? p.sources[0],
          $excerpt: `pull secret ${r.name} (${r.via}): ${r.status}${r.secret?.type ? `, ${r.secret.type}` : ''}`,
        }),
      ),
      found: byStatus('found'),
      missing: byStatus('missing'),
      unknown: byStatus('unknown'),
      elided: p.pullSecrets.filter((r) => r.secret?.valuesElided).map((r) => r.name),
      keys: lazy(() => found.flatMap((s) => s.credentials.map((c) => keyView(nameOf.get(c), c)))),
      matching,
      problems: lazy(() =>
        found.flatMap((s) => [
          ...s.problems.map((m) => ({ $value: `${s.name ?? 'dockerconfig'}: ${m}`, $source: s.source, $excerpt: `${s.name ?? 'dockerconfig'}: ${m}` })),
          ...s.credentials.flatMap((c) => c.problems.map((m) => ({ $value: `${s.name ?? 'dockerconfig'}: ${c.key}: ${m}`, $source: c.source, $excerpt: `${s.name ?? 'dockerconfig'}: ${c.key}: ${m}` }))),
        ]),
      ),
      loose: lazy(() => loose.flatMap((s) => s.credentials.map((c) => keyView(undefined, c)))),
      looseMatching: lazy(() => uniq(images.flatMap((i) => matchCredentials(i, loose))).map((c) => keyView(undefined, c))),
    };
  }

  container(p: Pod, c: Container, message?: ViewObject): ViewObject {
    const pull = pullFacts(c);
    const node = this.node(p.node);
    const img = c.image;
    const secrets = this.secrets(p, [img]);
    const dns = pull.cause ? dnsLookup(pull.cause) : {};
    // a Docker Hub tags list names `nginx` for `library/nginx`
    const tagsRecord = this.model.tagsLists.find((t) => t.repository === img.repository || `library/${t.repository}` === img.repository);
    const platforms = this.platformsFor(img.raw, img.canonical, img.familiar);
    const nodeResolv = p.node?.files.resolvConf;
    const podPart = this.pod(p);
    return clean({
      namespace: p.namespace,
      pod: podPart,
      container: c.name,
      init: c.init,
      workload: p.workload ? { $value: p.workload.name, kind: p.workload.kind, name: p.workload.name } : undefined,
      image: clean({
        $value: img.raw,
        raw: img.raw,
        registry: img.registry,
        repository: img.repository,
        tag: img.tag,
        digest: img.digest,
        canonical: img.canonical,
        familiar: img.familiar,
        error: img.error,
        implicitTag: img.implicitTag,
        implicitRegistry: img.implicitRegistry,
        valid: img.valid,
        $source: c.source,
        $excerpt: `image: ${img.raw}`,
      }),
      registry: img.registry,
      repository: img.repository,
      tag: img.tag ?? (img.implicitTag ? 'latest' : undefined),
      digest: img.digest,
      imagePullPolicy: c.imagePullPolicy,
      status: containerStatus(c),
      waiting: c.state?.waiting
        ? clean({ reason: c.state.waiting.reason, message: c.state.waiting.message, $source: c.stateSource ?? c.source, $excerpt: c.state.waiting.message ?? c.state.waiting.reason })
        : undefined,
      pull: clean({
        message: pull.message,
        cause: pull.message ? pull.cause : undefined,
        code: pull.code,
        flag: pull.flag,
        hasCause: pull.hasCause,
        from: pull.from,
        attempts: pull.attempts,
        lookupHost: dns.host,
        dnsServer: dns.server,
        dnsServerInResolv: dns.server && nodeResolv ? nodeResolv.nameservers.some((s) => s.address === dns.server) : undefined,
        $source: pull.source,
        $excerpt: pull.message,
      }),
      events: [...c.events.map(eventView), ...(podPart.events as ViewObject[])],
      secrets,
      secret: lazy(() => {
        const m = (secrets.matching as Lazy).get() as ViewObject[];
        return (m[0]?.secret as string | undefined) ?? (secrets.missing as string[])[0] ?? p.pullSecrets[0]?.name;
      }),
      node,
      tags: tagsRecord ? tagsRecord.tags.map((t) => ({ $value: t, $source: tagsRecord.source, $excerpt: `tags of ${tagsRecord.repository}` })) : undefined,
      tagExists: tagsRecord && img.tag ? tagsRecord.tags.includes(img.tag) : undefined,
      closestTag: lazy(() => (tagsRecord && img.tag ? closestTag(img.tag, tagsRecord.tags) : undefined)),
      platforms: platforms?.list,
      platformMatch: platforms && p.node?.architecture ? platforms.raw.some((pl) => platformFits(pl, p.node!)) : undefined,
      message,
      bundle: this.bundle,
    });
  }

  pod_(p: Pod, message?: ViewObject): ViewObject {
    const node = this.node(p.node);
    const podPart = this.pod(p);
    const containers = p.containers.map((c) => {
      const pull = pullFacts(c);
      return clean({
        $value: c.name,
        name: c.name,
        init: c.init,
        image: c.image.raw,
        registry: c.image.registry,
        status: containerStatus(c),
        waiting: c.state?.waiting ? clean({ reason: c.state.waiting.reason }) : undefined,
        pullFailing: isPullFailing(c),
        pull: clean({ cause: pull.message ? pull.cause : undefined, message: pull.message, hasCause: pull.hasCause, $source: pull.source, $excerpt: pull.message }),
        $source: c.stateSource ?? c.source,
      });
    });
    return clean({
      namespace: p.namespace,
      pod: podPart,
      workload: p.workload ? { $value: p.workload.name, kind: p.workload.kind, name: p.workload.name } : undefined,
      status: podStatus(p),
      events: [...(podPart.events as ViewObject[]), ...p.containers.flatMap((c) => c.events.map(eventView))],
      secrets: this.secrets(p, p.containers.map((c) => c.image)),
      node,
      containers,
      pullFailing: containers.filter((c) => c.pullFailing).length,
      message,
      bundle: this.bundle,
    });
  }

  nodeSubject(n: Node, message?: ViewObject): ViewObject {
    const node = this.node(n)!;
    return clean({
      node,
      events: node.events,
      pullFailures: { images: [...(this.pullFailuresByNode.get(n.name)?.images ?? [])].sort() },
      message,
      bundle: this.bundle,
    });
  }

  bundleSubject(): ViewObject {
    const m = this.model;
    const registries = new Set<string>();
    const nodes = new Set<string>();
    const images = new Set<string>();
    let containers = 0;
    let failing = 0;
    for (const p of m.pods) {
      for (const c of p.containers) {
        containers++;
        if (!isPullFailing(c)) continue;
        failing++;
        registries.add(c.image.registry);
        images.add(c.image.raw);
        if (p.nodeName) nodes.add(p.nodeName);
      }
    }
    return {
      bundle: this.bundle,
      counts: { pods: m.pods.length, containers, nodes: m.nodes.size, events: m.eventCount, pullFailures: failing },
      orphanEvents: m.orphanEvents.map(eventView),
      pullFailures: { registries: [...registries].sort(), nodes: [...nodes].sort(), images: [...images].sort() },
    };
  }

  private platformsFor(...names: string[]): { list: ViewObject[]; raw: ImagePlatform[] } | undefined {
    const wanted = new Set(names);
    for (const r of this.model.imagePlatforms) {
      if (!r.images.some((i) => wanted.has(i) || wanted.has(i.split('@')[0]))) continue;
      return {
        raw: r.platforms,
        list: r.platforms.map((pl) =>
          clean({ $value: [pl.os, pl.architecture, pl.variant].filter(Boolean).join('/'), os: pl.os, architecture: pl.architecture, variant: pl.variant, $source: r.source, $excerpt: [pl.os, pl.architecture, pl.variant].filter(Boolean).join('/') }),
        ),
      };
    }
    return undefined;
  }
}

function platformFits(pl: ImagePlatform, n: Node): boolean {
  if (pl.architecture !== n.architecture) return false;
  return !n.operatingSystem || !pl.os || pl.os === n.operatingSystem;
}

function runtimeVersionOf(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const i = v.indexOf('://');
  return i >= 0 ? v.slice(i + 3) : v;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export type { SourceRef, PullSecret };

export { isPodPullFailing, isPullFailing };
