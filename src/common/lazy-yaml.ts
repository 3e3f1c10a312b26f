/**
 * The `yaml` library, loaded on first use. Analyze reads its rules from the
 * build's snapshot, and most bundles are JSON, so a run that meets no YAML
 * does not pay for loading it (a few tens of milliseconds at start-up).
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

const require = createRequire(import.meta.url);
let lib: Yaml | undefined;

export function yaml(): Yaml {
  lib ??= require('yaml') as Yaml;
  return lib;
}
