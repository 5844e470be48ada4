/**
 * /consent/retention: how long consent records are kept (the operator's default and limits, each
 * tenant's period), what a purge would remove now with "Purge now", the legal holds, and the
 * purges that ran. Partners see their own tenant; what each person may change follows their role.
 */
import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { usePageTitle } from "../../components/usePageTitle";
import { useCan } from "../../lib/session";
import { NoAccess } from "../errors/NoAccess";
import { LegalHolds } from "./LegalHolds";
import { PurgePreview } from "./PurgePreview";
import { PurgeRuns } from "./PurgeRuns";
import { RetentionSettings } from "./RetentionSettings";

export function RetentionPage() {
  const { t } = useTranslation();
  const canRead = useCan("consent.read");
  usePageTitle(t("retention.title"));
  if (!canRead) return <NoAccess />;
  return (
    <Stack gap="md">
      <PageHeader title={t("retention.title")} description={t("retention.description")} />
      <RetentionSettings />
      <PurgePreview />
      <LegalHolds />
      <PurgeRuns />
    </Stack>
  );
}
