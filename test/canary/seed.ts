/**
 * Seeds a copy of a sample bundle with fake credentials in every place a
 * real bundle carries them. Each canary is unique per sample and per
 * location, so a leak names exactly where it came from.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Parser } from 'tar';
import { paxEntry, tarArchive, tarEntry } from '../bundle/craft.js';

export const LOCATIONS = [
  'SECRET-AUTH', // base64(user:pw) in a Secret's .dockerconfigjson
  'SECRET-PW', // password field there
  'SECRET-IDTOKEN',
  'SECRET-REGTOKEN',
  'DOCKERCFG-AUTH', // a decoded docker config.json file
  'DOCKERCFG-PW',
  'DOCKERCFG-IDTOKEN',
  'ENV-PW', // pod env DB_PASSWORD
  'JOURNAL-TOKEN', // Authorization: Bearer in a kubelet journal line
  'DESCRIBE-TOKEN', // Authorization: Bearer in a describe Events row
  'URL-PW', // https://ci:pw@registry in a pull error
  'EVENT-PW', // password=... in an event message
] as const;
export type Location = (typeof LOCATIONS)[number];

export interface Seeded {
  sample: string;
  /** the seeded copy (directory or .tar.gz) */
  path: string;
  canaries: Record<Location, string>;
  /** user:password strings whose base64 must not appear either */
  userPasswords: string[];
  /** the seeded files, relative to the bundle root as podmortem names them */
  files: string[];
  /** the canary pod, namespace/name */
  pod: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function canariesFor(n: number): Record<Location, string> {
  return Object.fromEntries(LOCATIONS.map((l) => [l, `CANARY-${l}-${n}-x7Q`])) as Record<Location, string>;
}

/** The files to add, keyed by path relative to the directory they go in. */
export function canaryFiles(n: number, c: Record<Location, string>): Record<string, string> {
  const ns = 'shop';
  const pod = `canary-api-${n}-7d9c6b5f4d-x2x9k`;
  const image = `registry.example.com/shop/canary-api:${n}.0.1`;
  const user = `canary-user-${n}`;
  const dockerconfigjson = JSON.stringify({
    auths: {
      'registry.example.com': { username: user, password: c['SECRET-PW'], auth: b64(`${user}:${c['SECRET-AUTH']}`), identitytoken: c['SECRET-IDTOKEN'], registrytoken: c['SECRET-REGTOKEN'] },
    },
  });
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/dockerconfigjson',
    metadata: { name: `canary-pull-${n}`, namespace: ns },
    data: { '.dockerconfigjson': b64(dockerconfigjson) },
  };
  const dockerconfig = {
    auths: {
      'registry.example.com': { auth: b64(`${user}:${c['DOCKERCFG-AUTH']}`) },
      'ghcr.io': { username: user, password: c['DOCKERCFG-PW'] },
      'quay.io': { identitytoken: c['DOCKERCFG-IDTOKEN'] },
    },
  };
  const pullError = `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://ci:${c['URL-PW']}@registry.example.com/token?scope=repository%3Ashop%2Fcanary-api%3Apull&service=registry.example.com: 401 Unauthorized`;
  const pods = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: pod, namespace: ns },
        spec: {
          nodeName: 'ip-10-0-9-99.eu-west-1.compute.internal',
          imagePullSecrets: [{ name: `canary-pull-${n}` }],
          containers: [{ name: 'api', image, env: [{ name: 'DB_PASSWORD', value: c['ENV-PW'] }, { name: 'LOG_LEVEL', value: 'info' }] }],
        },
        status: { phase: 'Pending', containerStatuses: [{ name: 'api', image, ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull', message: pullError } } }] },
      },
    ],
  };
  const events = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${pod}.1`, namespace: ns },
        involvedObject: { kind: 'Pod', name: pod, namespace: ns, fieldPath: 'spec.containers{api}' },
        reason: 'Failed',
        type: 'Warning',
        message: `Failed to pull image "${image}": ${pullError.replace(c['URL-PW'], c['URL-PW'])}; retry with password=${c['EVENT-PW']}`,
        source: { component: 'kubelet', host: 'ip-10-0-9-99.eu-west-1.compute.internal' },
        count: 4,
        lastTimestamp: '2026-11-20T09:05:00Z',
      },
    ],
  };
  const journal =
    `Nov 24 09:12:01 ip-10-0-9-99 kubelet[1187]: E1124 09:12:01.514276    1187 remote_image.go:180] "PullImage from image service failed" err="${pullError.replace(/"/g, '\\"')}" image="${image}"\n` +
    `Nov 24 09:12:01 ip-10-0-9-99 containerd[880]: time="2026-11-24T09:12:01Z" level=debug msg="do request" request.header.authorization="Authorization: Bearer ${c['JOURNAL-TOKEN']}" url="https://registry.example.com/v2/shop/canary-api/manifests/${n}.0.1"\n`;
  const describe = `Name:             ${pod}
Namespace:        ${ns}
Node:             ip-10-0-9-99.eu-west-1.compute.internal/10.0.9.99
Status:           Pending
Containers:
  api:
    Image:          ${image}
    State:          Waiting
      Reason:       ErrImagePull
    Ready:          False
    Environment:
      DB_PASSWORD:  ${c['ENV-PW']}
Events:
  Type     Reason   Age   From     Message
  ----     ------   ----  ----     -------
  Warning  Failed   2m    kubelet  Failed to pull image "${image}": rpc error: code = Unknown desc = failed to authorize: GET https://registry.example.com/token with header Authorization: Bearer ${c['DESCRIBE-TOKEN']}: 401 Unauthorized
`;
  return {
    'canary/secret.json': JSON.stringify(secret, null, 2) + '\n',
    'canary/dockerconfig.json': JSON.stringify(dockerconfig, null, 2) + '\n',
    'canary/pods.json': JSON.stringify(pods, null, 2) + '\n',
    'canary/events.json': JSON.stringify(events, null, 2) + '\n',
    'canary/journal-kubelet.txt': journal,
    'canary/describe-pod.txt': describe,
  };
}

/** Where added files go: inside the one top-level folder of a bundle when it has one (its layout root). */
function layoutRoot(entries: string[]): string {
  const tops = new Set(entries.map((e) => e.split('/')[0]));
  return tops.size === 1 && entries.every((e) => e.includes('/')) ? `${[...tops][0]}/` : '';
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, rel))) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(join(root, p)).isDirectory()) out.push(...listFiles(root, p));
    else out.push(p);
  }
  return out;
}

export function seedDirectory(sampleDir: string, dest: string, n: number): { files: string[] } {
  cpSync(sampleDir, dest, { recursive: true });
  const prefix = layoutRoot(listFiles(dest));
  const files: string[] = [];
  for (const [rel, text] of Object.entries(canaryFiles(n, canariesFor(n)))) {
    const p = join(dest, prefix, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    files.push(prefix + rel);
  }
  return { files };
}

/** Reads a .tar.gz in memory, adds the canary files inside its root folder, writes a new .tar.gz. */
export function seedTarGz(sampleTgz: string, dest: string, n: number): { files: string[] } {
  const entries: { path: string; body: Buffer }[] = [];
  const parser = new Parser({
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (b: Buffer) => chunks.push(b));
      entry.on('end', () => {
        if (entry.type === 'File') entries.push({ path: entry.path, body: Buffer.concat(chunks) });
      });
    },
  });
  parser.end(gunzipSync(readFileSync(sampleTgz)));
  const prefix = layoutRoot(entries.map((e) => e.path));
  const files: string[] = [];
  for (const [rel, text] of Object.entries(canaryFiles(n, canariesFor(n)))) {
    entries.push({ path: prefix + rel, body: Buffer.from(text) });
    files.push(prefix + rel);
  }
  const parts = entries.map((e) => (Buffer.byteLength(e.path) < 100 ? tarEntry(e.path, e.body) : paxEntry(e.path, e.body.toString('utf8'))));
  writeFileSync(dest, gzipSync(tarArchive(...parts)));
  return { files };
}

export function seedSample(samplesDir: string, sample: string, destDir: string, n: number): Seeded {
  const src = join(samplesDir, sample);
  const canaries = canariesFor(n);
  const isTgz = sample.endsWith('.tar.gz');
  const path = join(destDir, sample);
  const { files } = isTgz ? seedTarGz(src, path, n) : seedDirectory(src, path, n);
  const user = `canary-user-${n}`;
  return {
    sample,
    path,
    canaries,
    userPasswords: [`${user}:${canaries['SECRET-AUTH']}`, `${user}:${canaries['DOCKERCFG-AUTH']}`],
    files,
    pod: `shop/canary-api-${n}-7d9c6b5f4d-x2x9k`,
  };
}

/**
 * Substrings that appear in any base64 text that encodes `s`, whatever its
 * alignment inside the encoded stream (0, 1 or 2 bytes before it): the
 * encoding of s with the partial groups at both ends cut off.
 */
export function base64Needles(s: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k, 0x41), Buffer.from(s)]).toString('base64');
    const start = Math.ceil((k * 4) / 3) + (k > 0 ? 1 : 0);
    const usable = Math.floor((k + Buffer.byteLength(s)) / 3) * 4;
    const core = enc.slice(start, usable - 4);
    if (core.length >= 8) out.push(core);
  }
  return out;
}

/** Every form of every canary of a seeded sample that must not appear in an output, with the label that names it. */
export function needlesOf(s: Seeded): { label: string; needle: string }[] {
  const out: { label: string; needle: string }[] = [];
  for (const loc of LOCATIONS) {
    const v = s.canaries[loc];
    out.push({ label: `${s.sample} ${loc}`, needle: v });
    for (const b of base64Needles(v)) out.push({ label: `${s.sample} ${loc} (base64)`, needle: b });
  }
  for (const [i, up] of s.userPasswords.entries()) {
    const loc = i === 0 ? 'SECRET-AUTH' : 'DOCKERCFG-AUTH';
    const enc = Buffer.from(up).toString('base64');
    out.push({ label: `${s.sample} ${loc} (base64(user:password))`, needle: enc.slice(0, -4) });
    // inside a Secret's data the auth value is encoded twice
    for (const b of base64Needles(enc)) out.push({ label: `${s.sample} ${loc} (base64 of base64(user:password))`, needle: b });
  }
  return out;
}
