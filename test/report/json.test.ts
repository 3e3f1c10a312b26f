import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { renderJson } from '../../src/report/json.js';
import { CATEGORIES, SEVERITIES } from '../../src/findings/types.js';
import { expectGolden } from '../helpers/golden.js';
import { CANARIES, hostileResult, incidentResult } from '../fixtures/report/results.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/result.schema.json', import.meta.url), 'utf8'));

function validator() {
  const ajv = new Ajv({ strict: true, allErrors: true });
  return ajv.compile(schema);
}

describe('schema/result.schema.json', () => {
  it('is draft-07 and compiles in strict mode', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => validator()).not.toThrow();
  });

  it('lists exactly the categories and severities of the code', () => {
    expect(schema.definitions.category.enum).toEqual([...CATEGORIES]);
    expect(schema.definitions.severity.enum).toEqual([...SEVERITIES]);
  });

  it('rejects a wrong category, a missing field and an unknown finding field; allows new top-level fields', () => {
    const validate = validator();
    const good = JSON.parse(renderJson(incidentResult()));
    expect(validate(good)).toBe(true);
    const badCategory = structuredClone(good);
    badCategory.findings[0].category = 'bogus';
    expect(validate(badCategory)).toBe(false);
    const missing = structuredClone(good);
    delete missing.findings[0].rule;
    expect(validate(missing)).toBe(false);
    const extraInFinding = structuredClone(good);
    extraInFinding.findings[0].password = 'x';
    expect(validate(extraInFinding)).toBe(false);
    const badLine = structuredClone(good);
    badLine.findings[0].evidence[0].line = 0;
    expect(validate(badLine)).toBe(false);
    expect(validate({ ...good, futureField: { any: 1 } })).toBe(true);
  });
});

describe('renderJson', () => {
  it('validates against the schema for the incident and the hostile bundle', () => {
    const validate = validator();
    for (const r of [incidentResult(), hostileResult()]) {
      const ok = validate(JSON.parse(renderJson(r)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('keeps the public field names', () => {
    const j = JSON.parse(renderJson(incidentResult()));
    expect(Object.keys(j)).toEqual(['schemaVersion', 'tool', 'bundle', 'findings', 'notChecked', 'warnings', 'pods', 'nodes', 'inventory']);
    expect(j.tool).toEqual({ name: 'podmortem', version: '0.1.0', rulesVersion: '2025.03.0' });
    const f = j.findings[0];
    for (const k of ['rule', 'category', 'severity', 'primary', 'title', 'message', 'subject', 'evidence', 'remediation']) expect(f).toHaveProperty(k);
    expect(f.subject).toEqual({ kind: 'container', namespace: 'shop', name: 'checkout-6b8d9f7c4-4kq2n', container: 'checkout' });
    expect(f.evidence[0]).toEqual({ file: 'cluster-resources/events/shop.json', line: 118, excerpt: incidentResult().findings[0].evidence[0].excerpt });
    expect(j.notChecked[0]).toHaveProperty('capture');
    expect(j.warnings[0]).toEqual({ file: 'cluster-resources/events/kube-system.json', line: 1, message: 'truncated JSON (unexpected end of input at byte 1048576): 212 events read' });
  });

  it('is pretty by default and one line with compact, with the same content', () => {
    const r = incidentResult();
    const pretty = renderJson(r);
    const compact = renderJson(r, { compact: true });
    expect(pretty).toContain('\n  "schemaVersion": 1,');
    expect(compact).not.toContain('\n');
    expect(JSON.parse(compact)).toEqual(JSON.parse(pretty));
    expect(pretty.endsWith('}')).toBe(true);
  });

  it('leaks no credential and no terminal escape from hostile text', () => {
    const out = renderJson(hostileResult(), { compact: true });
    for (const c of CANARIES) expect(out).not.toContain(c);
    expect(out).not.toMatch(/\\u001b|\\u0007|\\u009b|\\u009d/);
    const j = JSON.parse(out);
    expect(j.findings[0].captures).toEqual({ password: '***REDACTED***', registry: 'registry.evil.example' });
    expect(j.findings[0].evidence[0].excerpt).toContain('Authorization: Bearer ***REDACTED***');
    // untrusted text is otherwise kept as is: JSON is for programs, escaping is theirs
    expect(j.findings[0].subject.name).toBe('evil|pod`x`<script>alert(1)</script>](javascript:alert(1))');
    expect(j.inventory.unrecognized).toEqual(['notes\n- injected.txt', 'red.txt']);
  });

  it('does not modify its input', () => {
    const r = hostileResult();
    const before = JSON.stringify(r);
    renderJson(r);
    expect(JSON.stringify(r)).toBe(before);
  });

  it('matches the golden files', () => {
    expectGolden('report/golden/incident.json', renderJson(incidentResult()) + '\n');
    expectGolden('report/golden/hostile.json', renderJson(hostileResult()) + '\n');
  });
});
