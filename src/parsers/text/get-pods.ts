import type { PodRecord } from '../records.js';
import type { ArtifactParser } from '../parser.js';
import { guarded } from './describe-common.js';
import { headLines, toLines } from './lines.js';
import { type Column, headerColumns, rowCells } from './table.js';

function isPodsHeader(line: string): boolean {
  return (
    (line.startsWith('NAME ') || line.startsWith('NAMESPACE ')) &&
    line.includes(' READY ') &&
    line.includes(' STATUS ') &&
    line.includes(' RESTARTS')
  );
}

/** READY is `<ready>/<total>`. */
function isReady(text: string | undefined): boolean {
  const slash = text ? text.indexOf('/') : -1;
  if (!text || slash <= 0 || slash === text.length - 1) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (i !== slash && (c < 48 || c > 57)) return false;
  }
  return true;
}

/** `kubectl get pods` tables: plain, `-A` (NAMESPACE first), `-o wide` (IP, NODE, ...). */
export const getPodsParser: ArtifactParser = {
  kind: 'get-pods',
  sniff(head) {
    const lines = headLines(head, 20);
    for (const l of lines) if (isPodsHeader(l)) return true;
    return false;
  },
  parse(text, ctx) {
    return guarded('get-pods', ctx, (records, warnings) => {
      const file = ctx.file;
      const lines = toLines(text, file, warnings);
      let cols: Column[] | undefined;
      let at: Record<string, number> = {};
      let skipped = 0;
      let firstSkipped = 0;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim().length === 0) continue;
        if (isPodsHeader(line)) {
          cols = headerColumns(line);
          at = {};
          cols.forEach((c, k) => (at[c.name] = k));
          continue;
        }
        if (!cols || line.charCodeAt(0) === 32) {
          if (cols && skipped++ === 0) firstSkipped = i + 1;
          continue;
        }
        const cells = rowCells(line, cols);
        const name = cells?.[at.NAME];
        if (!cells || !name || !cells[at.STATUS] || (at.READY !== undefined && !isReady(cells[at.READY]))) {
          if (skipped++ === 0) firstSkipped = i + 1;
          continue;
        }
        // Without a NAMESPACE column kubectl listed its current namespace; we
        // cannot know it, so ctx.namespace or, as an assumption, 'default'.
        const namespace = at.NAMESPACE !== undefined ? cells[at.NAMESPACE] : (ctx.namespace ?? 'default');
        const pod: PodRecord = {
          kind: 'pod',
          origin: 'table',
          namespace,
          name,
          containers: [],
          displayStatus: cells[at.STATUS],
          source: { file, line: i + 1 },
        };
        const node = at.NODE !== undefined ? cells[at.NODE] : undefined;
        if (node && node !== '<none>') pod.nodeName = node;
        records.push(pod);
      }
      if (!cols) warnings.push({ file, message: 'no `kubectl get pods` header (NAME READY STATUS RESTARTS) found' });
      if (skipped > 0) warnings.push({ file, line: firstSkipped, message: `${skipped} line(s) of the pods table could not be read and were skipped` });
    });
  },
};
