import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/model/image-reference.js';

describe('parseImageReference', () => {
  it('makes Docker Hub, library/ and :latest explicit', () => {
    const r = parseImageReference('nginx');
    expect(r).toMatchObject({ valid: true, registry: 'docker.io', repository: 'library/nginx', tag: 'latest', implicitRegistry: true, implicitTag: true });
    expect(r.canonical).toBe('docker.io/library/nginx:latest');
    expect(r.familiar).toBe('nginx:latest');
  });
  it('keeps user repositories on Docker Hub without library/', () => {
    expect(parseImageReference('acme/api:1.0')).toMatchObject({ registry: 'docker.io', repository: 'acme/api', tag: '1.0', implicitTag: false });
  });
  it('reads registry host with port, nested paths, tag and digest', () => {
    const r = parseImageReference('registry.acme.internal:5000/platform/billing/api:2.3.1@sha256:451d2c5ab757ee002c594bda8c77c24c6a375f119fa8edbb104ffe828c46befc');
    expect(r).toMatchObject({ valid: true, registry: 'registry.acme.internal:5000', repository: 'platform/billing/api', tag: '2.3.1' });
    expect(r.digest).toBe('sha256:451d2c5ab757ee002c594bda8c77c24c6a375f119fa8edbb104ffe828c46befc');
  });
  it('treats localhost and index.docker.io like the runtimes do', () => {
    expect(parseImageReference('localhost/app').registry).toBe('localhost');
    expect(parseImageReference('index.docker.io/library/redis:7').canonical).toBe('docker.io/library/redis:7');
  });
  it('parses ECR, GHCR and digest-only references', () => {
    expect(parseImageReference('123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:2.14.0-rc1')).toMatchObject({ registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', repository: 'payments/api', tag: '2.14.0-rc1' });
    const d = parseImageReference('quay.io/acme/billing@sha256:451d2c5ab757ee002c594bda8c77c24c6a375f119fa8edbb104ffe828c46befc');
    expect(d.tag).toBeUndefined();
    expect(d.implicitTag).toBe(false);
  });
  it('rejects what the kubelet rejects, with its wording', () => {
    expect(parseImageReference('Nginx:1.25').error).toBe('invalid reference format: repository name (library/Nginx) must be lowercase');
    expect(parseImageReference('nginx:1.25:extra').valid).toBe(false);
    expect(parseImageReference('registry.acme.io/app:').valid).toBe(false);
    expect(parseImageReference('registry.acme.io//app').valid).toBe(false);
    expect(parseImageReference(' ').valid).toBe(false);
    expect(parseImageReference('app@sha256:abc').valid).toBe(false);
  });
  it('stays linear on hostile input', () => {
    const hostile = 'a' + '-'.repeat(200000) + '!';
    const t = Date.now();
    expect(parseImageReference(hostile).valid).toBe(false);
    expect(Date.now() - t).toBeLessThan(1000);
  });
});
