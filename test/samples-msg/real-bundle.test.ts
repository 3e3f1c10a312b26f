import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluate, loadRules } from '../../src/rules/index.js';
import { loadBundle } from '../../src/ingest/index.js';

const loadSampleDir = async (path: string) => (await loadBundle(path)).model;

const ROOT = resolve(import.meta.dirname, '../..');
const REAL = resolve(ROOT, '../shared/bundles/troubleshoot/image-pull-fail');

// Real captured data (replicatedhq/troubleshoot test files): a minikube pod in ErrImagePull with a Go x509
// name-mismatch error, next to an OOMKilled job and an unschedulable pod that are not pull failures.
describe('message rules on a real troubleshoot capture', () => {
  it('name the TLS failure and nothing on the pods that are not pull failures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-real-'));
    try {
      mkdirSync(join(dir, 'cluster-resources/pods'), { recursive: true });
      mkdirSync(join(dir, 'cluster-resources/events'), { recursive: true });
      copyFileSync(join(REAL, 'pods.json'), join(dir, 'cluster-resources/pods/message-image-pull-fail.json'));
      copyFileSync(join(REAL, 'events.json'), join(dir, 'cluster-resources/events/message-image-pull-fail.json'));
      const model = await loadSampleDir(dir);
      const rulesDir = mkdtempSync(join(tmpdir(), 'pm-msg-only-'));
      for (const f of readdirSync(join(ROOT, 'rules'))) if (f.startsWith('msg-')) copyFileSync(join(ROOT, 'rules', f), join(rulesDir, f));
      const { findings } = evaluate(model, loadRules([rulesDir]));
      rmSync(rulesDir, { recursive: true, force: true });
      const primaries = findings.filter((f) => f.primary);
      expect(primaries.map((f) => [f.subject.name, f.category])).toEqual([['no-image-deployment-849c4c4958-rxqmt', 'registry-tls']]);
      expect(primaries[0].captures.tlsError).toBe('x509: certificate is not valid for any names, but wanted to match noimage.com');
      expect(primaries[0].message).toContain('noimage.com');
      expect(primaries[0].evidence.some((e) => e.file.startsWith('cluster-resources/') && (e.line ?? 0) > 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
