/**
 * `{{ path }}` and `{{ path | default "text" }}` templates: plain lookups,
 * nothing else. Parsed once at load time; rendering is a walk over the parts.
 */
import type { Template, TemplatePart } from './types.js';

export interface TemplateError {
  /** offset of the problem inside the template text */
  offset: number;
  message: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

export function parseTemplate(text: string): { template: Template; errors: TemplateError[] } {
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      parts.push(text.slice(i));
      break;
    }
    if (open > i) parts.push(text.slice(i, open));
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      errors.push({ offset: open, message: 'unclosed "{{" in template' });
      parts.push(text.slice(open));
      break;
    }
    const inner = text.slice(open + 2, close).trim();
    const part = parseLookup(inner);
    if (typeof part === 'string') errors.push({ offset: open, message: part });
    else parts.push(part);
    i = close + 2;
  }
  return { template: parts, errors };
}

/** A lookup, or an error message. */
function parseLookup(inner: string): TemplatePart | string {
  const bar = inner.indexOf('|');
  const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
  if (!NAME.test(name)) return `"{{ ${inner} }}" is not a plain variable lookup (only {{ name }} and {{ name | default "text" }} are allowed)`;
  if (bar < 0) return { name, path: name.split('.') };
  const filter = inner.slice(bar + 1).trim();
  if (!filter.startsWith('default ')) return `unknown template filter "${filter}" (only default "text" is supported)`;
  const arg = filter.slice('default '.length).trim();
  if (arg.length < 2 || arg[0] !== '"' || arg[arg.length - 1] !== '"') return `default needs a double-quoted text: "{{ ${inner} }}"`;
  return { name, path: name.split('.'), fallback: arg.slice(1, -1) };
}

export function templateVariables(t: Template): { name: string; path: string[] }[] {
  return t.filter((p): p is Exclude<TemplatePart, string> => typeof p !== 'string');
}

export const UNKNOWN_VALUE = '<unknown>';

/** `lookup` returns the rendered value of a variable, or undefined when it has none. */
export function renderTemplate(t: Template, lookup: (name: string, path: string[]) => string | undefined): string {
  let out = '';
  for (const p of t) {
    if (typeof p === 'string') out += p;
    else out += lookup(p.name, p.path) ?? p.fallback ?? UNKNOWN_VALUE;
  }
  return out;
}
