/**
 * /domains: the active tenant's custom domains. Holders of branding.edit (partner admins, operator
 * admins) add, check and remove them; everyone else with branding.read sees the same, read-only.
 */
import { Alert, Stack } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NoActiveTenant } from "../../components/NoActiveTenant";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { AddDomainForm } from "./AddDomainForm";
import { DomainsTable } from "./DomainsTable";

export function DomainsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("branding.read");
  usePageTitle(t("nav.domains"));

  const tenant = me.activeTenant;
  if (!tenant) return <NoActiveTenant title={t("nav.domains")} chooseMessage={t("domains.noTenantChoose")} />;
  if (!canRead) return <NoAccess />;
  // Keyed by tenant: a host name typed for one partner does not carry over to the next.
  return <Domains key={tenant.id} tenantName={tenant.name} />;
}

function Domains({ tenantName }: { tenantName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const canEdit = useCan("branding.edit");
  const domains = useQuery(trpc.domains.list.queryOptions());

  return (
    <Stack gap="lg">
      <PageHeader
        title={t("domains.titleOf", { tenant: tenantName })}
        description={canEdit ? t("domains.descriptionEdit") : t("domains.descriptionRead")}
      />
      <QueryContent query={domains}>
        {(rows) => (
          <Stack gap="lg">
            {canEdit && <AddDomainForm count={rows.length} />}
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title={t("domains.instructionsTitle")}>
              {t("domains.instructions")} {t("domains.statusHelp")}
            </Alert>
            <DomainsTable domains={rows} canEdit={canEdit} />
          </Stack>
        )}
      </QueryContent>
    </Stack>
  );
}
