import { Text } from 'ink';
import { hintsFor, type Scope } from '../keymap.js';
import { KEY_COLOR } from '../theme.js';

export interface FooterProps {
  scope: Scope;
  mode: 'normal' | 'filter' | 'command';
  input: string;
  flash?: string;
}

export function Footer({ scope, mode, input, flash }: FooterProps) {
  if (mode === 'filter') {
    return (
      <Text wrap="truncate">
        <Text color={KEY_COLOR}>/</Text>
        {input}
        <Text inverse> </Text>
        <Text color="gray">  enter apply · esc clear</Text>
      </Text>
    );
  }
  if (mode === 'command') {
    return (
      <Text wrap="truncate">
        <Text color={KEY_COLOR}>:</Text>
        {input}
        <Text inverse> </Text>
        <Text color="gray">  findings pods nodes nc help q · esc cancel</Text>
      </Text>
    );
  }
  if (flash) {
    return (
      <Text wrap="truncate" color="#ff8700">
        {flash}
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      {hintsFor(scope).map((b, i) => (
        <Text key={b.action}>
          {i ? ' ' : ''}
          <Text color={KEY_COLOR}>&lt;{b.keys}&gt;</Text>
          <Text color="gray"> {b.short}</Text>
        </Text>
      ))}
    </Text>
  );
}
