import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizePullMessage } from '../../src/rules/normalize.js';

describe('normalizePullMessage', () => {
  it('peels kubelet, gRPC and containerd wrappers (containerd 1.6, kubelet 1.26)', () => {
    const n = normalizePullMessage(
      'Failed to pull image "nginx:1.27.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27.99": failed to resolve reference "docker.io/library/nginx:1.27.99": docker.io/library/nginx:1.27.99: not found',
    );
    expect(n).toEqual({ cause: 'docker.io/library/nginx:1.27.99: not found', code: 'NotFound', image: 'nginx:1.27.99', backoffOnly: false });
  });

  it('reads the 1.32+ back-off waiting message with its reason', () => {
    const n = normalizePullMessage(
      'Back-off pulling image "ghcr.io/acme/ledger:v3.2.1": ErrImagePull: failed to pull and unpack image "ghcr.io/acme/ledger:v3.2.1": failed to resolve image: ghcr.io/acme/ledger:v3.2.1: not found',
    );
    expect(n.cause).toBe('ghcr.io/acme/ledger:v3.2.1: not found');
    expect(n.image).toBe('ghcr.io/acme/ledger:v3.2.1');
    expect(n.code).toBeUndefined();
  });

  it('marks a bare back-off as having no cause', () => {
    expect(normalizePullMessage('Back-off pulling image "acme/api:1.0"')).toEqual({ cause: '', backoffOnly: true, image: 'acme/api:1.0' });
  });

  it('remembers RegistryUnavailable from the kubelet waiting message', () => {
    const n = normalizePullMessage(
      'image pull failed for registry.acme.internal:5000/team/api:1.0 because the registry is unavailable: pinging container registry registry.acme.internal:5000: Get "https://registry.acme.internal:5000/v2/": dial tcp 10.20.30.40:5000: connect: connection refused',
    );
    expect(n.flag).toBe('RegistryUnavailable');
    expect(n.image).toBe('registry.acme.internal:5000/team/api:1.0');
    expect(n.cause).toBe('Get "https://registry.acme.internal:5000/v2/": dial tcp 10.20.30.40:5000: connect: connection refused');
  });

  it('handles old CRI-O capitalised wrappers', () => {
    const n = normalizePullMessage(
      'Failed to pull image "registry.acme.internal/team/api:1.0.7": rpc error: code = Unknown desc = Error initializing source docker://registry.acme.internal/team/api:1.0.7: Error reading manifest 1.0.7 in registry.acme.internal/team/api: manifest unknown: manifest unknown',
    );
    expect(n.cause).toBe('manifest unknown: manifest unknown');
    expect(n.code).toBe('Unknown');
  });

  it('keeps the image error of CRI-O 1.34 image-or-artifact pulls', () => {
    const n = normalizePullMessage(
      'Failed to pull image "quay.io/acme/notifier:0.9.4": unable to pull image or OCI artifact: pull image err: initializing source docker://quay.io/acme/notifier:0.9.4: reading manifest 0.9.4 in quay.io/acme/notifier: manifest unknown; artifact err: get manifest: build image source: reading manifest 0.9.4 in quay.io/acme/notifier: manifest unknown',
    );
    expect(n.cause).toBe('manifest unknown');
  });

  it('keeps the primary error after registries.conf mirrors', () => {
    const n = normalizePullMessage(
      'Failed to pull image "docker.io/acme/api:2.0": initializing source docker://acme/api:2.0: (Mirrors also failed: [mirror.acme.internal/acme/api:2.0: pinging container registry mirror.acme.internal: Get "https://mirror.acme.internal/v2/": dial tcp: lookup mirror.acme.internal: no such host]): docker.io/acme/api:2.0: reading manifest 2.0 in docker.io/acme/api: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit',
    );
    expect(n.cause).toBe('toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit');
  });

  it('strips Docker daemon and numeric gRPC codes of very old kubelets', () => {
    const n = normalizePullMessage('Failed to pull image "acme/billing-api:1.4.2": rpc error: code = 2 desc = Error response from daemon: repository acme/billing-api not found: does not exist or no pull access');
    expect(n.code).toBe('2');
    expect(n.cause).toBe('repository acme/billing-api not found: does not exist or no pull access');
  });

  it('strips the kubectl 1.35 field-path prefix', () => {
    const n = normalizePullMessage('spec.containers{api}: Failed to pull image "acme/api:1": rpc error: code = Unknown desc = toomanyrequests: Too Many Requests');
    expect(n.cause).toBe('toomanyrequests: Too Many Requests');
  });

  it('gives every real case a cause that is a substring of its message, without throwing', () => {
    const lines = readFileSync('/work/shared/cases/messages.jsonl', 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    for (const l of lines) {
      const c = JSON.parse(l) as { message: string; category: string };
      const n = normalizePullMessage(c.message);
      if (c.category === 'no-evidence') {
        expect(n.backoffOnly).toBe(true);
        continue;
      }
      expect(n.cause.length).toBeGreaterThan(0);
      expect(c.message.includes(n.cause)).toBe(true);
      expect(n.cause.startsWith('Failed to pull image')).toBe(false);
      expect(n.cause.startsWith('rpc error')).toBe(false);
    }
  });

  it('is total and bounded on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const n = normalizePullMessage(s);
        expect(typeof n.cause).toBe('string');
      }),
    );
    const huge = 'Failed to pull image "x": ' + 'rpc error: code = Unknown desc = '.repeat(20_000) + 'boom';
    const t0 = Date.now();
    normalizePullMessage(huge);
    expect(Date.now() - t0).toBeLessThan(500);
  });
});
