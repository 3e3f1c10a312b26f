import { Text } from 'ink';
import type { AnalysisResult } from '../../findings/result.js';
import { SEVERITIES } from '../../findings/types.js';
import { cell } from '../text.js';
import { SEVERITY_COLOR } from '../theme.js';

export interface HeaderProps {
  result: AnalysisResult;
  counts: Record<string, number>;
  /** second line: where we are (view, filter, counter) */
  crumb: string;
  width: number;
}

export function Header({ result, counts, crumb, width }: HeaderProps) {
  const b = result.bundle;
  // keep the severity counts on screen: the bundle name gives way first
  const name = cell(b?.name, 200) || '(unnamed bundle)';
  const layout = cell(b?.layout, 30) || 'unknown layout';
  const countsText = SEVERITIES.map((sev) => `  ${sev} ${counts[sev] ?? 0}`).join('');
  const fixed = 'podmortem  '.length + layout.length + 3 + countsText.length;
  const room = Math.max(12, width - fixed);
  const shown = name.length > room ? name.slice(0, room - 1) + '…' : name;
  return (
    <>
      <Text wrap="truncate">
        <Text bold color="cyan">podmortem</Text>
        <Text> {shown} </Text>
        <Text color="gray">[{layout}]</Text>
        {SEVERITIES.map((sev) => (
          <Text key={sev} color={SEVERITY_COLOR[sev]} bold={sev === 'critical'}>
            {'  '}
            {sev} {counts[sev] ?? 0}
          </Text>
        ))}
      </Text>
      <Text wrap="truncate" bold>
        {crumb}
      </Text>
    </>
  );
}
