import { Text } from 'ink';
import { COMMANDS, KEYMAP } from '../keymap.js';
import { KEY_COLOR } from '../theme.js';

export interface HelpLine {
  keys?: string;
  text: string;
  heading?: boolean;
}

/** The help screen, drawn from the same key table that routes input. */
export function helpLines(): HelpLine[] {
  const lines: HelpLine[] = [{ text: 'Keys', heading: true }];
  for (const b of KEYMAP) lines.push({ keys: b.keys, text: `${b.help}   [${b.scopes.join(', ')}]` });
  lines.push({ text: '' }, { text: 'Commands (type : then the name, enter)', heading: true });
  for (const [name, help] of Object.entries(COMMANDS)) lines.push({ keys: `:${name}`, text: help });
  lines.push(
    { text: '' },
    { text: 'Filter', heading: true },
    { keys: '/text', text: 'keeps rows containing text (any column, case-insensitive); enter keeps it, esc clears' },
    { text: '' },
    { text: 'Severity: critical red, warning orange, info grey; * marks the primary root cause', heading: false },
    { text: 'ctrl+c quits at once' },
  );
  return lines;
}

export function HelpBody({ offset, height }: { offset: number; height: number }) {
  const lines = helpLines().slice(offset, offset + height);
  return (
    <>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate" bold={l.heading} color={l.heading ? 'cyan' : undefined}>
          {l.keys !== undefined ? <Text color={KEY_COLOR}>{l.keys.padEnd(14)}</Text> : null}
          {l.text || ' '}
        </Text>
      ))}
    </>
  );
}
