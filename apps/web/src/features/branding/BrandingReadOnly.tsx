/**
 * The branding for someone who may read but not change it: the version in effect (or the open
 * draft, to preview what is coming), its contrast report and the storefront preview. No edit
 * controls; the "powered by" switch shows its state and who may change it.
 */
import { Alert, Grid, Group, Image, SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import { checkBrandingContrast } from "@pc/shared";
import { IconInfoCircle } from "@tabler/icons-react";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatBytes } from "./AssetUpload";
import type { BrandAsset, BrandingState } from "./branding.types";
import { ColorSwatches } from "./ColorFields";
import { ContrastPanel } from "./ContrastPanel";
import { PoweredBySwitch } from "./PoweredBySwitch";
import { Section } from "./Section";
import { BrandingPreview, PreviewColumn } from "./StorefrontPreview";
import { usePoweredBy } from "./usePoweredBy";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm" mt={2} style={{ whiteSpace: "pre-line", wordBreak: "break-word" }}>
        {children}
      </Text>
    </div>
  );
}

function AssetFact({ label, noun, asset }: { label: string; noun: string; asset: BrandAsset | null }) {
  const { t } = useTranslation();
  return (
    <Fact label={label}>
      {asset ? (
        <Group gap="sm" wrap="nowrap">
          <Image src={asset.url} alt={t("branding.assets.current", { kind: noun })} w={48} h={48} fit="contain" />
          <div style={{ minWidth: 0 }}>
            <Text size="sm" truncate>
              {asset.fileName}
            </Text>
            <Text size="xs" c="dimmed">
              {asset.width}×{asset.height} · {formatBytes(asset.byteSize)}
            </Text>
          </div>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t("branding.diff.none")}
        </Text>
      )}
    </Fact>
  );
}

export function BrandingReadOnly({ state }: { state: BrandingState }) {
  const { t } = useTranslation();
  const poweredBy = usePoweredBy(state);
  const [which, setWhich] = useState<"inEffect" | "draft">(state.inEffect ? "inEffect" : "draft");
  const version = (which === "draft" ? state.draft : state.inEffect) ?? state.inEffect ?? state.draft;
  const report = useMemo(() => (version ? checkBrandingContrast(version.colors) : null), [version]);

  if (!version || !report) {
    return (
      <Stack gap="lg">
        <Alert color="gray" icon={<IconInfoCircle size={18} />} title={t("branding.readOnly.noneTitle")}>
          {t("branding.readOnly.none")}
        </Alert>
        <Section title={t("branding.sections.poweredBy")}>
          <PoweredBySwitch {...poweredBy} />
        </Section>
      </Stack>
    );
  }

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="lg">
          {state.draft && state.inEffect && (
            <SegmentedControl
              aria-label={t("branding.readOnly.which")}
              value={which}
              onChange={(value) => setWhich(value === "draft" ? "draft" : "inEffect")}
              data={[
                { value: "inEffect", label: t("branding.readOnly.inEffect", { version: state.inEffect.version }) },
                { value: "draft", label: t("branding.readOnly.draft") },
              ]}
            />
          )}
          <Section title={t("branding.sections.identity")}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Fact label={t("branding.fields.displayName")}>{version.displayName}</Fact>
              <Fact label={t("branding.fields.supportEmail")}>{version.supportEmail}</Fact>
              <Fact label={t("branding.fields.legalName")}>{version.legalName}</Fact>
              <Fact label={t("branding.fields.legalAddress")}>{version.legalAddress}</Fact>
            </SimpleGrid>
          </Section>
          <Section title={t("branding.sections.assets")}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <AssetFact label={t("branding.assets.logo")} noun={t("branding.assets.logoLower")} asset={version.logo} />
              <AssetFact label={t("branding.assets.favicon")} noun={t("branding.assets.faviconLower")} asset={version.favicon} />
            </SimpleGrid>
          </Section>
          <Section title={t("branding.sections.colors")}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <ColorSwatches mode="light" theme={version.colors.light} />
              <ColorSwatches mode="dark" theme={version.colors.dark} />
            </SimpleGrid>
          </Section>
          <Section title={t("branding.sections.contrast")}>
            <ContrastPanel report={report} />
          </Section>
          <Section title={t("branding.sections.poweredBy")}>
            <PoweredBySwitch {...poweredBy} />
          </Section>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <PreviewColumn title={t("branding.sections.preview")} hint={t("branding.preview.hint")}>
          <BrandingPreview
            colors={version.colors}
            content={{
              displayName: version.displayName,
              supportEmail: version.supportEmail,
              logo: version.logo,
              favicon: version.favicon,
              poweredBy: poweredBy.checked,
            }}
          />
        </PreviewColumn>
      </Grid.Col>
    </Grid>
  );
}
