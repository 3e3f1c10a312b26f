import { describe, expect, it } from 'vitest';
import { evaluate, loadRules, runRuleTests } from '../../src/rules/index.js';
import { container, credential, event, model, node, pod, pullSecret } from './helpers.js';

const rules = loadRules(['test/fixtures/rules/good']);

const NOT_FOUND =
  'Failed to pull image "nginx:1.27.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27.99": failed to resolve reference "docker.io/library/nginx:1.27.99": docker.io/library/nginx:1.27.99: not found';
const ECR_NO_CREDS =
  'Failed to pull image "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders/api:1.9.0": rpc error: code = Unknown desc = Error response from daemon: Get https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/orders/api/manifests/1.9.0: no basic auth credentials';

function missingTagModel() {
  const api = container('api', 'nginx:1.27.99', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1.27.99"' } }, [
    event('Pulling', 'Pulling image "nginx:1.27.99"', { count: 4, line: 11 }),
    event('Failed', NOT_FOUND, { count: 4, line: 23 }),
    event('BackOff', 'Back-off pulling image "nginx:1.27.99"', { count: 9, line: 35 }),
  ]);
  const web = container('web', 'nginx:1.27.1', { running: { startedAt: '2024-05-01T10:00:00Z' } }, [event('Failed', NOT_FOUND.replace(/1\.27\.99/g, '1.27.1'), { line: 50 })]);
  return model([pod('shop', 'api-7d9f-x2v4', [api]), pod('shop', 'web-5c6b-k8p2', [web])]);
}

describe('evaluate: container rules', () => {
  it('fires on the failing container with captures, rendered text and the event line as evidence', () => {
    const { findings } = evaluate(missingTagModel(), rules);
    const f = findings.find((x) => x.rule === 'image-tag-not-found')!;
    expect(f.subject).toEqual({ kind: 'container', namespace: 'shop', name: 'api-7d9f-x2v4', container: 'api' });
    expect(f.primary).toBe(true);
    expect(f.status).toBe('ImagePullBackOff');
    expect(f.image).toBe('nginx:1.27.99');
    expect(f.captures).toEqual({ ref: 'docker.io/library/nginx:1.27.99', wanted: '1.27.99' });
    expect(f.message).toBe('shop/api-7d9f-x2v4 (api) asks for nginx:1.27.99, but docker.io has no tag 1.27.99 in library/nginx (docker.io/library/nginx:1.27.99).');
    expect(f.remediation).toEqual(['Fix the tag in Deployment/api.', 'kubectl -n shop set image Deployment/api api=docker.io/library/nginx:<tag>']);
    expect(f.remediationSteps.map((s) => s.kind)).toEqual(['text', 'command']);
    expect(f.verify).toEqual(['kubectl -n shop get pod api-7d9f-x2v4 -w']);
    expect(f.evidence).toEqual([{ file: 'cluster-resources/events/default.json', line: 23, excerpt: NOT_FOUND }]);
  });

  it('ranks: the most specific rule is primary, the generic one supports it', () => {
    const { findings } = evaluate(missingTagModel(), rules);
    const onApi = findings.filter((f) => f.subject.container === 'api');
    expect(onApi.map((f) => [f.rule, f.primary])).toEqual([
      ['image-tag-not-found', true],
      ['generic-pull-failure', false],
    ]);
  });

  it('skips containers that are not failing to pull (running, even with an old Failed event)', () => {
    const { findings } = evaluate(missingTagModel(), rules);
    expect(findings.some((f) => f.subject.container === 'web')).toBe(false);
  });

  it('uses the 1.32+ back-off waiting message when the events expired, and the waiting line as evidence', () => {
    const msg =
      'Back-off pulling image "ghcr.io/acme/ledger:v3.2.1": ErrImagePull: failed to pull and unpack image "ghcr.io/acme/ledger:v3.2.1": failed to resolve image: ghcr.io/acme/ledger:v3.2.1: not found';
    const m = model([pod('fin', 'ledger-0', [container('ledger', 'ghcr.io/acme/ledger:v3.2.1', { waiting: { reason: 'ImagePullBackOff', message: msg } })])], { capabilities: ['pods', 'events'] });
    const f = evaluate(m, rules).findings.find((x) => x.rule === 'image-tag-not-found')!;
    expect(f.captures.wanted).toBe('v3.2.1');
    expect(f.evidence).toEqual([{ file: 'cluster-resources/pods/default.json', line: 40, excerpt: msg }]);
  });

  it('does not fire on a back-off with no cause left', () => {
    const m = model([pod('fin', 'ledger-0', [container('ledger', 'ghcr.io/acme/ledger:v3.2.1', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/acme/ledger:v3.2.1"' } })])]);
    expect(evaluate(m, rules).findings).toEqual([]);
  });

  it('restricts to the given namespaces', () => {
    expect(evaluate(missingTagModel(), rules, { namespaces: ['other'] }).findings).toEqual([]);
  });
});

describe('evaluate: context stage and pull secrets', () => {
  function ecrModel(secretKey: string) {
    const c = container('api', '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders/api:1.9.0', { waiting: { reason: 'ErrImagePull', message: ECR_NO_CREDS } });
    const secret = pullSecret('orders', 'regcred', [credential(secretKey, 'AWS')]);
    const p = pod('orders', 'api-6f9c-abcde', [c], { imagePullSecretNames: ['regcred'], pullSecrets: [{ name: 'regcred', via: 'pod', status: 'found', secret }] });
    return model([p], { capabilities: ['pods', 'pod-specs', 'events', 'secrets', 'secret-values'] });
  }

  it('turns auth-missing into wrong-registry when the only secret is for another host', () => {
    const { findings } = evaluate(ecrModel('123456789012.dkr.ecr.eu-west-1.amazonaws.com'), rules);
    expect(findings.map((f) => [f.rule, f.primary])).toEqual([
      ['pull-secret-wrong-registry', true],
      ['auth-missing-basic', false],
      ['generic-pull-failure', false],
    ]);
    const f = findings[0];
    expect(f.captures.keys).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    expect(f.message).toBe('api-6f9c-abcde uses regcred with keys 123456789012.dkr.ecr.eu-west-1.amazonaws.com, none matches 123456789012.dkr.ecr.us-east-1.amazonaws.com.');
    // the secret's line is evidence, with no credential value
    expect(f.evidence.map((e) => `${e.file}:${e.line}`)).toContain('cluster-resources/secrets/default.json:7');
    expect(JSON.stringify(f)).not.toMatch(/password/i);
  });

  it('stays auth-missing when the secret matches the image host', () => {
    const { findings } = evaluate(ecrModel('https://123456789012.dkr.ecr.us-east-1.amazonaws.com'), rules);
    expect(findings.find((f) => f.primary)!.rule).toBe('auth-missing-basic');
    expect(findings.some((f) => f.rule === 'pull-secret-wrong-registry')).toBe(false);
  });

  it('reports a rule as not checked when the bundle lacks secrets, with the capture command for the one subject', () => {
    const m = ecrModel('x');
    m.capabilities.delete('secrets');
    const { notChecked, findings } = evaluate(m, rules);
    expect(findings.some((f) => f.rule === 'pull-secret-wrong-registry')).toBe(false);
    expect(notChecked.filter((n) => n.rule !== 'node-image-store-full')).toEqual([
      {
        rule: 'pull-secret-wrong-registry',
        title: 'The pull secret is for another registry',
        reason: 'the bundle has no pull secrets',
        capture: 'kubectl get secret regcred -n orders -o json',
        subject: { kind: 'container', namespace: 'orders', name: 'api-6f9c-abcde', container: 'api' },
      },
    ]);
  });

  it('does not report not-checked container rules when nothing fails', () => {
    const m = missingTagModel();
    m.pods.splice(0, 1);
    expect(evaluate(m, rules).notChecked.filter((n) => n.rule === 'pull-secret-wrong-registry')).toEqual([]);
  });
});

describe('evaluate: node scope', () => {
  function diskNode(usePercent: number, runtime = 'containerd') {
    const df = {
      kind: 'df' as const,
      variant: 'bytes' as const,
      source: { file: 'host-collectors/run-host/df.txt' },
      rows: [
        { filesystem: '/dev/nvme0n1p1', mountedOn: '/', usePercent: 41, source: { file: 'host-collectors/run-host/df.txt', line: 2 } },
        { filesystem: '/dev/nvme1n1', mountedOn: '/var/lib/containerd', usePercent, available: 1_000_000, source: { file: 'host-collectors/run-host/df.txt', line: 3 } },
        { filesystem: '/dev/nvme2n1', mountedOn: '/var/lib/docker', usePercent: 99, source: { file: 'host-collectors/run-host/df.txt', line: 4 } },
      ],
    };
    return node('ip-10-0-1-23', {
      runtime,
      containerRuntimeVersion: `${runtime}://1.7.13`,
      conditions: [{ type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', source: { file: 'cluster-resources/nodes.json', line: 40 } }],
      files: { journals: [], df },
    });
  }

  it('reads the df row of the runtime image store', () => {
    const m = model([], { nodes: [diskNode(91)], capabilities: ['nodes', 'df'] });
    const [f] = evaluate(m, rules).findings;
    expect(f.rule).toBe('node-image-store-full');
    expect(f.subject).toEqual({ kind: 'node', name: 'ip-10-0-1-23' });
    expect(f.message).toBe('ip-10-0-1-23: /var/lib/containerd is 91% used.');
    expect(f.evidence.map((e) => `${e.file}:${e.line ?? ''}`)).toEqual(['host-collectors/run-host/df.txt:3', 'cluster-resources/nodes.json:40']);
  });

  it('does not fire below the threshold even though another mount is full', () => {
    const m = model([], { nodes: [diskNode(60)], capabilities: ['nodes', 'df'] });
    expect(evaluate(m, rules).findings).toEqual([]);
  });

  it('picks the Docker store for a Docker node', () => {
    const m = model([], { nodes: [diskNode(60, 'docker')], capabilities: ['nodes', 'df'] });
    expect(evaluate(m, rules).findings[0].captures).toEqual({ mount: '/var/lib/docker', used: '99' });
  });

  it('is not checked without df, and says what to run', () => {
    const m = model([], { nodes: [diskNode(91)], capabilities: ['nodes'] });
    const r = evaluate(m, rules);
    expect(r.findings).toEqual([]);
    expect(r.notChecked[0]).toMatchObject({ rule: 'node-image-store-full', reason: 'the bundle has no df output of the nodes', capture: 'df -h; df -i   # on node ip-10-0-1-23' });
  });
});

describe('runRuleTests', () => {
  it('checks expectations against the loaded sample, with the whole rule set', async () => {
    const seen: string[] = [];
    const report = await runRuleTests(rules, async (p) => {
      seen.push(p);
      return missingTagModel();
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].endsWith('test/fixtures/samples/missing-tag')).toBe(true);
    expect(report).toMatchObject({ passed: 2, failed: 0 });
  });

  it('fails expectations that do not hold, and subjects that are not in the bundle', async () => {
    const report = await runRuleTests(rules, async () => {
      const msg = NOT_FOUND.replace(/1\.27\.99/g, '1.27.98');
      const api = container('api', 'nginx:1.27.98', { waiting: { reason: 'ErrImagePull', message: msg } }, [event('Failed', msg, { line: 23 })]);
      return model([pod('shop', 'api-7d9f-x2v4', [api])]);
    });
    expect(report.failed).toBe(2);
    expect(report.results.map((r) => r.message)).toEqual(['capture wanted: expected "1.27.99", got "1.27.98"', 'subject shop/web-5c6b-k8p2/web is not in the sample bundle']);
  });

  it('reports a loader failure on every expectation of that bundle', async () => {
    const report = await runRuleTests(rules, async () => {
      throw new Error('ENOENT');
    });
    expect(report.results.map((r) => r.message)).toEqual(['cannot load sample bundle: ENOENT', 'cannot load sample bundle: ENOENT']);
  });
});
