import { Text } from 'ink';
import type { AnalysisResult } from '../../findings/result.js';
import { SEVERITIES } from '../../findings/types.js';
import { cell } from '../text.js';
import { KEY_COLOR, SEVERITY_COLOR } from '../theme.js';

export interface HeaderProps {
  result: AnalysisResult;
  counts: Record<string, number>;
  /** second line: where we are (view, filter, counter) */
  crumb: string;
}

export function Header({ result, counts, crumb }: HeaderProps) {
  const b = result.bundle;
  return (
    <>
      <Text wrap="truncate">
        <Text bold color="cyan">podmortem</Text>
        <Text> {cell(b?.name, 200) || '(unnamed bundle)'} </Text>
        <Text color="gray">[{cell(b?.layout, 60) || 'unknown layout'}]</Text>
        {SEVERITIES.map((sev) => (
          <Text key={sev} color={SEVERITY_COLOR[sev]} bold={sev === 'critical'}>
            {'  '}
            {sev} {counts[sev] ?? 0}
          </Text>
        ))}
        <Text color={KEY_COLOR}>{'  '}? help</Text>
      </Text>
      <Text wrap="truncate" bold>
        {crumb}
      </Text>
    </>
  );
}
