import { Text } from 'ink';
import { docLine } from '../evidence-doc.js';
import type { EvidenceState } from '../state.js';
import { cell } from '../text.js';

/** rows the highlighted evidence line may take when wrapped */
const TARGET_ROWS = 4;

export interface EvidenceBodyProps {
  evidence: EvidenceState;
  height: number;
  width: number;
}

/** The file around the evidence line; only the window's lines are cut from the text. */
export function EvidenceBody({ evidence: e, height, width }: EvidenceBodyProps) {
  if (e.status === 'loading') return <Text color="gray">loading {cell(e.file)} …</Text>;
  if (e.status === 'missing') return <Text color="#ff8700">{cell(e.file)} is not in the bundle (or could not be read)</Text>;
  if (e.status === 'error' || !e.doc) return <Text color="red">cannot read {cell(e.file)}: {cell(e.error)}</Text>;
  const doc = e.doc;
  const gutter = String(doc.lineCount).length;
  const textWidth = Math.max(1, width - gutter - 1);
  const out = [];
  // the evidence line is shown whole (wrapped, up to TARGET_ROWS rows): its cause is often far right
  let row = 0;
  for (let i = e.offset; i < doc.lineCount && row < height; i++) {
    const num = String(i + 1).padStart(gutter);
    if (e.line === i + 1) {
      const full = docLine(doc, i, textWidth * TARGET_ROWS);
      const rows = Math.min(TARGET_ROWS, height - row, Math.max(1, Math.ceil(full.length / textWidth)));
      for (let k = 0; k < rows; k++) {
        const part = full.slice(k * textWidth, (k + 1) * textWidth);
        out.push(
          <Text key={row} wrap="truncate" inverse>
            {k === 0 ? num : ' '.repeat(gutter)} {part.padEnd(textWidth)}
          </Text>,
        );
        row++;
      }
      continue;
    }
    out.push(
      <Text key={row} wrap="truncate">
        <Text color="gray">{num} </Text>
        {docLine(doc, i, textWidth)}
      </Text>,
    );
    row++;
  }
  return <>{out}</>;
}
