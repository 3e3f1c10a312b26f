import { t } from 'tar';

/** Read the named entries of a real .tar.gz bundle into memory (no extraction to disk). */
export async function readTarEntries(file: string, wanted: (path: string) => boolean): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  await t({
    file,
    onReadEntry(entry) {
      if (entry.type !== 'File' || !wanted(entry.path)) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => out.set(entry.path, Buffer.concat(chunks)));
    },
  });
  return out;
}

/** All entry paths of an archive. */
export async function listTar(file: string): Promise<string[]> {
  const paths: string[] = [];
  await t({ file, onReadEntry: (e) => { paths.push(e.path); e.resume(); } });
  return paths;
}
