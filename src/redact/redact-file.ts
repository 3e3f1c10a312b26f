import { redactJson } from './json-redact.js';
import type { KindCounts } from './markers.js';
import { redactText } from './text-scan.js';
import { redactYaml } from './yaml-redact.js';

/** How a file was treated. */
export type FileTreatment = 'json' | 'yaml' | 'text' | 'binary';

export interface RedactedFile {
  treatment: FileTreatment;
  /** undefined for binary files, which are dropped */
  content?: Buffer;
  counts: KindCounts;
}

const SNIFF_BYTES = 8192;

/** NUL in the first 8 KiB: an image layer, a core dump, a compressed blob. We cannot redact inside those. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, SNIFF_BYTES).indexOf(0) >= 0;
}

/**
 * One bundle file: JSON and YAML redacted by structure (so Secrets, env
 * values and dockerconfigs keep their shape), anything else as free text.
 * Pure; never throws on bad content (a document that does not parse is
 * treated as text).
 */
export function redactFile(path: string, content: Buffer): RedactedFile {
  const counts: KindCounts = {};
  if (looksBinary(content)) return { treatment: 'binary', counts };
  const text = content.toString('utf8');
  const first = firstNonSpace(text);
  let treatment: FileTreatment = 'text';
  let out: string | undefined;
  if (first === '{' || first === '[') {
    out = redactJson(text, counts);
    if (out !== undefined) treatment = 'json';
  } else if (isYamlName(path) || looksLikeK8sYaml(text)) {
    out = redactYaml(text, counts);
    if (out !== undefined) treatment = 'yaml';
  }
  if (out === undefined) {
    for (const k of Object.keys(counts)) delete counts[k as keyof KindCounts];
    out = redactText(text, counts);
  }
  return { treatment, content: out === text ? content : Buffer.from(out, 'utf8'), counts };
}

function firstNonSpace(text: string): string {
  const limit = Math.min(text.length, 4096);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return text[i];
  }
  return '';
}

/** `kubectl get -o yaml` saved under any name: markers must then be quoted too. */
function looksLikeK8sYaml(text: string): boolean {
  const head = text.slice(0, 256).trimStart();
  return head.startsWith('apiVersion:') || head.startsWith('kind:') || head.startsWith('---\n') || head.startsWith('items:');
}

function isYamlName(path: string): boolean {
  const p = path.toLowerCase();
  return p.endsWith('.yaml') || p.endsWith('.yml');
}
