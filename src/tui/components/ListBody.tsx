import { Text } from 'ink';
import { formatCells, layoutColumns } from '../columns.js';
import type { ListData } from '../rows.js';

export interface ListBodyProps {
  list: ListData;
  /** row indices that pass the filter */
  visible: readonly number[];
  cursor: number;
  offset: number;
  height: number;
  width: number;
  empty: string;
}

/** Draws only the rows in the window: one <Text> per row, cut to the width. */
export function ListBody({ list, visible, cursor, offset, height, width, empty }: ListBodyProps) {
  const widths = layoutColumns(list.columns, width);
  const rows = [];
  const end = Math.min(visible.length, offset + height);
  for (let i = offset; i < end; i++) {
    const row = list.rows[visible[i]];
    const selected = i === cursor;
    rows.push(
      <Text key={i - offset} wrap="truncate" color={selected ? undefined : row.color} bold={row.bold} inverse={selected}>
        {formatCells(row.cells, widths).padEnd(selected ? width : 0)}
      </Text>,
    );
  }
  return (
    <>
      <Text wrap="truncate" bold color="gray">
        {formatCells(
          list.columns.map((c) => c.title),
          widths,
        )}
      </Text>
      {rows.length ? rows : <Text color="gray">{empty}</Text>}
    </>
  );
}
