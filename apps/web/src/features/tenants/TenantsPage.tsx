/** /tenants: every tenant (operator staff) or your own (partners), searchable by name or slug. */
import { Button, Group, SegmentedControl, TextInput } from "@mantine/core";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { usePageTitle } from "../../components/usePageTitle";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { CreateTenantModal } from "./CreateTenantModal";
import { TenantsTable } from "./TenantsTable";

const STATUS_FILTERS = ["all", "active", "suspended"] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

function statusFilterOf(value: string | null): StatusFilter {
  return STATUS_FILTERS.find((filter) => filter === value) ?? "all";
}

export function TenantsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const canRead = useCan("tenants.read");
  const canManage = useCan("tenants.manage");
  const [searchParams, setSearchParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tenants = useQuery({ ...trpc.tenants.list.queryOptions(), enabled: canRead });
  usePageTitle(t("nav.tenants"));

  const q = searchParams.get("q") ?? "";
  const status = statusFilterOf(searchParams.get("status"));

  function setParam(name: string, value: string) {
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  if (!canRead) return <NoAccess />;

  const needle = q.trim().toLowerCase();
  const rows = (tenants.data ?? []).filter(
    (tenant) =>
      (status === "all" || tenant.status === status) &&
      (!needle || tenant.name.toLowerCase().includes(needle) || tenant.slug.toLowerCase().includes(needle)),
  );

  return (
    <>
      <PageHeader
        title={t("nav.tenants")}
        description={t("tenants.description")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("tenants.newTenant")}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label={t("tenants.search")}
          placeholder={t("tenants.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(event) => setParam("q", event.currentTarget.value)}
          type="search"
          w={{ base: "100%", xs: 320 }}
        />
        <SegmentedControl
          aria-label={t("tenants.statusFilter")}
          value={status}
          onChange={(value) => setParam("status", value === "all" ? "" : value)}
          data={STATUS_FILTERS.map((filter) => ({ value: filter, label: t(`tenants.filter.${filter}`) }))}
        />
      </Group>
      <TenantsTable query={tenants} rows={rows} filtered={Boolean(needle) || status !== "all"} canManage={canManage} />
      {canManage && <CreateTenantModal opened={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
