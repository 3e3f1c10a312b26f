import type { ResolvConfRecord } from '../records.js';
import type { ArtifactParser } from '../parser.js';
import { guarded } from './describe-common.js';
import { headLines, splitWords, toLines } from './lines.js';

const KEYWORDS = new Set(['nameserver', 'search', 'domain', 'options', 'sortlist', 'lookup', 'family']);

function keyword(line: string): string {
  const t = line.trimStart();
  let end = 0;
  while (end < t.length && t.charCodeAt(end) !== 32) end++;
  return t.slice(0, end);
}

function isComment(line: string): boolean {
  const t = line.trimStart();
  return t.length === 0 || t[0] === '#' || t[0] === ';';
}

/** A node's /etc/resolv.conf (also the systemd-resolved stub, nameserver 127.0.0.53). */
export const resolvConfParser: ArtifactParser = {
  kind: 'resolv-conf',
  sniff(head) {
    let nameserver = false;
    for (const line of headLines(head, 60)) {
      if (isComment(line)) continue;
      const k = keyword(line);
      if (!KEYWORDS.has(k) || k.length === line.trim().length) return false;
      if (k === 'nameserver') nameserver = true;
    }
    return nameserver;
  },
  parse(text, ctx) {
    return guarded('resolv-conf', ctx, (records, warnings) => {
      const file = ctx.file;
      const lines = toLines(text, file, warnings);
      const rec: ResolvConfRecord = { kind: 'resolv-conf', scope: 'node', nameservers: [], search: [], options: [], source: { file } };
      if (ctx.node) rec.node = ctx.node;
      let unknown = 0;
      let firstUnknown = 0;
      // bounded: glibc reads 3 nameservers and 6 search domains; we keep more but not unlimited
      const MAX = 64;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (isComment(line)) continue;
        const words = splitWords(line, MAX + 1).map((w) => w.text);
        // glibc ignores anything after a comment character on a keyword line
        const hash = words.findIndex((w) => w.startsWith('#') || w.startsWith(';'));
        if (hash > 0) words.length = hash;
        const [key, ...args] = words;
        switch (key) {
          case 'nameserver':
            if (args[0] && rec.nameservers.length < MAX) rec.nameservers.push({ address: args[0], source: { file, line: i + 1 } });
            break;
          case 'search':
          case 'domain':
            // the last search/domain line wins; `search .` (systemd) means none
            rec.search = (key === 'domain' ? args.slice(0, 1) : args).filter((d) => d !== '.').slice(0, MAX);
            break;
          case 'options':
            for (const o of args) if (rec.options.length < MAX) rec.options.push(o);
            break;
          case 'sortlist':
          case 'lookup':
          case 'family':
            break;
          default:
            if (unknown++ === 0) firstUnknown = i + 1;
        }
      }
      if (unknown > 0) warnings.push({ file, line: firstUnknown, message: `${unknown} line(s) that are not resolv.conf directives were ignored` });
      if (rec.nameservers.length === 0) warnings.push({ file, message: 'resolv.conf has no nameserver line' });
      records.push(rec);
    });
  },
};
