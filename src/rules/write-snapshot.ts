/**
 * `node dist/rules/write-snapshot.js`, run by `npm run build`: checks the
 * built-in rules once and stores them beside this module, so that analyze
 * does not parse and validate 65 YAML files on every run.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILTIN_RULES_DIR } from '../version.js';
import { SNAPSHOT_FILE } from './builtin-snapshot.js';
import { snapshotRules } from './load.js';

const snapshot = snapshotRules(BUILTIN_RULES_DIR);
writeFileSync(fileURLToPath(SNAPSHOT_FILE), JSON.stringify(snapshot));
process.stdout.write(`rules snapshot: ${Object.keys(snapshot.entries).length} rule files\n`);
