import type { ArtifactParser } from '../parser.js';
import { describeNodeParser } from './describe-node.js';
import { describePodParser } from './describe-pod.js';
import { dfParser } from './df.js';
import { getEventsParser } from './get-events.js';
import { getPodsParser } from './get-pods.js';
import { journalParser } from './journal.js';
import { resolvConfParser } from './resolv-conf.js';

export { JournalScanner } from './journal.js';

/**
 * The plain-text parsers, most specific sniffer first: describe output
 * (needs several column-0 keys), then the kubectl tables (named headers),
 * df (Filesystem header), resolv.conf (only directives), and the journal
 * last (any syslog-shaped line of a known unit).
 */
export const textParsers: ArtifactParser[] = [
  describePodParser,
  describeNodeParser,
  getEventsParser,
  getPodsParser,
  dfParser,
  resolvConfParser,
  journalParser,
];
