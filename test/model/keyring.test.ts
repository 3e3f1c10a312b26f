import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/model/image-reference.js';
import { globLabel, matchCredentials, registryKeyOf } from '../../src/model/keyring.js';
import type { PullSecret } from '../../src/model/types.js';

function secret(...keys: string[]): PullSecret {
  return {
    namespace: 'payments',
    name: 'regcred',
    type: 'kubernetes.io/dockerconfigjson',
    origin: 'json',
    problems: [],
    valuesElided: false,
    source: { file: 'secret.json', line: 1 },
    credentials: keys.map((key) => ({ key, match: registryKeyOf(key), username: 'ci', hasPassword: true, hasAuth: true, hasIdentityToken: false, hasRegistryToken: false, problems: [], source: { file: 'secret.json', line: 5 } })),
  };
}

const keysFor = (image: string, ...keys: string[]) => matchCredentials(parseImageReference(image), [secret(...keys)]).map((c) => c.key);

describe('registryKeyOf', () => {
  it('drops the scheme and a /v1/ or /v2/ segment', () => {
    expect(registryKeyOf('https://index.docker.io/v1/')).toEqual({ host: 'index.docker.io', path: '' });
    expect(registryKeyOf('ghcr.io')).toEqual({ host: 'ghcr.io', path: '' });
    expect(registryKeyOf('http://registry.acme.internal:5000/v2/')).toEqual({ host: 'registry.acme.internal:5000', path: '' });
    expect(registryKeyOf('harbor.acme.io/fin')).toEqual({ host: 'harbor.acme.io', path: '/fin' });
  });
});

describe('matchCredentials (kubelet keyring rules)', () => {
  it('uses the kubectl default Docker Hub key for Docker Hub images only', () => {
    expect(keysFor('nginx:1.27', 'https://index.docker.io/v1/')).toEqual(['https://index.docker.io/v1/']);
    expect(keysFor('acme/api:1.0', 'https://index.docker.io/v1/')).toEqual(['https://index.docker.io/v1/']);
    expect(keysFor('ghcr.io/acme/api:1.0', 'https://index.docker.io/v1/')).toEqual([]);
  });
  it('matches docker.io keys by the normal rule, never registry-1.docker.io', () => {
    expect(keysFor('nginx', 'docker.io')).toEqual(['docker.io']);
    expect(keysFor('nginx', 'registry-1.docker.io')).toEqual([]);
  });
  it('requires identical ports', () => {
    expect(keysFor('registry.acme.internal/app:1', 'registry.acme.internal:5000')).toEqual([]);
    expect(keysFor('registry.acme.internal:5000/app:1', 'registry.acme.internal:5000')).toEqual(['registry.acme.internal:5000']);
  });
  it('globs one label at a time and requires equal label counts', () => {
    expect(keysFor('myacr.azurecr.io/app:1', '*.azurecr.io')).toEqual(['*.azurecr.io']);
    expect(keysFor('a.b.azurecr.io/app:1', '*.azurecr.io')).toEqual([]);
    expect(keysFor('myacr.azurecr.io/app:1', 'azurecr.io')).toEqual([]);
    expect(globLabel('*', 'anything')).toBe(true);
    expect(globLabel('prod-*-east', 'prod-x-east')).toBe(true);
  });
  it('treats the key path as a string prefix of the image path', () => {
    expect(keysFor('harbor.acme.io/finance/ledger:3', 'harbor.acme.io/fin')).toEqual(['harbor.acme.io/fin']);
    expect(keysFor('harbor.acme.io/ops/ledger:3', 'harbor.acme.io/fin')).toEqual([]);
  });
  it('does not match an ECR key of another region', () => {
    expect(keysFor('123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:2', '123456789012.dkr.ecr.us-east-1.amazonaws.com')).toEqual([]);
  });
});
