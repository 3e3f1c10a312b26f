import { readFileSync } from 'node:fs';

/** podmortem's version, from package.json (one level above both src/ and dist/). */
export const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

/** Folder of the built-in rules, shipped beside src/ and dist/. */
export const BUILTIN_RULES_DIR: string = new URL('../rules/', import.meta.url).pathname;
