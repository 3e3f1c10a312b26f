/**
 * Parse Markdown with the same micromark (CommonMark + GFM) parser markdownlint
 * uses, through a collecting custom rule: tests then assert on real parse
 * trees instead of on strings.
 */
import { readFileSync } from 'node:fs';
import { lint } from 'markdownlint/sync';
import type { Configuration, LintError } from 'markdownlint';

/** A micromark token with a plain string type (GFM token names are missing from the published type map). */
export interface MicromarkToken {
  type: string;
  text: string;
  startLine: number;
  children: MicromarkToken[];
}

export function parseTokens(markdown: string): MicromarkToken[] {
  let tokens: MicromarkToken[] = [];
  lint({
    strings: { doc: markdown },
    config: { default: false, collect: true },
    customRules: [
      {
        names: ['collect'],
        description: 'collect micromark tokens',
        tags: ['test'],
        parser: 'micromark',
        function: (params) => {
          tokens = params.parsers.micromark.tokens as unknown as MicromarkToken[];
        },
      },
    ],
  });
  return tokens;
}

export function flatten(tokens: readonly MicromarkToken[]): MicromarkToken[] {
  const out: MicromarkToken[] = [];
  const stack = [...tokens].reverse();
  while (stack.length) {
    const t = stack.pop()!;
    out.push(t);
    for (let i = t.children.length - 1; i >= 0; i--) stack.push(t.children[i]);
  }
  return out;
}

export function typesOf(markdown: string): Set<string> {
  return new Set(flatten(parseTokens(markdown)).map((t) => t.type));
}

/** The config podmortem ships for its reports. */
export function shippedConfig(): Configuration {
  return JSON.parse(readFileSync(new URL('../../.markdownlint.json', import.meta.url), 'utf8')) as Configuration;
}

export function lintErrors(markdown: string): LintError[] {
  return lint({ strings: { doc: markdown }, config: shippedConfig() }).doc;
}

/** Undo Markdown backslash escapes (any ASCII punctuation): what a renderer shows. */
export function unescape(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
