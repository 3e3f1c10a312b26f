import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/common/secrets.js';
import { redactFile } from '../../src/redact/redact-file.js';

const m = (kind: string, value: string) => `***REDACTED-${kind}-${fingerprint(value)}***`;
const red = (path: string, text: string) => {
  const r = redactFile(path, Buffer.from(text));
  return { ...r, text: r.content?.toString('utf8') };
};

describe('JSON', () => {
  it('decides Secret data when kind comes after data (kubectl order); ConfigMap data is only scanned', () => {
    const list = `{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "data": {
                "username": "YWRtaW4=",
                "url": "aHR0cHM6Ly9leGFtcGxl"
            },
            "kind": "Secret",
            "metadata": { "name": "db", "namespace": "shop" },
            "type": "Opaque"
        },
        {
            "apiVersion": "v1",
            "data": {
                "LOG_LEVEL": "debug",
                "app.properties": "db.url=jdbc:postgresql://db:5432/shop\\ndb.password=FAKE-cm-pw\\n"
            },
            "kind": "ConfigMap",
            "metadata": { "name": "app-config", "namespace": "shop" }
        }
    ],
    "kind": "List"
}
`;
    const r = red('cluster-resources/secrets.json', list);
    expect(r.treatment).toBe('json');
    expect(r.text).toContain(`"username": "${m('SECRET', 'admin')}"`);
    expect(r.text).toContain('"LOG_LEVEL": "debug"');
    expect(r.text).toContain(`db.password=${m('PASSWORD', 'FAKE-cm-pw')}\\n`);
    // every byte outside the replaced strings is as it was
    const url = Buffer.from('aHR0cHM6Ly9leGFtcGxl', 'base64').toString();
    expect(r.text).toBe(
      list
        .replace('"YWRtaW4="', `"${m('SECRET', 'admin')}"`)
        .replace('"aHR0cHM6Ly9leGFtcGxl"', `"${m('SECRET', url)}"`)
        .replace('FAKE-cm-pw', m('PASSWORD', 'FAKE-cm-pw')),
    );
  });

  it('env: only credential-named variables, in any key order, valueFrom untouched', () => {
    const env = JSON.stringify([
      { value: 'FAKE-env-token', name: 'GITHUB_TOKEN' },
      { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAZ7FAKEREDACT0021' },
      { name: 'SECRET', value: 'FAKE-env-secret' },
      { name: 'PASSWORD_FILE', value: '/run/secrets/db' },
      { name: 'JAVA_OPTS', value: '-Xmx512m -Dspring.datasource.password=FAKE-java-pw' },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } },
    ]);
    const r = red('pods.json', env);
    const out = JSON.parse(r.text!);
    expect(out[0].value).toBe(m('TOKEN', 'FAKE-env-token'));
    expect(out[1].value).toBe(m('KEY', 'AKIAZ7FAKEREDACT0021')); // by its shape, not its name (an id, not a secret)
    expect(out[2].value).toBe(m('SECRET', 'FAKE-env-secret'));
    expect(out[3].value).toBe('/run/secrets/db');
    expect(out[4].value).toBe(`-Xmx512m -Dspring.datasource.password=${m('PASSWORD', 'FAKE-java-pw')}`);
    expect(out[5]).toEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } });
  });

  it('JSON lines are redacted line by line; broken JSON falls back to text', () => {
    const lines = '{"msg":"login","password":"FAKE-jl-1"}\n{"msg":"ok","token":"FAKE-jl-2"}\n';
    const r = red('logs/app.log', lines);
    expect(r.treatment).toBe('json');
    expect(r.text).toBe(`{"msg":"login","password":"${m('PASSWORD', 'FAKE-jl-1')}"}\n{"msg":"ok","token":"${m('TOKEN', 'FAKE-jl-2')}"}\n`);
    const broken = red('pods.json', '{"items": [{"password": "FAKE-broken-1"');
    expect(broken.treatment).toBe('text');
    expect(broken.text).toBe(`{"items": [{"password": "${m('PASSWORD', 'FAKE-broken-1')}"`);
  });
});

describe('YAML', () => {
  it('quotes markers so the document still parses, and keeps line numbers', () => {
    const doc = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      '  annotations:',
      '    note: |',
      '      rotate with',
      '      token=FAKE-yaml-tok',
      'spec:',
      '  containers:',
      '  - name: api',
      '    image: registry.acme.internal/shop/api:1.0',
      '    env:',
      '    - name: DB_PASSWORD',
      "      value: 'FAKE-yaml-pw'",
      '    - name: MODE',
      '      value: prod',
      '',
    ].join('\n');
    const r = red('namespaces/shop/core/pods.yaml', doc);
    expect(r.treatment).toBe('yaml');
    const lines = r.text!.split('\n');
    expect(lines.length).toBe(doc.split('\n').length);
    expect(lines[14]).toBe(`      value: "${m('PASSWORD', 'FAKE-yaml-pw')}"`);
    expect(lines[16]).toBe('      value: prod');
    expect(lines[11]).toBe('    image: registry.acme.internal/shop/api:1.0');
    expect(r.text).toContain(`token=${m('TOKEN', 'FAKE-yaml-tok')}`);
    expect(r.text).not.toContain('FAKE-yaml');
  });

  it('invalid YAML is redacted as text', () => {
    const r = red('broken.yaml', 'a: [\npassword: FAKE-bad-yaml\n');
    expect(r.treatment).toBe('text');
    expect(r.text).not.toContain('FAKE-bad-yaml');
  });
});

describe('files', () => {
  it('binary files are dropped, untouched text is returned as the same buffer', () => {
    expect(redactFile('core.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01])).treatment).toBe('binary');
    const plain = Buffer.from('nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n');
    expect(redactFile('resolv.conf', plain).content).toBe(plain);
  });
});

describe('YAML under another name', () => {
  it('kubectl get -o yaml saved as .txt is still redacted as YAML (markers quoted)', () => {
    const r = red('customer/secret.txt', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: FAKE-txt-yaml-pw\ntype: Opaque\n');
    expect(r.treatment).toBe('yaml');
    expect(r.text).toContain(`  password: "${m('PASSWORD', 'FAKE-txt-yaml-pw')}"\n`);
  });
});
