import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REDACTED, scrubSecrets } from '../../src/report/scrub.js';

describe('scrubSecrets masks credentials', () => {
  const cases: [string, string, string][] = [
    ['JSON password', '{"username":"bob","password":"FAKE-pw-1"}', '{"username":"bob","password":"***REDACTED***"}'],
    ['JSON password with spaces', '"password" : "FAKE pw with spaces"', '"password" : "***REDACTED***"'],
    ['dockerconfig auth', '{"auths":{"ghcr.io":{"auth":"Ym9iOkZBS0UtcHc="}}}', '{"auths":{"ghcr.io":{"auth":"***REDACTED***"}}}'],
    ['identitytoken', '"identitytoken": "FAKE-idtok-9"', '"identitytoken": "***REDACTED***"'],
    ['registrytoken', '"registrytoken":"FAKE-regtok"', '"registrytoken":"***REDACTED***"'],
    ['JSON in a JSON string', '{"last":"{\\"auths\\":{\\"x\\":{\\"auth\\":\\"Ym9iOnB3\\"}}}"}', '{"last":"{\\"auths\\":{\\"x\\":{\\"auth\\":\\"***REDACTED***\\"}}}"}'],
    ['single quotes', "{'password': 'FAKE-pw-2'}", "{'password': '***REDACTED***'}"],
    ['password= in a URL query', 'GET /login?user=bob&password=FAKE-pw-3&x=1', 'GET /login?user=bob&password=***REDACTED***&x=1'],
    ['token=', 'curl https://r.example/v2/?token=FAKE-tok-4 -v', 'curl https://r.example/v2/?token=***REDACTED*** -v'],
    ['CLI flag', 'kubectl create secret docker-registry r --docker-password=FAKE-pw-5 --docker-email=a@b.c', 'kubectl create secret docker-registry r --docker-password=***REDACTED*** --docker-email=a@b.c'],
    ['quoted CLI value', "--docker-password='FAKE pw 6'", "--docker-password='***REDACTED***'"],
    ['ini / AWS credentials', 'aws_secret_access_key = FAKEwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE', 'aws_secret_access_key = ***REDACTED***'],
    ['YAML at line start', 'data:\n  password: FAKE-pw-7\n  username: bob', 'data:\n  password: ***REDACTED***\n  username: bob'],
    ['YAML list item', '- token: FAKE-tok-8', '- token: ***REDACTED***'],
    ['Authorization Bearer', 'Authorization: Bearer FAKE-canary-token', 'Authorization: Bearer ***REDACTED***'],
    ['Authorization Basic', 'authorization: Basic Ym9iOkZBS0UtcHc=', 'authorization: Basic ***REDACTED***'],
    ['Authorization short token', 'Authorization: Bearer abc', 'Authorization: Bearer ***REDACTED***'],
    ['bare Bearer', 'sent Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln to the registry', 'sent Bearer ***REDACTED*** to the registry'],
    ['URL user info', 'Get "https://bob:FAKE-url-pw@registry.example/v2/": x509', 'Get "https://bob:***REDACTED***@registry.example/v2/": x509'],
    ['JWT alone', 'token was eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl here', 'token was ***REDACTED*** here'],
    ['base64 dockerconfig blob', '.dockerconfigjson: eyJhdXRocyI6eyJnaGNyLmlvIjp7ImF1dGgiOiJZbTlpT25CMyJ9fX0=', '.dockerconfigjson: ***REDACTED***'],
    ['secret data key', '{"data":{".dockerconfigjson":"eyJhdXRocyI6e319"}}', '{"data":{".dockerconfigjson":"***REDACTED***"}}'],
    ['AWS secret-like key alone', 'key wJalrXUtnFEMIK7MDENGbPxRfiCYFAKEKEY12345 leaked', `key ${REDACTED} leaked`],
    ['AWS access key id', 'id AKIAIOSFODNN7EXAMPLE used', `id ${REDACTED} used`],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });
});

describe('scrubSecrets keeps what is not a credential', () => {
  const kept = [
    'unable to retrieve auth token: invalid username/password: unauthorized: authentication required',
    'failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Aacme%2Fapi%3Apull&service=registry.docker.io: 401 Unauthorized',
    'www-authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:acme/api:pull"',
    'a 401 challenge with Bearer authentication makes containerd fetch a token',
    'no basic auth credentials',
    "kubectl create secret docker-registry regcred --docker-server=ghcr.io --docker-username=bob --docker-password='<token with read:packages>'",
    'docker login --password-stdin ghcr.io',
    'echo "$REGISTRY_PASSWORD" | docker login -u bob --password-stdin',
    '--docker-password=$PASSWORD',
    'image sha256:9f2a61e0c4b1d7a3e8f5c2b9d6a0e3f7c1b4d8a2e5f9c3b7d0a4e8f2c6b1d5a9 and commit 3f9a1c2e3f9a1c2e3f9a1c2e3f9a1c2e3f9a1c2e',
    'volumes:\n- secret:\n    secretName: regcred',
    '{"https://index.docker.io/v1/":"acmebot"}',
    'fingerprint 3f9a1c2e, username bob, hasPassword true',
    `already ${REDACTED} here: "password":"${REDACTED}"`,
  ];
  it.each(kept)('%j', (text) => {
    expect(scrubSecrets(text)).toBe(text);
  });

  it('leaves every real image-pull error of the case corpus unchanged', () => {
    const lines = readFileSync('/work/shared/cases/messages.jsonl', 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(150);
    const changed = lines.map((l) => (JSON.parse(l) as { message: string }).message).filter((m) => scrubSecrets(m) !== m);
    expect(changed).toEqual([]);
  });
});

describe('scrubSecrets properties', () => {
  it('is idempotent', () => {
    const piece = fc.constantFrom('password', 'token', 'auth', '"', "'", ':', '=', ' ', '\n', 'Bearer ', 'https://', 'u', '@', 'x1', 'eyJ', 'A', '-', '$', '<');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), (text) => {
        const once = scrubSecrets(text);
        expect(scrubSecrets(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('never leaks a value written after password=, "auth": or Bearer', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{6,20}[0-9]$/);
    const prefix = fc.constantFrom('x ', '', 'a\n', '{');
    fc.assert(
      fc.property(prefix, secret, (p, s) => {
        for (const text of [`${p}password=${s}`, `${p}"auth":"${s}"`, `${p}Authorization: Bearer ${s}`, `${p}https://u:${s}@h/`]) {
          expect(scrubSecrets(text)).not.toContain(s);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('runs in linear time on adversarial input', () => {
    const patterns = ['password=', '"auth":"', 'Bearer ', 'https://a:', 'eyJ', 'a'.repeat(39) + 'B1 ', '"password" ', '\\"auth\\":\\"'];
    const build = (n: number) => patterns.map((p) => p.repeat(Math.ceil(n / p.length)).slice(0, n)).join('\n');
    const time = (text: string) => {
      const t0 = performance.now();
      scrubSecrets(text);
      return performance.now() - t0;
    };
    time(build(10_000)); // warm-up
    const small = time(build(200_000));
    const large = time(build(800_000));
    expect(large).toBeLessThan(2000);
    // 4x the input: a linear scan takes about 4x; quadratic would take about 16x
    expect(large / Math.max(small, 1)).toBeLessThan(10);
  });
});
