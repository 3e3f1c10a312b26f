import { Text } from 'ink';
import { docLine } from '../evidence-doc.js';
import type { EvidenceState } from '../state.js';
import { cell } from '../text.js';

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
  const end = Math.min(doc.lineCount, e.offset + height);
  for (let i = e.offset; i < end; i++) {
    const target = e.line === i + 1;
    const text = docLine(doc, i, textWidth);
    out.push(
      <Text key={i - e.offset} wrap="truncate" inverse={target}>
        <Text color={target ? undefined : 'gray'}>{String(i + 1).padStart(gutter)} </Text>
        {target ? text.padEnd(textWidth) : text}
      </Text>,
    );
  }
  return <>{out}</>;
}
