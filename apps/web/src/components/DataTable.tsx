/**
 * The console's tables: a header row, a row per item, a message when there is none, and (when
 * given) a last column of row actions whose header only screen readers hear. A page says its
 * columns; the table says how every list looks. A page with several tables names each (`label`),
 * so assistive technology can tell them apart.
 */
import { Table, Text, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface DataTableColumn<Row> {
  /** Tells the column from its siblings; not shown. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Counts and amounts line up on the right, header and cells alike, and do not wrap. */
  numeric?: boolean;
  /** Short values that read badly broken over lines (a date) stay on one. */
  nowrap?: boolean;
  /** The cell that names its row (a month, a kind of line): a row header to assistive technology. */
  rowHeader?: boolean;
}

interface DataTableProps<Row> {
  /** In order; `false` for a column the page leaves out this time. */
  columns: (DataTableColumn<Row> | false)[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** The table's accessible name, where a page holds more than one table. */
  label?: string;
  /** Said in a row of its own when there are no rows. */
  empty?: ReactNode;
  /** What the actions column holds for a row; no such column without it. */
  actions?: (row: Row) => ReactNode;
  /** Makes the whole row a way to open the item. */
  onRowClick?: (row: Row) => void;
  /** Rows under the items (totals): `Table.Tr`s with the same columns. */
  footer?: ReactNode;
}

export function DataTable<Row>({
  columns: maybeColumns,
  rows,
  rowKey,
  minWidth,
  label,
  empty,
  actions,
  onRowClick,
  footer,
}: DataTableProps<Row>) {
  const { t } = useTranslation();
  const columns = maybeColumns.filter((column) => column !== false);
  const align = (column: DataTableColumn<Row>) => (column.numeric ? "right" : undefined);
  const cellStyle = (column: DataTableColumn<Row>) => (column.numeric || column.nowrap ? { whiteSpace: "nowrap" as const } : undefined);

  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} ta={align(column)} scope="col">
                {column.header}
              </Table.Th>
            ))}
            {actions && (
              <Table.Th scope="col">
                <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && empty !== undefined && (
            <Table.Tr>
              <Table.Td colSpan={columns.length + (actions ? 1 : 0)}>
                <Text c="dimmed" ta="center" py="md">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr
              key={rowKey(row)}
              style={onRowClick ? { cursor: "pointer" } : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
            >
              {columns.map((column) =>
                column.rowHeader ? (
                  <Table.Th key={column.key} scope="row" fw={400} ta={align(column)} style={cellStyle(column)}>
                    {column.cell(row)}
                  </Table.Th>
                ) : (
                  <Table.Td key={column.key} ta={align(column)} style={cellStyle(column)}>
                    {column.cell(row)}
                  </Table.Td>
                ),
              )}
              {actions && (
                // In a clickable row, buttons and their modals must not also open the row.
                <Table.Td ta="right" onClick={onRowClick ? (event) => event.stopPropagation() : undefined}>
                  {actions(row)}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {footer && <Table.Tfoot>{footer}</Table.Tfoot>}
      </Table>
    </Table.ScrollContainer>
  );
}
