/**
 * How a storefront gets the banner: the script tag with the tenant's slug and current key (the
 * script's address is the server's, from its PUBLIC_URL), how a page waits for consent before
 * loading an optional service, where consent may be posted from, and outside production the demo
 * storefront to try it on.
 */
import { ActionIcon, Anchor, Box, Code, CopyButton, Stack, Text, Title, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconCopy, IconExternalLink } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { SectionCard } from "../../components/SectionCard";
import { AllowedOrigins } from "./AllowedOrigins";
import { CONSENT_EVENT_EXAMPLE, embedSnippet } from "./embedSnippet";
import type { LedgerOverview, PublishableKey } from "./ledger.types";

function CodeWithCopy({ code, copyLabel }: { code: string; copyLabel: string }) {
  const { t } = useTranslation();
  return (
    <Box pos="relative">
      <Code block pr={44} style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
        {code}
      </Code>
      <CopyButton value={code} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("ledger.install.copied") : copyLabel} withArrow withinPortal>
            <ActionIcon
              pos="absolute"
              top={6}
              right={6}
              variant="default"
              color={copied ? "teal" : "gray"}
              onClick={copy}
              aria-label={copyLabel}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Box>
  );
}

interface InstallSnippetProps {
  overview: LedgerOverview;
  keys: PublishableKey[];
  tenantName: string;
}

export function InstallSnippet({ overview, keys, tenantName }: InstallSnippetProps) {
  const { t } = useTranslation();
  const current = keys.find((key) => key.state === "current");
  // The demo storefront embeds the tenant's current key, whichever it is; without one it is not served.
  const demoUrl = current ? overview.demoStorefrontUrl : null;

  return (
    <SectionCard title={t("ledger.install.title")} description={t("ledger.install.description")}>
      {current ? (
        <CodeWithCopy
          code={embedSnippet({ embedUrl: overview.embedUrl, slug: overview.slug, key: current.key })}
          copyLabel={t("ledger.install.copy")}
        />
      ) : (
        // Rare: a tenant gets a live key when it is created. The keys section above offers to create one.
        <Text size="sm" c="dimmed">
          {t("ledger.install.noKey")}
        </Text>
      )}

      <Stack gap={6}>
        <Title order={3} size="h5">
          {t("ledger.install.eventTitle")}
        </Title>
        <Text size="sm">{t("ledger.install.eventBody")}</Text>
        <CodeWithCopy code={CONSENT_EVENT_EXAMPLE} copyLabel={t("ledger.install.copyEvent")} />
      </Stack>

      <AllowedOrigins overview={overview} />

      {demoUrl && (
        <Stack gap={6}>
          <Title order={3} size="h5">
            {t("ledger.install.demoTitle")}
          </Title>
          <Text size="sm">
            {t("ledger.install.demoBody", { tenant: tenantName })}{" "}
            <Anchor href={demoUrl} target="_blank" rel="noopener noreferrer" size="sm">
              {t("ledger.install.demoLink")}
              <IconExternalLink size={14} style={{ verticalAlign: "-2px", marginLeft: 4 }} aria-hidden />
              <VisuallyHidden> {t("ledger.install.newTab")}</VisuallyHidden>
            </Anchor>
          </Text>
        </Stack>
      )}
    </SectionCard>
  );
}
