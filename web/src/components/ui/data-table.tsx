// A column-driven table: the same markup for every list of rows (a labelled table,
// numbers right-aligned and unwrapped, an optional expanded row under each row, an
// optional background for rows that need attention).

import { Table, type MantineColor } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';

import { NumberCell, NumberTh } from './money';

export interface Column<T> {
  /** Unique among the columns. */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  width?: number;
}

export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  expanded,
  minWidth = 700,
  rowLabel,
  rowColor,
}: {
  /** The table's accessible name. */
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** What shows in a full-width row under `row` (null: nothing). */
  expanded?: (row: T) => ReactNode;
  minWidth?: number;
  /** The accessible name of a row (e.g. its number). */
  rowLabel?: (row: T) => string;
  /** A background for a row that needs attention (undefined: the table's own). */
  rowColor?: (row: T) => MantineColor | undefined;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              column.numeric ? (
                <NumberTh key={column.key}>{column.header}</NumberTh>
              ) : (
                <Table.Th key={column.key} w={column.width}>
                  {column.header}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            const extra = expanded?.(row);
            return (
              <Fragment key={key}>
                <Table.Tr aria-label={rowLabel?.(row)} bg={rowColor?.(row)}>
                  {columns.map((column) =>
                    column.numeric ? (
                      <NumberCell key={column.key}>{column.cell(row)}</NumberCell>
                    ) : (
                      <Table.Td key={column.key}>{column.cell(row)}</Table.Td>
                    ),
                  )}
                </Table.Tr>
                {extra ? (
                  <Table.Tr>
                    <Table.Td colSpan={columns.length}>{extra}</Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
