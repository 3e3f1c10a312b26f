import { describe, expect, it } from 'vitest';
import { textParsers } from '../../../src/parsers/text/index.js';
import { fixture } from './helpers.js';

const EXPECTED: Record<string, string> = {
  'describe-pods-current.txt': 'describe-pod',
  'describe-pod-pre120.txt': 'describe-pod',
  'describe-pod-135.txt': 'describe-pod',
  'describe-pod-old14.txt': 'describe-pod',
  'describe-nodes.txt': 'describe-node',
  'get-pods.txt': 'get-pods',
  'get-pods-all.txt': 'get-pods',
  'get-pods-wide.txt': 'get-pods',
  'get-events.txt': 'get-events',
  'get-events-all.txt': 'get-events',
  'get-events-wide.txt': 'get-events',
  'resolv-aws.conf': 'resolv-conf',
  'resolv-stub.conf': 'resolv-conf',
  'df-h.txt': 'df',
  'df-k.txt': 'df',
  'df-P.txt': 'df',
  'df-T.txt': 'df',
  'df-hT.txt': 'df',
  'df-i.txt': 'df',
  'df-wrapped.txt': 'df',
  'df-busybox.txt': 'df',
  'journal-kubelet.txt': 'journal',
  'journal-containerd.txt': 'journal',
  'journal-crio-precise.txt': 'journal',
};

describe('textParsers', () => {
  it('exactly one text sniffer fires for each fixture, and it is the right kind', () => {
    for (const [file, kind] of Object.entries(EXPECTED)) {
      const head = fixture(file).slice(0, 4096);
      expect(textParsers.filter((p) => p.sniff(head)).map((p) => p.kind), file).toEqual([kind]);
    }
  });

  it('no text sniffer fires on Kubernetes JSON or YAML, even with describe-like keys', () => {
    const samples = [
      fixtureShared('image-pull-fail/pods.json'),
      fixtureShared('mixed-events/events.json'),
      fixtureShared('nodes-7-mixed-runtimes.json'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nName: web\nNamespace: shop\nStatus: Pending\nContainers:\n',
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  resolv.conf: |\n    nameserver 10.0.0.2\n',
    ];
    for (const s of samples) expect(textParsers.filter((p) => p.sniff(s.slice(0, 4096))).map((p) => p.kind)).toEqual([]);
  });

  it('a head cut mid-line by the reader still sniffs', () => {
    const text = fixture('describe-nodes.txt');
    expect(textParsers.filter((p) => p.sniff(text.slice(0, 1500))).map((p) => p.kind)).toEqual(['describe-node']);
  });
});

import { readFileSync } from 'node:fs';
function fixtureShared(rel: string): string {
  return readFileSync(new URL(`../../../../shared/bundles/troubleshoot/${rel}`, import.meta.url), 'utf8');
}
