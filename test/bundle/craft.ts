/**
 * Hand-made tar blocks for the cases `tar` refuses to create: traversal,
 * absolute names, links to system files, devices, FIFOs, corrupt headers.
 * Layout per POSIX ustar: name 0..99, mode 100, uid 108, gid 116, size 124
 * (12 octal), mtime 136, checksum 148 (8), typeflag 156, linkname 157..256,
 * magic "ustar\0" 257, version "00" 263.
 */
export interface HeaderOptions {
  type?: string;
  size?: number;
  linkname?: string;
}

export function tarHeader(name: string, opts: HeaderOptions = {}): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'ascii');
  h.write('0001750\0', 108, 'ascii');
  h.write('0001750\0', 116, 'ascii');
  h.write((opts.size ?? 0).toString(8).padStart(11, '0') + '\0', 124, 'ascii');
  h.write('14712345670\0', 136, 'ascii');
  h.write(opts.type ?? '0', 156, 'ascii');
  if (opts.linkname) h.write(opts.linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('        ', 148, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

function pad(content: Buffer): Buffer {
  const rem = content.length % 512;
  return rem === 0 ? content : Buffer.concat([content, Buffer.alloc(512 - rem)]);
}

/** One regular file (or any type with content) as header + padded body. */
export function tarEntry(name: string, content: string | Buffer = '', opts: HeaderOptions = {}): Buffer {
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  return Buffer.concat([tarHeader(name, { ...opts, size: body.length }), pad(body)]);
}

/** A pax extended header carrying a path longer than ustar allows, then the entry itself. */
export function paxEntry(path: string, content: string): Buffer {
  const record = (len: number) => `${len} path=${path}\n`;
  let len = record(0).length;
  while (record(len).length !== len) len = record(len).length;
  const pax = Buffer.from(record(len));
  return Buffer.concat([
    tarHeader('PaxHeader/long', { type: 'x', size: pax.length }),
    pad(pax),
    tarEntry('placeholder', content),
  ]);
}

/** The two zero blocks that end an archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(1024);
}

export function tarArchive(...parts: Buffer[]): Buffer {
  return Buffer.concat([...parts, tarEnd()]);
}
