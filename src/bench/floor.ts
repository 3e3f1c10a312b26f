/**
 * The benchmark's floor: the least any analyzer must do with a troubleshoot
 * bundle — gunzip it, walk the tar entries, JSON.parse every JSON entry.
 * Nothing else. podmortem's analyze time is compared with this.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';

async function floor(archive: string): Promise<{ entries: number; json: number }> {
  let entries = 0;
  let json = 0;
  const parser = new tar.Parser({
    onReadEntry: (entry) => {
      entries++;
      if (entry.type !== 'File' || !entry.path.endsWith('.json')) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        json++;
      });
    },
  });
  await pipeline(createReadStream(archive), parser);
  return { entries, json };
}

const archive = process.argv[2];
if (!archive) {
  process.stderr.write('usage: floor <bundle.tar.gz>\n');
  process.exit(2);
}
floor(archive).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
