#!/usr/bin/env node
/**
 * Builds the .tar.gz sample bundles from their source folders in samples/.
 * Output is byte-for-byte deterministic (sorted entries, fixed mtime, mode,
 * owner; gzip header without a timestamp) so the archives can live in git
 * and `node scripts/build-samples.mjs --check` can prove they are current.
 *
 *   samples/ctx-troubleshoot/  ->  samples/ctx-troubleshoot.tar.gz
 */
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
/** source folder -> archive; the folder's children become the archive's top level */
const ARCHIVES = [{ src: 'ctx-troubleshoot', out: 'ctx-troubleshoot.tar.gz' }];
// troubleshoot writes its files -rw------- ; the collection time of the sample bundles
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const MTIME = Math.floor(Date.parse('2026-11-20T09:14:03Z') / 1000);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) out.push({ full, dir: true }, ...walk(full));
    else if (st.isFile()) out.push({ full, dir: false });
  }
  return out;
}

function octal(n, width) {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** One ustar header; long paths use the 155-byte prefix field. */
function header(path, size, dir) {
  const h = Buffer.alloc(512, 0);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf('/', path.length - 2 > 155 ? 155 : path.length - 2);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
    if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`path too long for ustar: ${path}`);
  }
  h.write(name, 0, 100, 'utf8');
  h.write(octal(dir ? DIR_MODE : FILE_MODE, 8), 100, 8, 'ascii');
  h.write(octal(0, 8), 108, 8, 'ascii');
  h.write(octal(0, 8), 116, 8, 'ascii');
  h.write(octal(size, 12), 124, 12, 'ascii');
  h.write(octal(MTIME, 12), 136, 12, 'ascii');
  h.write('        ', 148, 8, 'ascii');
  h.write(dir ? '5' : '0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return h;
}

export function buildArchive(srcDir) {
  const parts = [];
  for (const e of walk(srcDir)) {
    const rel = relative(srcDir, e.full).split(sep).join('/');
    if (e.dir) {
      parts.push(header(`${rel}/`, 0, true));
      continue;
    }
    const data = readFileSync(e.full);
    parts.push(header(rel, data.length, false), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

const check = process.argv.includes('--check');
let stale = 0;
for (const a of ARCHIVES) {
  const buf = buildArchive(join(SAMPLES, a.src));
  const out = join(SAMPLES, a.out);
  if (check) {
    const same = existsSync(out) && Buffer.compare(readFileSync(out), buf) === 0;
    if (!same) {
      stale++;
      console.error(`${a.out} is out of date: run node scripts/build-samples.mjs`);
    }
  } else {
    writeFileSync(out, buf);
    console.log(`${a.out}: ${buf.length} bytes`);
  }
}
process.exitCode = stale ? 1 : 0;
