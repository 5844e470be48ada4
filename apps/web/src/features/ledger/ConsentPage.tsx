/**
 * /consent. Partners see their tenant's consent ledger. Operator staff with consent.read
 * (compliance, operator admins) see the ledgers across tenants (verify all; for operator admins
 * also ingestion limits and development origins) and, with a tenant chosen, that tenant's ledger
 * in a tab of its own (?tab=tenant).
 */
import { Alert, Button, Stack, Tabs } from "@mantine/core";
import { IconBuildingStore, IconFileSearch, IconStack2 } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NoActiveTenant } from "../../components/NoActiveTenant";
import { PageHeader } from "../../components/PageHeader";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { NoAccess } from "../errors/NoAccess";
import { useTabParam } from "../policies/useTabParam";
import { OperatorLedgers } from "./OperatorLedgers";
import { TenantLedger } from "./TenantLedger";

export function ConsentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("consent.read");
  usePageTitle(t("nav.consent"));

  if (!canRead) return <NoAccess />;
  if (isOperatorStaff(me)) return <StaffConsent />;
  const tenant = me.activeTenant;
  if (!tenant) return <NoActiveTenant title={t("ledger.title")} chooseMessage={t("ledger.noTenantChoose")} />;
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("ledger.titleOf", { tenant: tenant.name })}
        description={t("ledger.description")}
        actions={<ConsentRecordsLink />}
      />
      {/* Keyed by tenant: a verification result of one partner never shows under the next. */}
      <TenantLedger key={tenant.id} tenantName={tenant.name} />
    </Stack>
  );
}

/** To the audit workspace: search every record (of the tenant, or of every tenant for staff). */
function ConsentRecordsLink() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/consent/records" variant="default" leftSection={<IconFileSearch size={16} />}>
      {t("consentAudit.openFromConsent")}
    </Button>
  );
}

const STAFF_TABS = ["all", "tenant"] as const;
type StaffTab = (typeof STAFF_TABS)[number];

function StaffConsent() {
  const { t } = useTranslation();
  const me = useMe();
  const canManageIngest = useCan("consent.manage_ingest");
  const tenant = me.activeTenant;
  const [tab, setTab] = useTabParam<StaffTab>(tenant ? STAFF_TABS : ["all"], tenant ? "tenant" : "all");
  const header = (
    <PageHeader
      title={t("ledger.titleStaff")}
      description={canManageIngest ? t("ledger.descriptionStaff") : t("ledger.descriptionStaffRead")}
      actions={<ConsentRecordsLink />}
    />
  );

  if (!tenant) {
    return (
      <Stack gap={0}>
        {header}
        <Stack gap="lg">
          <Alert color="blue" variant="light" icon={<IconBuildingStore size={18} />} role="note">
            {t("ledger.staffNoTenant")}
          </Alert>
          <OperatorLedgers />
        </Stack>
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      {header}
      <Tabs value={tab} onChange={(value) => value && setTab(value as StaffTab)} keepMounted={false}>
        <Tabs.List mb="lg" aria-label={t("ledger.tabsLabel")}>
          <Tabs.Tab value="tenant" leftSection={<IconBuildingStore size={16} />}>
            {t("ledger.tabs.tenant", { tenant: tenant.name })}
          </Tabs.Tab>
          <Tabs.Tab value="all" leftSection={<IconStack2 size={16} />}>
            {t("ledger.tabs.allTenants")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tenant">
          <TenantLedger key={tenant.id} tenantName={tenant.name} />
        </Tabs.Panel>
        <Tabs.Panel value="all">
          <OperatorLedgers />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
