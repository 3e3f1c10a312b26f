import { describe, expect, it } from 'vitest';
import { buildCaseBundle, CASE_NODE, nodeArchitecture } from '../../src/eval/case-bundle.js';
import { parseCases, type EvalCase } from '../../src/eval/cases.js';
import { formatReport, parseCaseFiles, type EvalReport } from '../../src/eval/evaluate-cases.js';
import { parseArgs } from '../../src/eval/run-eval.js';

function kase(over: Partial<EvalCase>): EvalCase {
  return {
    id: 'x', runtime: 'containerd', kubelet: '1.29', runtimeVersion: '1.7.13', image: 'nginx:1.27.99', eventReason: 'Failed',
    source: 'event', waitingReason: 'ErrImagePull', category: 'image-not-found', line: 1,
    message: 'Failed to pull image "nginx:1.27.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27.99": failed to resolve reference "docker.io/library/nginx:1.27.99": docker.io/library/nginx:1.27.99: not found',
    ...over,
  };
}

describe('parseCases', () => {
  it('reads the corpus format and warns, with line numbers, about bad lines', () => {
    const text = [
      '{"id": "a", "runtime": "cri-o", "kubelet": "1.29", "runtime_version": "1.29.5", "image": "quay.io/acme/billing:2.3.1", "event_reason": "Failed", "source": "event", "message": "m", "waiting_reason": "ErrImagePull", "category": "image-not-found"}',
      '{not json',
      '',
      '{"id": "b", "image": "x", "event_reason": "Failed", "message": "m", "waiting_reason": "ErrImagePull", "category": "no-such-category"}',
      '["an", "array"]',
    ].join('\n');
    const { cases, warnings } = parseCases(text, 'cases.jsonl');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: 'a', runtime: 'cri-o', runtimeVersion: '1.29.5', source: 'event', line: 1 });
    expect(warnings.map((w) => w.line)).toEqual([2, 4, 5]);
    expect(warnings[1].message).toContain('no-such-category');
  });
});

describe('buildCaseBundle', () => {
  it('puts the message in a Warning Failed event on the container, and the model sees it as the pull cause', () => {
    const b = buildCaseBundle(kase({}), 7);
    const model = parseCaseFiles(b.files);
    expect(model.warnings).toEqual([]);
    const pod = model.pods[0];
    expect(`${pod.namespace}/${pod.name}/${pod.containers[0].name}`).toBe(b.subject);
    const ev = pod.containers[0].events.find((e) => e.reason === 'Failed');
    expect(ev?.type).toBe('Warning');
    expect(ev?.message).toContain('docker.io/library/nginx:1.27.99: not found');
    expect(pod.imagePullSecretNames ?? []).toEqual([]);
    expect(model.nodes.get(CASE_NODE)?.architecture).toBe('amd64');
  });

  it('references a pull secret only for cases labelled auth-rejected or auth-forbidden', () => {
    for (const [category, secrets] of [['auth-rejected', ['regcred']], ['auth-forbidden', ['regcred']], ['auth-missing', []], ['auth-or-not-found', []]] as const) {
      const pod = parseCaseFiles(buildCaseBundle(kase({ category }), 1).files).pods[0];
      expect(pod.imagePullSecretNames ?? [], category).toEqual(secrets);
    }
  });

  it('BackOff is a Normal event; a waiting.message case has no event and the message as state.waiting.message', () => {
    const backoff = parseCaseFiles(buildCaseBundle(kase({ eventReason: 'BackOff', message: 'Back-off pulling image "nginx:1.27.99"', waitingReason: 'ImagePullBackOff' }), 1).files);
    expect(backoff.pods[0].containers[0].events[0]).toMatchObject({ reason: 'BackOff', type: 'Normal' });
    const msg = 'Back-off pulling image "nginx:1.27.99": ErrImagePull: docker.io/library/nginx:1.27.99: not found';
    const waiting = parseCaseFiles(buildCaseBundle(kase({ source: 'waiting.message', eventReason: 'BackOff', message: msg, waitingReason: 'ImagePullBackOff' }), 1).files);
    expect(waiting.pods[0].containers[0].events).toEqual([]);
    expect(waiting.pods[0].containers[0].state?.waiting).toMatchObject({ reason: 'ImagePullBackOff', message: msg });
  });

  it('FailedToRetrieveImagePullSecret is a pod event without fieldPath; FreeDiskSpaceFailed a node event', () => {
    const secret = parseCaseFiles(buildCaseBundle(kase({ eventReason: 'FailedToRetrieveImagePullSecret', message: 'Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.', waitingReason: 'ImagePullBackOff' }), 1).files);
    expect(secret.pods[0].events.map((e) => e.reason)).toEqual(['FailedToRetrieveImagePullSecret']);
    expect(secret.pods[0].containers[0].events).toEqual([]);
    const disk = parseCaseFiles(buildCaseBundle(kase({ eventReason: 'FreeDiskSpaceFailed', message: 'Failed to garbage collect required amount of images. Attempted to free 5368709120 bytes, but only found 0 bytes eligible to free.', waitingReason: 'ImagePullBackOff' }), 1).files);
    expect(disk.nodes.get(CASE_NODE)?.events.map((e) => e.reason)).toEqual(['FreeDiskSpaceFailed']);
    expect(disk.pods[0].events).toEqual([]);
  });

  it('takes the node architecture from the message when it names one', () => {
    expect(nodeArchitecture('no image found in manifest list for architecture "arm64", variant "v8", OS "linux"')).toBe('arm64');
    expect(nodeArchitecture('Error choosing image instance: no image found in manifest list for architecture amd64, OS linux')).toBe('amd64');
    expect(nodeArchitecture('no matching manifest for linux/arm64/v8 in the manifest list entries')).toBe('arm64');
    expect(nodeArchitecture('no matching manifest for linux/s390x in the manifest list entries')).toBe('s390x');
    expect(nodeArchitecture('no match for platform in manifest: not found')).toBe('amd64');
    expect(nodeArchitecture('image operating system "windows" cannot be used on this platform')).toBe('amd64');
  });
});

describe('report', () => {
  it('prints total, correct, accuracy with one decimal, and one line per miss grouped by expected category', () => {
    const r: EvalReport = {
      total: 3, correct: 2, accuracy: 2 / 3, messageCorrect: 3, messageAccuracy: 1, warnings: [],
      perCategory: { 'auth-or-not-found': { total: 2, correct: 1 }, 'image-not-found': { total: 1, correct: 1 } },
      misses: [{ id: 'auth-or-not-found-07', expected: 'auth-or-not-found', got: 'auth-missing', rule: 'ctx-x', cause: 'errors:\ndenied: denied\n' }],
    };
    expect(formatReport(r).split('\n')).toEqual([
      'total: 3',
      'correct: 2',
      'accuracy: 66.7%',
      'message-stage accuracy: 100.0% (3/3: top finding of the message rules alone)',
      '',
      'misses (expected -> got):',
      'auth-or-not-found (1/2 correct):',
      '  auth-or-not-found-07: auth-or-not-found -> auth-missing [ctx-x]: errors:\\ndenied: denied\\n',
    ]);
  });

  it('names the file and line of a bad case line', () => {
    const r: EvalReport = {
      total: 0, correct: 0, accuracy: 0, messageCorrect: 0, messageAccuracy: 0, misses: [], perCategory: {},
      warnings: [{ file: 'cases.jsonl', line: 4, message: 'not JSON' }],
    };
    expect(formatReport(r).split('\n').pop()).toBe('warning: cases.jsonl:4: not JSON');
  });

  it('parses an optional case path and rule directories', () => {
    expect(parseArgs(['cases.jsonl', '--rules', 'r1', '--rules', '/abs/r2'], '/w')).toEqual({ cases: '/w/cases.jsonl', rules: ['/w/r1', '/abs/r2'] });
    expect(parseArgs([], '/w').cases.endsWith('/shared/cases/messages.jsonl')).toBe(true);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
  });
});
