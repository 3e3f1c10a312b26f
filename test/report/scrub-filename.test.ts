import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/report/scrub.js';

describe('scrubSecrets and remediation commands', () => {
  it('keeps a file name after .dockerconfigjson= but masks an inline base64 value', () => {
    const cmd = 'kubectl create secret generic regcred -n shop --type=kubernetes.io/dockerconfigjson --from-file=.dockerconfigjson=merged.json';
    expect(scrubSecrets(cmd)).toBe(cmd);
    expect(scrubSecrets('.dockerconfigjson=eyJhdXRocyI6eyJnaGNyLmlvIjp7ImF1dGgiOiJZV0pqT21SbFpnPT0ifX19')).not.toContain('eyJhdXRocyI6');
  });
});
