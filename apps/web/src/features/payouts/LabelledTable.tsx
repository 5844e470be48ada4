/**
 * The console's table (see components/DataTable) with a name for assistive technology: the payout
 * and earnings pages hold several tables per page, and each must say what it lists.
 */
import { Table, Text, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DataTableColumn } from "../../components/DataTable";

interface LabelledTableProps<Row> {
  /** The table's accessible name (aria-label). */
  label: string;
  columns: (DataTableColumn<Row> | false)[];
  rows: Row[];
  rowKey: (row: Row) => string;
  minWidth: number;
  empty?: ReactNode;
  actions?: (row: Row) => ReactNode;
}

export function LabelledTable<Row>({ label, columns: maybeColumns, rows, rowKey, minWidth, empty, actions }: LabelledTableProps<Row>) {
  const { t } = useTranslation();
  const columns = maybeColumns.filter((column) => column !== false);
  const align = (column: DataTableColumn<Row>) => (column.numeric ? "right" : undefined);

  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-label={label} verticalSpacing="xs">
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
                <Text c="dimmed" ta="center" py="md" size="sm">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((column) => (
                <Table.Td key={column.key} ta={align(column)} style={column.numeric ? { whiteSpace: "nowrap" } : undefined}>
                  {column.cell(row)}
                </Table.Td>
              ))}
              {actions && <Table.Td ta="right">{actions(row)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
