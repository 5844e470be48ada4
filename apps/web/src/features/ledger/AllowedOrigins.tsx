/**
 * Where a storefront may post consent from: the tenant's verified custom domains and, outside
 * production, this console itself (so the demo storefront works before any domain is verified).
 * Without a verified domain it says that a storefront on its own domain needs one, and links to Domains.
 */
import { Alert, Anchor, List, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { LedgerOverview } from "./ledger.types";

function DomainsLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/domains" size="sm">
      {t("ledger.install.originsLink")}
    </Anchor>
  );
}

export function AllowedOrigins({ overview }: { overview: Pick<LedgerOverview, "allowedOrigins" | "consoleOrigin"> }) {
  const { t } = useTranslation();
  const { allowedOrigins, consoleOrigin } = overview;
  const hasDomain = allowedOrigins.length > 0;

  return (
    <Stack gap={6}>
      <Title order={3} size="h5">
        {t("ledger.install.originsTitle")}
      </Title>
      {hasDomain || consoleOrigin ? (
        <>
          <Text size="sm">{t("ledger.install.originsBody")}</Text>
          <List size="sm" spacing={2}>
            {allowedOrigins.map((origin) => (
              <List.Item key={origin}>
                <Text span size="sm" ff="monospace">
                  {origin}
                </Text>
              </List.Item>
            ))}
            {consoleOrigin && (
              <List.Item>
                <Text span size="sm" ff="monospace">
                  {consoleOrigin}
                </Text>{" "}
                <Text span size="sm" c="dimmed">
                  {t("ledger.install.consoleOrigin")}
                </Text>
              </List.Item>
            )}
          </List>
          {!hasDomain && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} role="note">
              {t("ledger.install.originsNeedDomain")} <DomainsLink />
            </Alert>
          )}
        </>
      ) : (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} role="note">
          {t("ledger.install.originsNone")} <DomainsLink />
        </Alert>
      )}
    </Stack>
  );
}
