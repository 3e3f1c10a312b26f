/**
 * Compiles every regex of a rule set now. Snapshot rules compile theirs on
 * first use (load.ts); a caller with a moment to spare (the main thread
 * waiting for the parse workers' last files) spends it here instead of in
 * the evaluation that follows.
 */
import type { Block, RuleSet } from './types.js';

export function compileRegexes(rules: RuleSet): number {
  let n = 0;
  const walk = (b: Block) => {
    for (const list of [b.all, b.any, b.none]) {
      for (const c of list ?? []) {
        if (c.kind === 'block') walk(c);
        else if (c.test.op === 'regex' && c.test.re) n++;
      }
    }
  };
  for (const r of rules.rules) walk(r.match);
  return n;
}
