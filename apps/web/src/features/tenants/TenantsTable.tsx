import { Anchor, Center, Loader, Table, Text, VisuallyHidden } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { QueryError } from "../../components/QueryError";
import { TenantStatusBadge } from "../../components/TenantStatusBadge";
import { useFormat } from "../../lib/format";
import type { RouterOutputs } from "../../lib/trpc";
import { TenantStatusActions } from "./TenantStatusActions";

type TenantRow = RouterOutputs["tenants"]["list"][number];

interface TenantsTableProps {
  query: UseQueryResult<TenantRow[], unknown>;
  rows: TenantRow[];
  filtered: boolean;
  canManage: boolean;
}

export function TenantsTable({ query, rows, filtered, canManage }: TenantsTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();

  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("tenants.name")}</Table.Th>
            <Table.Th>{t("tenants.slug")}</Table.Th>
            <Table.Th>{t("tenants.statusLabel")}</Table.Th>
            <Table.Th ta="right">{t("tenants.members")}</Table.Th>
            <Table.Th>{t("common.created")}</Table.Th>
            {canManage && (
              <Table.Th>
                <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={canManage ? 6 : 5}>
                <Text c="dimmed" ta="center" py="md">
                  {filtered ? t("tenants.noMatches") : t("tenants.empty")}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((tenant) => (
            <Table.Tr key={tenant.id} style={{ cursor: "pointer" }} onClick={() => void navigate(`/tenants/${tenant.id}`)}>
              <Table.Td>
                <Anchor component={Link} to={`/tenants/${tenant.id}`} fw={500} onClick={(event) => event.stopPropagation()}>
                  {tenant.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {tenant.slug}
                </Text>
              </Table.Td>
              <Table.Td>
                <TenantStatusBadge status={tenant.status} />
              </Table.Td>
              <Table.Td ta="right">{tenant.memberCount === null ? "–" : format.number(tenant.memberCount)}</Table.Td>
              <Table.Td>{format.date(tenant.createdAt)}</Table.Td>
              {canManage && (
                // Buttons and their modals must not also open the row.
                <Table.Td ta="right" onClick={(event) => event.stopPropagation()}>
                  <TenantStatusActions tenant={tenant} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
