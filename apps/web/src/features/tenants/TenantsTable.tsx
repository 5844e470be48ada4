import { Anchor, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
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

  return (
    <QueryContent query={query}>
      {() => (
        <DataTable
          minWidth={640}
          rows={rows}
          rowKey={(tenant) => tenant.id}
          onRowClick={(tenant) => void navigate(`/tenants/${tenant.id}`)}
          empty={filtered ? t("tenants.noMatches") : t("tenants.empty")}
          columns={[
            {
              key: "name",
              header: t("tenants.name"),
              cell: (tenant) => (
                <Anchor component={Link} to={`/tenants/${tenant.id}`} fw={500} onClick={(event) => event.stopPropagation()}>
                  {tenant.name}
                </Anchor>
              ),
            },
            {
              key: "slug",
              header: t("tenants.slug"),
              cell: (tenant) => (
                <Text size="sm" ff="monospace">
                  {tenant.slug}
                </Text>
              ),
            },
            { key: "status", header: t("tenants.statusLabel"), cell: (tenant) => <TenantStatusBadge status={tenant.status} /> },
            {
              key: "members",
              header: t("tenants.members"),
              numeric: true,
              cell: (tenant) => (tenant.memberCount === null ? "–" : format.number(tenant.memberCount)),
            },
            { key: "created", header: t("common.created"), cell: (tenant) => format.date(tenant.createdAt) },
          ]}
          actions={canManage ? (tenant) => <TenantStatusActions tenant={tenant} /> : undefined}
        />
      )}
    </QueryContent>
  );
}
