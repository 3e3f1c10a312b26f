import type { Warning } from '../../common/source.js';
import { stripTerminalControls } from '../../common/terminal.js';
import type { JournalLine, JournalRecord, ParseContext, ParseResult } from '../records.js';
import type { ArtifactParser } from '../parser.js';
import { describeError, headLines, MAX_LINE_CHARS } from './lines.js';
import { redactCredentials } from './redact.js';

/**
 * Lower-case substrings that make a journal line worth keeping: image pulls
 * and the transport/disk errors that break them. Substring checks only, so a
 * GB-sized journal is one linear pass.
 */
const KEEP = [
  'pullimage',
  'pulling image',
  'pull image',
  'pulled image',
  'imagepull',
  'image pull',
  'failed to pull',
  'back-off',
  'no space left on device',
  'x509',
  'dial tcp',
  'toomanyrequests',
  'too many requests',
  'tls handshake',
  'proxyconnect',
  'pull qps exceeded',
  'garbage collect',
  'imagegc',
  'failed to resolve reference',
];

const MONTH_TIME = /^[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d(?:\.\d{1,9})? /;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? /;
/** `-o short-full` (Tue 2026-11-24 09:12:01 UTC) and `-o short-unix` (1795511521.514276) */
const FULL_TIME = /^[A-Z][a-z]{2} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})? [A-Za-z0-9+-]{1,6} /;
const UNIX_TIME = /^\d{9,11}\.\d{1,9} /;
const KLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{1,9} /;

/** syslog identifiers we know, normalized to the unit names of JournalRecord */
const UNITS: Record<string, string> = {
  kubelet: 'kubelet',
  containerd: 'containerd',
  crio: 'crio',
  'cri-o': 'crio',
  dockerd: 'docker',
  docker: 'docker',
  k3s: 'k3s',
  'k3s-agent': 'k3s',
  rke2: 'rke2',
  'rke2-agent': 'rke2',
};

export interface LinePrefix {
  time?: string;
  /** syslog identifier (`kubelet` of `kubelet[1187]:`), raw */
  ident?: string;
}

/** Timestamp and syslog identifier of a journal (short, short-iso, short-precise, short-full, short-unix), klog or logfmt line. */
export function linePrefix(line: string): LinePrefix {
  const head = line.length > 128 ? line.slice(0, 128) : line;
  let m = MONTH_TIME.exec(head) ?? ISO_TIME.exec(head) ?? FULL_TIME.exec(head) ?? UNIX_TIME.exec(head);
  if (m) {
    const time = m[0].trimEnd();
    // host, then `ident[pid]:` or `ident:`
    const hostEnd = line.indexOf(' ', m[0].length);
    if (hostEnd < 0) return { time };
    const colon = line.indexOf(':', hostEnd + 1);
    if (colon < 0 || colon - hostEnd > 80) return { time };
    let ident = line.slice(hostEnd + 1, colon);
    const bracket = ident.indexOf('[');
    if (bracket >= 0) ident = ident.slice(0, bracket);
    return ident.indexOf(' ') >= 0 ? { time } : { time, ident };
  }
  m = KLOG.exec(head);
  if (m) return { time: m[0].trimEnd(), ident: 'kubelet' };
  if (line.startsWith('time="')) {
    const end = line.indexOf('"', 6);
    if (end > 6 && end < 64) return { time: line.slice(6, end) };
  }
  return {};
}

function unitOf(ident: string | undefined): string | undefined {
  return ident ? (UNITS[ident] ?? UNITS[ident.toLowerCase()]) : undefined;
}

/**
 * Case-sensitive fragments at least one of which every KEEP entry contains in
 * any usual capitalization; a line with none of them skips the lower-casing,
 * which is most of the cost on a big journal.
 */
const HINTS = ['ull', 'ULL', 'mage', 'MAGE', 'ack-off', 'ack-Off', 'x509', 'X509', 'dial', 'Dial', 'pace left', 'any', 'ANY', 'andshake', 'roxy', 'arbage', 'GC', 'esolve'];

function keep(line: string): boolean {
  let hinted = false;
  for (const h of HINTS) {
    if (line.indexOf(h) >= 0) {
      hinted = true;
      break;
    }
  }
  if (!hinted) return false;
  const lower = line.toLowerCase();
  for (const k of KEEP) if (lower.indexOf(k) >= 0) return true;
  return false;
}

/** Lines we keep are bounded so a journal of pull loops cannot fill memory. */
const MAX_KEPT = 20000;
/** Early lines looked at to name the unit when no kept line does. */
const UNIT_SAMPLE = 200;

/**
 * Streaming journal reader: feed it text chunks (a partial last line is
 * carried to the next chunk), then `end()`. parse() below feeds the whole
 * text at once; the scan is indexOf-based and never splits the text.
 */
export class JournalScanner {
  private carry = '';
  private lineNo = 0;
  private kept: JournalLine[] = [];
  private dropped = 0;
  private units = new Set<string>();
  private sampleUnits = new Set<string>();
  private longLines = 0;
  private firstLong = 0;
  private warnings: Warning[] = [];

  constructor(private readonly ctx: ParseContext) {}

  feed(chunk: string): void {
    let text = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = '';
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      this.line(text, pos, nl);
      pos = nl + 1;
    }
    if (pos < text.length) {
      // a line without its newline yet; bound what we carry
      this.carry = text.length - pos > MAX_LINE_CHARS ? text.slice(pos, pos + MAX_LINE_CHARS) : text.slice(pos);
    }
    text = '';
  }

  end(): ParseResult {
    if (this.carry.length > 0) {
      const rest = this.carry;
      this.carry = '';
      this.line(rest, 0, rest.length);
    }
    const file = this.ctx.file;
    if (this.longLines > 0) this.warnings.push({ file, line: this.firstLong, message: `${this.longLines} journal line(s) longer than ${MAX_LINE_CHARS} characters were cut` });
    if (this.dropped > 0) this.warnings.push({ file, message: `${this.dropped} more image-pull journal line(s) beyond ${MAX_KEPT} were not kept` });
    const units = this.units.size > 0 ? this.units : this.sampleUnits;
    const rec: JournalRecord = { kind: 'journal', lines: this.kept, totalLines: this.lineNo, source: { file } };
    if (this.ctx.node) rec.node = this.ctx.node;
    if (units.size === 1) rec.unit = [...units][0];
    return { kind: 'journal', records: [rec], warnings: this.warnings };
  }

  private line(text: string, start: number, end: number): void {
    this.lineNo++;
    if (end - start > MAX_LINE_CHARS) {
      if (this.longLines++ === 0) this.firstLong = this.lineNo;
      end = start + MAX_LINE_CHARS;
    }
    if (end === start) return;
    const raw = text.slice(start, end);
    const sampling = this.lineNo <= UNIT_SAMPLE;
    const wanted = keep(raw);
    if (!wanted && !sampling) return;
    const clean = redactCredentials(stripTerminalControls(raw).trimEnd());
    const prefix = linePrefix(clean);
    const unit = unitOf(prefix.ident);
    if (sampling && unit) this.sampleUnits.add(unit);
    if (!wanted) return;
    if (this.kept.length >= MAX_KEPT) {
      this.dropped++;
      return;
    }
    if (unit) this.units.add(unit);
    const jl: JournalLine = { text: clean, source: { file: this.ctx.file, line: this.lineNo } };
    if (prefix.time) jl.time = prefix.time;
    if (unit) jl.unit = unit;
    this.kept.push(jl);
  }
}

/**
 * Only syslog-prefixed lines of a known unit: bare klog or logfmt lines are
 * what every pod log looks like, so they are read as a journal only when the
 * path says so (ctx.kind), never sniffed.
 */
function looksLikeJournalLine(line: string): boolean {
  if (KLOG.test(line) || line.startsWith('time="')) return false;
  return unitOf(linePrefix(line).ident) !== undefined;
}

/** kubelet / containerd / CRI-O / dockerd journal excerpts (raw klog or logfmt logs parse too, but are not sniffed). */
export const journalParser: ArtifactParser = {
  kind: 'journal',
  sniff(head) {
    let checked = 0;
    for (const line of headLines(head, 40)) {
      if (line.length === 0 || line.startsWith('-- ')) continue;
      if (looksLikeJournalLine(line)) return true;
      // a syslog-shaped line of another unit (systemd[1]: Started kubelet) may lead; look a bit further
      if (++checked >= 5 || !linePrefix(line).time) return false;
    }
    return false;
  },
  parse(text, ctx) {
    const scanner = new JournalScanner(ctx);
    try {
      scanner.feed(text);
      return scanner.end();
    } catch (err) {
      return { kind: 'journal', records: [], warnings: [{ file: ctx.file, message: `journal parser failed: ${describeError(err)}` }] };
    }
  },
};
