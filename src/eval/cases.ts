/**
 * The labelled message corpus (../shared/cases/messages.jsonl): one JSON
 * object per line. Reading is lenient: a bad line becomes a warning with its
 * line number and the rest is still evaluated.
 */
import type { Warning } from '../common/source.js';
import { CATEGORIES, type Category } from '../findings/types.js';

export interface EvalCase {
  id: string;
  runtime: string;
  /** kubelet minor version, e.g. "1.29" */
  kubelet: string;
  runtimeVersion?: string;
  image: string;
  eventReason: string;
  source: 'event' | 'waiting.message';
  message: string;
  waitingReason: string;
  category: Category;
  line: number;
}

const MAX_LINE = 256 * 1024;

export function parseCases(text: string, file: string): { cases: EvalCase[]; warnings: Warning[] } {
  const cases: EvalCase[] = [];
  const warnings: Warning[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    const line = i + 1;
    if (raw.length > MAX_LINE) {
      warnings.push({ file, line, message: `case line longer than ${MAX_LINE} characters, skipped` });
      continue;
    }
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      warnings.push({ file, line, message: `not JSON: ${(e as Error).message}` });
      continue;
    }
    const c = toCase(v, line);
    if (typeof c === 'string') warnings.push({ file, line, message: c });
    else cases.push(c);
  }
  return { cases, warnings };
}

function toCase(v: unknown, line: number): EvalCase | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'a case must be a JSON object';
  const o = v as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  for (const k of ['id', 'image', 'event_reason', 'message', 'waiting_reason', 'category']) {
    if (!str(k)) return `missing string field "${k}"`;
  }
  const category = str('category') as Category;
  if (!(CATEGORIES as readonly string[]).includes(category)) return `unknown category "${category}"`;
  const source = str('source') === 'waiting.message' ? 'waiting.message' : 'event';
  return {
    id: str('id')!,
    runtime: str('runtime') ?? 'containerd',
    kubelet: str('kubelet') ?? '1.29',
    runtimeVersion: str('runtime_version'),
    image: str('image')!,
    eventReason: str('event_reason')!,
    source,
    message: str('message')!,
    waitingReason: str('waiting_reason')!,
    category,
    line,
  };
}
