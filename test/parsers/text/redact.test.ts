import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../src/parsers/records.js';
import { journalParser } from '../../../src/parsers/text/journal.js';
import { redactCredentials } from '../../../src/parsers/text/redact.js';

describe('redactCredentials', () => {
  it('removes bearer tokens, basic credentials and dockerconfig values', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2Nlc3MiOltdfQ.c2lnbmF0dXJl';
    expect(redactCredentials(`level=debug msg="do request" request.header.authorization="Bearer ${jwt}" url="https://ghcr.io/v2/"`)).toBe(
      'level=debug msg="do request" request.header.authorization="Bearer [REDACTED]" url="https://ghcr.io/v2/"',
    );
    expect(redactCredentials('Authorization: Basic YWNtZS1jaTpzM2NyM3QtcGFzc3dvcmQ=')).toBe('Authorization: Basic [REDACTED]');
    expect(redactCredentials('invalid config {"auths":{"ghcr.io":{"username":"acme-ci","password":"s3cr3t","auth":"YWNtZS1jaTpzM2NyM3Q="}}}')).toBe(
      'invalid config {"auths":{"ghcr.io":{"username":"acme-ci","password":"[REDACTED]","auth":"[REDACTED]"}}}',
    );
  });

  it('leaves real pull errors alone', () => {
    const msgs = [
      'pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials',
      'failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Aacme%2Fapi%3Apull&service=registry.docker.io: 401 Unauthorized',
      'www-authenticate: Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/api:pull"',
      'unable to retrieve auth token: invalid username/password: unauthorized: incorrect username or password',
    ];
    for (const m of msgs) expect(redactCredentials(m)).toBe(m);
  });

  it('is applied to kept journal lines', () => {
    const text = 'Nov 24 09:12:01 h containerd[812]: time="t" level=debug msg="fetch token for image pull" authorization="Bearer abcdefghijklmnopqrstuvwxyz0123456789"\n';
    const rec = journalParser.parse(text, { file: 'j' }).records[0] as JournalRecord;
    expect(rec.lines[0].text).not.toContain('abcdefghijklmnop');
    expect(rec.lines[0].text).toContain('Bearer [REDACTED]');
  });
});
