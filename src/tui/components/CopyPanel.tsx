import { Text } from 'ink';

/** OSC 52 may be ignored by the terminal, so the command is also printed alone for mouse selection. */
export function CopyPanel({ lines }: { lines: readonly string[] }) {
  return (
    <>
      <Text wrap="truncate" color="green">
        copied (OSC 52) — also shown below for selection
      </Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </>
  );
}
