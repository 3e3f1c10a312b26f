import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/common/secrets.js';
import type { SecretRecord } from '../../../src/parsers/records.js';
import { parseStructured } from '../../../src/parsers/structured/index.js';

const FIX = 'test/fixtures/structured';
const listText = readFileSync(`${FIX}/secrets-list.json`, 'utf8');
const result = parseStructured(listText, { file: 'podmortem-bundle/secrets.json', kind: 'secrets' })!;
const byName = new Map((result.records as SecretRecord[]).map((s) => [s.name, s]));

/** Every secret value the fixtures hold, raw and as stored (base64), must be absent from any output. */
function canaries(): string[] {
  const out = ['CANARY'];
  for (const item of JSON.parse(listText).items) for (const v of Object.values(item.data ?? {}) as string[]) out.push(v);
  const loose = JSON.parse(readFileSync(`${FIX}/docker-config.json`, 'utf8'));
  out.push(loose.auths['ghcr.io'].auth);
  return out;
}

describe('pull secrets in a SecretList', () => {
  it('reads every secret with namespace, name and type', () => {
    expect(result.kind).toBe('secrets');
    expect(result.warnings).toEqual([]);
    expect([...byName.keys()]).toEqual(JSON.parse(listText).items.map((i: { metadata: { name: string } }) => i.metadata.name));
    expect(byName.get('tls-cert')).toMatchObject({ namespace: 'shop', type: 'kubernetes.io/tls' });
    expect(byName.get('tls-cert')?.dockerConfig).toBeUndefined();
  });

  it('valid dockerconfigjson: username, presence flags and the fingerprint of the password, at the data line', () => {
    const s = byName.get('regcred')!;
    expect(s.dockerConfig).toMatchObject({ format: 'dockerconfigjson', problems: [] });
    const e = s.dockerConfig!.entries[0];
    expect(e).toMatchObject({ key: 'registry.acme.internal:5000', username: 'ci-bot', hasPassword: true, hasAuth: true, authValid: true, hasIdentityToken: false, problems: [] });
    expect(e.fingerprint).toBe(fingerprint('CANARY-pw-valid-1'));
    expect(listText.split('\n')[e.source.line! - 1]).toContain('".dockerconfigjson"');
  });

  it('reports each malformed form, without the values', () => {
    expect(byName.get('bad-b64')!.dockerConfig!.problems).toEqual(['data..dockerconfigjson: secret data is not valid base64']);
    expect(byName.get('bad-json')!.dockerConfig!.problems).toEqual(['.dockerconfigjson is not valid JSON']);
    expect(byName.get('auth-no-colon')!.dockerConfig!.entries[0]).toMatchObject({
      key: 'https://index.docker.io/v1/',
      authValid: false,
      problems: ['"auth" does not decode to "username:password"'],
    });
    expect(byName.get('auth-no-colon')!.dockerConfig!.entries[0].fingerprint).toBeUndefined();
    expect(byName.get('empty-password')!.dockerConfig!.entries[0]).toMatchObject({ key: 'quay.io', username: 'robot+shop', hasPassword: false, problems: ['empty password'] });
    expect(byName.get('user-mismatch')!.dockerConfig!.entries[0]).toMatchObject({ username: 'bob', authValid: true });
    expect(byName.get('user-mismatch')!.dockerConfig!.entries[0].problems).toEqual(['"username" and the user inside "auth" disagree (the kubelet uses "auth")']);
    expect(byName.get('user-mismatch')!.dockerConfig!.entries[0].fingerprint).toBe(fingerprint('CANARY-pw-6b'));
    expect(byName.get('no-auths')!.dockerConfig!.problems).toEqual(['no "auths" map (a .dockerconfigjson must be {"auths": {...}})']);
  });

  it('legacy dockercfg, Opaque holder and token-only entries', () => {
    const legacy = byName.get('legacy-dockercfg')!.dockerConfig!;
    expect(legacy).toMatchObject({ format: 'dockercfg', problems: [] });
    expect(legacy.entries[0]).toMatchObject({ key: 'https://index.docker.io/v1/', username: 'acmeops', authValid: true, fingerprint: fingerprint('CANARY-dockercfg-4') });
    // the type problem itself is the model's (toPullSecret); the parser keeps type and decoded entries
    const opaque = byName.get('opaque-holder')!;
    expect(opaque.type).toBe('Opaque');
    expect(opaque.dockerConfig!.entries[0]).toMatchObject({ key: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: 'AWS', hasPassword: true });
    expect(byName.get('token-only')!.dockerConfig!.entries[0]).toMatchObject({ hasIdentityToken: true, hasPassword: false, problems: [], fingerprint: fingerprint('CANARY-idtoken-7') });
  });

  it('a loose decoded config.json: auths with credsStore/credHelpers, origin json, no namespace/name, entry lines', () => {
    const text = readFileSync(`${FIX}/docker-config.json`, 'utf8');
    const r = parseStructured(text, { file: 'home/.docker/config.json' })!;
    expect(r.kind).toBe('dockerconfig');
    const s = r.records[0] as SecretRecord;
    expect(s.namespace).toBeUndefined();
    expect(s.name).toBeUndefined();
    expect(s.origin).toBe('json');
    const [ghcr, hub] = s.dockerConfig!.entries;
    expect(ghcr).toMatchObject({ key: 'ghcr.io', username: 'octocat', authValid: true, fingerprint: fingerprint('CANARY-loose-10') });
    expect(text.split('\n')[ghcr.source.line! - 1]).toContain('"ghcr.io"');
    expect(hub.problems).toEqual(['no credentials (no "auth", "username"/"password" or "identitytoken")']);
  });

  it('stringData is read as plain JSON', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: plain',
      '  namespace: shop',
      'type: kubernetes.io/dockerconfigjson',
      'stringData:',
      '  .dockerconfigjson: \'{"auths":{"registry.gitlab.com":{"username":"deploy-token-1","password":"CANARY-gl-11"}}}\'',
      '',
    ].join('\n');
    const s = parseStructured(yaml, { file: 'secret.yaml' })!.records[0] as SecretRecord;
    expect(s.dockerConfig!.entries[0]).toMatchObject({ key: 'registry.gitlab.com', username: 'deploy-token-1', fingerprint: fingerprint('CANARY-gl-11') });
    expect(s.dockerConfig!.entries[0].source.line).toBe(8);
    expect(JSON.stringify(s)).not.toContain('CANARY');
  });

  it('canary: no output contains a password, auth value or token', () => {
    const loose = parseStructured(readFileSync(`${FIX}/docker-config.json`, 'utf8'), { file: 'config.json' });
    const all = JSON.stringify([result, loose]);
    for (const c of canaries()) expect(all).not.toContain(c);
  });

  it('malformed JSON of a secrets file: a warning with line and column, no quoted content', () => {
    const broken = listText.replace('"name": "bad-json",', '"name": "bad-json" "CANARY-x",');
    const r = parseStructured(broken, { file: 'secrets.json', kind: 'secrets' })!;
    expect(r.records).toEqual([]);
    const line = broken.split('\n').findIndex((l) => l.includes('"CANARY-x"')) + 1;
    const col = broken.split('\n')[line - 1].indexOf('"CANARY-x"') + 1;
    expect(r.warnings).toEqual([{ file: 'secrets.json', line, message: `invalid JSON at line ${line}, column ${col}: expected ',' or '}'; file skipped` }]);
    expect(JSON.stringify(r)).not.toContain('CANARY');
  });
});
