import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/common/secrets.js';
import { classifyPath, parseFile } from '../../src/parsers/index.js';
import type { SecretRecord } from '../../src/parsers/records.js';
import { redactFile } from '../../src/redact/redact-file.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function secret(name: string, type: string, data: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    data,
    kind: 'Secret',
    metadata: { creationTimestamp: '2026-11-19T16:48:09Z', name, namespace: 'shop', resourceVersion: '2287341', uid: `uid-${name}` },
    type,
  };
}

function list(items: Record<string, unknown>[]): Buffer {
  return Buffer.from(JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4) + '\n');
}

/** What podmortem's own parser makes of a secrets file: everything but fingerprints, which must change. */
function parsedSecrets(path: string, content: Buffer) {
  const c = classifyPath(path);
  const res = parseFile({ file: path, node: c.node, namespace: c.namespace, kind: c.kind }, content);
  const secrets = (res?.records ?? []).filter((r): r is SecretRecord => r.kind === 'secret');
  return secrets.map((s) => ({
    name: s.name,
    type: s.type,
    problems: s.dockerConfig?.problems,
    entries: s.dockerConfig?.entries.map((e) => ({ ...e, fingerprint: e.fingerprint ? 'set' : undefined })),
  }));
}

const dcj = (auths: Record<string, Record<string, string>>) => b64(JSON.stringify({ auths }));

describe('pull secrets keep their shape', () => {
  const items = [
    secret('acme-internal', 'kubernetes.io/dockerconfigjson', {
      '.dockerconfigjson': dcj({
        'registry.acme.internal': { username: 'ci-bot', password: 'FAKE-redact-canary-pw-1', auth: b64('ci-bot:FAKE-redact-canary-pw-1') },
        'https://index.docker.io/v1/': { username: 'acmeshop', password: 'FAKE-redact-canary-pw-5', email: 'ops@acme.example' },
        'ghcr.io': { auth: b64('acme-bot:FAKE-redact-canary-pw-1') },
      }),
    }),
    // malformed in every way the parser reports
    secret('bad-base64', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': 'eyJhdXRocyI6e30K!!FAKE-redact-canary-blob' }),
    secret('not-json', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': b64('{"auths": {"r.example": {"password": "FAKE-redact-canary-pw-6"') }),
    secret('auth-no-colon', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': dcj({ 'quay.io': { auth: b64('FAKE-redact-canary-token-7') } }) }),
    secret('auth-bad-b64', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': dcj({ 'quay.io': { auth: 'FAKE-redact-canary-pw-8!' } }) }),
    secret('empty-password', 'kubernetes.io/dockerconfigjson', {
      '.dockerconfigjson': dcj({ 'harbor.shop.example.com': { username: 'robot$shop+puller', password: '', auth: b64('robot$shop+puller:') } }),
    }),
    secret('token-only', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': dcj({ 'myregistry.azurecr.io': { username: '00000000-0000-0000-0000-000000000000', identitytoken: 'FAKE-redact-canary-token-9' } }) }),
    secret('db', 'Opaque', { 'db-password': b64('FAKE-redact-canary-pw-2'), host: b64('db.acme.internal') }),
  ];
  const input = list(items);
  const out = redactFile('podmortem-bundle/secrets.json', input);
  const text = out.content!.toString('utf8');
  const decodedAll = text + '\n' + decodeAllBase64(text);

  it('hides every canary, also inside base64 and nested base64', () => {
    for (const canary of ['FAKE-redact-canary-pw-1', 'FAKE-redact-canary-pw-5', 'FAKE-redact-canary-pw-6', 'FAKE-redact-canary-token-7', 'FAKE-redact-canary-pw-8', 'FAKE-redact-canary-token-9', 'FAKE-redact-canary-pw-2', 'FAKE-redact-canary-blob']) {
      expect(decodedAll).not.toContain(canary);
      expect(text).not.toContain(b64(canary));
    }
  });

  it('parses to the same entries and problems as the original', () => {
    expect(parsedSecrets('podmortem-bundle/secrets.json', out.content!)).toEqual(parsedSecrets('podmortem-bundle/secrets.json', input));
    const problems = parsedSecrets('podmortem-bundle/secrets.json', out.content!).map((s) => [s.name, s.problems]);
    expect(problems).toContainEqual(['bad-base64', ['data..dockerconfigjson: secret data is not valid base64']]);
    expect(problems).toContainEqual(['not-json', ['.dockerconfigjson is not valid JSON']]);
  });

  it('keeps registry hosts, usernames and email, and gives equal passwords one fingerprint', () => {
    for (const kept of ['registry.acme.internal', 'ci-bot', 'https://index.docker.io/v1/', 'acmeshop', 'ops@acme.example', 'ghcr.io', 'acme-bot', 'robot$shop+puller']) {
      expect(decodedAll).toContain(kept);
    }
    const pw1 = `***REDACTED-PASSWORD-${fingerprint('FAKE-redact-canary-pw-1')}***`;
    // password field, auth of registry.acme.internal, auth of ghcr.io: the same password three times
    expect(decodedAll.split(pw1).length - 1).toBe(3);
    expect(decodedAll).toContain(`ci-bot:${pw1}`);
    // Opaque data: keyed by the decoded value, so an env var holding it gets the same fingerprint
    expect(text).toContain(`"db-password": "***REDACTED-PASSWORD-${fingerprint('FAKE-redact-canary-pw-2')}***"`);
    expect(text).toContain(`"host": "***REDACTED-SECRET-${fingerprint('db.acme.internal')}***"`);
    expect(decodedAll).toContain(`"identitytoken":"***REDACTED-TOKEN-${fingerprint('FAKE-redact-canary-token-9')}***"`);
  });

  it('counts per kind, and keeps the layout line for line', () => {
    expect(out.counts).toEqual({ PASSWORD: 6, AUTH: 2, TOKEN: 1, SECRET: 2 });
    expect(text.split('\n').length).toBe(input.toString('utf8').split('\n').length);
    expect(() => JSON.parse(text)).not.toThrow();
  });
});

describe('other Secret sources', () => {
  it('troubleshoot secret collector files: value and data are hidden, dockerconfig values keep their shape', () => {
    const doc = {
      namespace: 'payments',
      name: 'regcred',
      key: '.dockerconfigjson',
      secretExists: true,
      keyExists: true,
      value: JSON.stringify({ auths: { 'registry.payments.internal': { username: 'deploy', password: 'FAKE-redact-canary-pw-10', auth: b64('deploy:FAKE-redact-canary-pw-10') } } }),
    };
    const input = Buffer.from(JSON.stringify(doc, null, 2));
    const out = redactFile('support-bundle/secrets/payments/regcred/.dockerconfigjson.json', input).content!.toString();
    expect(out + decodeAllBase64(out)).not.toContain('FAKE-redact-canary-pw-10');
    const value = JSON.parse(out).value as string;
    const auths = JSON.parse(value).auths['registry.payments.internal'];
    expect(auths.username).toBe('deploy');
    expect(Buffer.from(auths.auth, 'base64').toString()).toBe(`deploy:***REDACTED-PASSWORD-${fingerprint('FAKE-redact-canary-pw-10')}***`);
  });

  it('must-gather YAML: elided values stay as they are, real ones are hidden, stringData too', () => {
    const yaml = [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1',
      '  data:',
      '    .dockerconfigjson: 312 bytes long',
      '  kind: Secret',
      '  metadata:',
      '    name: pull-secret',
      '    namespace: openshift-config',
      '  type: kubernetes.io/dockerconfigjson',
      '- apiVersion: v1',
      '  kind: Secret',
      '  metadata:',
      '    name: app',
      '    namespace: shop',
      '  stringData:',
      '    api-key: FAKE-redact-canary-key-11',
      '    config.yaml: |',
      '      endpoint: https://api.acme.example',
      '      password: FAKE-redact-canary-pw-12',
      '  type: Opaque',
      '',
    ].join('\n');
    const r = redactFile('must-gather/namespaces/shop/core/secrets.yaml', Buffer.from(yaml));
    const out = r.content!.toString();
    expect(r.treatment).toBe('yaml');
    expect(out).toContain('.dockerconfigjson: 312 bytes long');
    expect(out).not.toContain('FAKE-redact-canary');
    expect(out).toContain(`api-key: "***REDACTED-KEY-${fingerprint('FAKE-redact-canary-key-11')}***"`);
    expect(out.split('\n').length).toBe(yaml.split('\n').length);
    expect(out.split('\n')[20]).toBe('  type: Opaque');
  });
});

/** Every base64-looking run of 16+ characters, decoded (twice, for auth inside a dockerconfig). */
function decodeAllBase64(text: string): string {
  const out: string[] = [];
  const once = (t: string) => {
    const found: string[] = [];
    for (const m of t.matchAll(/[A-Za-z0-9+/]{16,}={0,2}/g)) found.push(Buffer.from(m[0], 'base64').toString('utf8'));
    return found;
  };
  for (const d of once(text)) {
    out.push(d);
    out.push(...once(d));
  }
  return out.join('\n');
}
