import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/common/secrets.js';
import type { KindCounts } from '../../src/redact/markers.js';
import { redactText } from '../../src/redact/text-scan.js';

const fixture = (name: string) => readFileSync(`test/fixtures/redact/${name}`, 'utf8');
const m = (kind: string, value: string) => `***REDACTED-${kind}-${fingerprint(value)}***`;

describe('kubectl describe pod', () => {
  const input = fixture('describe-pod-env.txt');
  const counts: KindCounts = {};
  const out = redactText(input, counts);
  const lines = out.split('\n');

  it('hides credential-named env values and URL passwords, keeps the rest', () => {
    expect(out).toContain(`      DB_PASSWORD:        ${m('PASSWORD', 'FAKE-redact-canary-pw-2')}\n`);
    expect(out).toContain(`      STRIPE_API_KEY:     ${m('KEY', 'FAKE-redact-canary-key-13')}\n`);
    expect(out).toContain(`      REGISTRY_URL:       https://ci:${m('URL-CREDENTIAL', 'FAKE-redact-canary-pw-4')}@registry.acme.internal/v2/\n`);
    expect(out).toContain("      SESSION_SECRET:     <set to the key 'session' in secret 'checkout-env'>  Optional: false\n");
    expect(out).toContain('      DB_HOST:            db.shop.svc.cluster.local\n');
    expect(out).toContain('    TokenExpirationSeconds:  3607\n');
    expect(counts).toEqual({ PASSWORD: 1, KEY: 1, 'URL-CREDENTIAL': 1 });
  });

  it('leaves every other line byte-identical (events, states, images)', () => {
    const before = input.split('\n');
    expect(lines.length).toBe(before.length);
    const differing = before.map((l, i) => (l === lines[i] ? -1 : i + 1)).filter((i) => i > 0);
    expect(differing).toEqual([28, 29, 31]);
  });
});

describe('node journal', () => {
  const input = fixture('kubelet-journal.txt');
  const counts: KindCounts = {};
  const out = redactText(input, counts);

  it('hides bearer tokens, URL passwords, cloud keys, forge tokens, JWTs and private keys', () => {
    for (const canary of ['FAKE-redact-canary-token-3', 'FAKE-redact-canary-pw-4', 'AKIAZ7FAKEREDACT0013', 'FAKEredactCanaryAwsSecret0014', 'FAKEredactCanaryAwsSecret0015', 'glpat-FAKEredactCanary0016', 'ghp_FAKEredactCanary0017', 'FAKE-redact-canary-pw-18', 'eyJzdWIiOiJGQUtFLXJlZGFjdC1jYW5hcnktand0LTE5In0', 'FAKEredactCanaryPrivateKey20']) {
      expect(out).not.toContain(canary);
    }
    expect(out).toContain(`request.header.authorization="Bearer ${m('TOKEN', 'FAKE-redact-canary-token-3')}"`);
    expect(out).toContain(`url="https://ci:${m('URL-CREDENTIAL', 'FAKE-redact-canary-pw-4')}@registry.acme.internal/service/token?scope=`);
    expect(out).toContain(`aws_access_key_id ${m('KEY', 'AKIAZ7FAKEREDACT0013')} && aws configure set aws_secret_access_key ${m('KEY', 'FAKEredactCanaryAwsSecret0014abcdeGHIJKL')}`);
    expect(out).toContain(`--password=${m('PASSWORD', 'FAKE-redact-canary-pw-18')} registry.acme.internal`);
    expect(out).toContain('"user":"ci"');
    expect(out).toContain('-----BEGIN EC PRIVATE KEY-----\n***REDACTED-PRIVATE-KEY-');
    expect(counts).toEqual({ TOKEN: 3, 'URL-CREDENTIAL': 2, KEY: 3, PASSWORD: 1, 'PRIVATE-KEY': 1 });
  });

  it('keeps challenges, runtime errors, secret names and troubleshoot masks as they are', () => {
    expect(out).toContain('response.header.www-authenticate="Bearer realm=\\"https://registry.acme.internal/service/token\\",service=\\"harbor-registry\\"');
    expect(out).toContain('pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    expect(out).toContain('secret="" err="secret \\"acme-internal\\" not found"');
    expect(out).toContain('password=***HIDDEN***');
    expect(out.split('\n').length).toBe(input.split('\n').length);
  });
});

describe('small cases', () => {
  const red = (s: string) => redactText(s, {});
  it.each([
    ['invalid username/password: unauthorized: incorrect username or password', 'unchanged'],
    ['Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password', 'unchanged'],
    ['failed to fetch anonymous token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Alibrary%2Fnginx%3Apull&service=registry.docker.io: 401 Unauthorized', 'unchanged'],
    ['Authorization: Basic realm="Harbor"', 'unchanged'],
    ['password: $DB_PASSWORD', 'unchanged'],
    ['password: <your password>', 'unchanged'],
    ['imagePullSecrets: regcred', 'unchanged'],
    ['Basic Y2k6RkFLRS1yZWRhY3QtY2FuYXJ5', `Basic ${m('AUTH', 'Y2k6RkFLRS1yZWRhY3QtY2FuYXJ5')}`],
    ['oci://robot:s3cr3t@harbor.example/charts', `oci://robot:${m('URL-CREDENTIAL', 's3cr3t')}@harbor.example/charts`],
    ['postgres://app:p4ss@db:5432/app?sslmode=disable', `postgres://app:${m('URL-CREDENTIAL', 'p4ss')}@db:5432/app?sslmode=disable`],
    ['https://user@host/path', 'unchanged'],
    ['x token=abc123&y=1', `x token=${m('TOKEN', 'abc123')}&y=1`],
    ['"client_secret": "s3cr3t-value"', `"client_secret": "${m('SECRET', 's3cr3t-value')}"`],
    ['{\\"password\\":\\"pw-in-escaped-json\\"}', `{\\"password\\":\\"${m('PASSWORD', 'pw-in-escaped-json')}\\"}`],
    ['  passwd: hunter2 hunter3', `  passwd: ${m('PASSWORD', 'hunter2 hunter3')}`],
    ['sha256:6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9', 'unchanged'],
  ])('%s', (input, expected) => {
    expect(red(input)).toBe(expected === 'unchanged' ? input : expected);
  });
});
