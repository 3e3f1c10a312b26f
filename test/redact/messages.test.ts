import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizePullMessage } from '../../src/rules/index.js';
import { redactText } from '../../src/redact/text-scan.js';

/**
 * Real image-pull error strings (containerd, CRI-O, Docker, registries).
 * Redaction must not change what the rules see: the message is either
 * byte-identical or only a credential inside it was replaced, and the
 * normalized cause, code, flag and image stay the same.
 */
const cases = readFileSync('/work/shared/cases/messages.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { id: string; message: string });

describe('real runtime messages', () => {
  it('keep their text, apart from credentials embedded in them', () => {
    const changed: string[] = [];
    for (const c of cases) {
      const out = redactText(c.message, {});
      if (out !== c.message) changed.push(c.message);
    }
    expect(cases.length).toBeGreaterThan(150);
    // one message quotes an S3 presigned URL; its X-Amz-Credential holds an access key id
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain('X-Amz-Credential=ASIAEXAMPLEKEY');
  });

  it('normalize to the same cause after redaction', () => {
    for (const c of cases) {
      const before = normalizePullMessage(c.message);
      const after = normalizePullMessage(redactText(c.message, {}));
      expect({ id: c.id, code: after.code, flag: after.flag, image: after.image, backoffOnly: after.backoffOnly }).toEqual({
        id: c.id,
        code: before.code,
        flag: before.flag,
        image: before.image,
        backoffOnly: before.backoffOnly,
      });
      if (!c.message.includes('X-Amz-Credential')) expect(after.cause).toBe(before.cause);
      else expect(after.cause.endsWith('i/o timeout')).toBe(before.cause.endsWith('i/o timeout'));
    }
  });
});
