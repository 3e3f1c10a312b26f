/** What the first bytes of an input say it is; the file name is never trusted. */
export type ContentKind = 'empty' | 'gzip' | 'tar' | 'zip' | 'other-archive' | 'file';

/** Bytes to read from the start of an input to classify it (one tar header block). */
export const DETECT_BYTES = 512;

export function detectContent(head: Buffer): ContentKind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (otherArchiveName(head)) return 'other-archive';
  if (isTarHeader(head)) return 'tar';
  return 'file';
}

/** Formats we recognise but do not read, named for the warning. */
export function otherArchiveName(head: Buffer): string | undefined {
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  return undefined;
}

/**
 * A tar header block: its checksum (sum of the block with the checksum field
 * read as spaces, stored as octal at 148..155) matches. An all-zero block is
 * an empty archive's end marker, also tar.
 */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < 512) return false;
  let sum = 0;
  let allZero = true;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i];
    if (block[i] !== 0) allZero = false;
    sum += b;
  }
  if (allZero) return true;
  const stored = parseOctal(block, 148, 8);
  return stored !== undefined && stored === sum;
}

function parseOctal(buf: Buffer, start: number, len: number): number | undefined {
  let i = start;
  const end = start + len;
  while (i < end && buf[i] === 0x20) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 0x30 && c <= 0x37) {
      value = value * 8 + (c - 0x30);
      digits++;
    } else break;
  }
  return digits > 0 ? value : undefined;
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[i] !== bytes[i]) return false;
  return true;
}
