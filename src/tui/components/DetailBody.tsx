import { Text } from 'ink';
import type { DetailLine } from '../detail-lines.js';

export interface DetailBodyProps {
  lines: readonly DetailLine[];
  /** index of the selected line, or -1 */
  selected: number;
  offset: number;
  height: number;
  width: number;
}

export function DetailBody({ lines, selected, offset, height, width }: DetailBodyProps) {
  const out = [];
  const end = Math.min(lines.length, offset + height);
  for (let i = offset; i < end; i++) {
    const l = lines[i];
    const sel = i === selected;
    out.push(
      <Text key={i - offset} wrap="truncate" color={sel ? undefined : l.color} bold={l.bold} dimColor={l.dim && !sel} inverse={sel}>
        {sel ? l.text.padEnd(Math.min(width, Math.max(l.text.length, 20))) : l.text || ' '}
      </Text>,
    );
  }
  return <>{out}</>;
}
