/**
 * The WCAG 2.x contrast of every colour pair the storefront renders, in both themes, measured on
 * the form's current values. A failing pair shows its ratio and, where one exists, the nearest
 * passing shade of the partner's colour as a one-click fix.
 */
import { Alert, Badge, Button, ColorSwatch, Group, Paper, Stack, Text } from "@mantine/core";
import {
  type BrandingContrastReport,
  type BrandingTheme,
  type ContrastCheck,
  formatContrastRatio,
  THEME_MODES,
  type ThemeMode,
} from "@pc/shared";
import { IconAlertTriangle, IconCircleCheck, IconWand } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

export type ApplyFix = (mode: ThemeMode, field: keyof BrandingTheme, color: string) => void;

type ModeCheck = ContrastCheck & { mode: ThemeMode };

interface ContrastPanelProps {
  report: BrandingContrastReport;
  /** Without it (read-only), fixes are named but cannot be applied. */
  onFix?: ApplyFix;
  /** Only the failing pairs, as the publish dialog lists them. */
  failingOnly?: boolean;
}

export function ContrastPanel({ report, onFix, failingOnly }: ContrastPanelProps) {
  const { t } = useTranslation();
  const failing = report.checks.filter((check) => !check.passes);

  return (
    <Stack gap="sm">
      {report.passes ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          {t("branding.contrast.allPass")}
        </Alert>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t("branding.contrast.blockedTitle")}>
          {t("branding.contrast.blocked", { count: failing.length })}
        </Alert>
      )}
      {THEME_MODES.map((mode) => {
        const checks = report.checks.filter((check) => check.mode === mode && (!failingOnly || !check.passes));
        if (checks.length === 0) return null;
        return (
          <Stack key={mode} gap={6}>
            <Text size="sm" fw={600}>
              {t(`branding.colors.${mode}`)}
            </Text>
            {checks.map((check) => (
              <ContrastRow key={check.pair} check={check} onFix={onFix} />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}

function ContrastRow({ check, onFix }: { check: ModeCheck; onFix?: ApplyFix }) {
  const { t } = useTranslation();
  const fieldName = t("branding.colors.fieldInTheme", {
    field: t(`branding.colors.${check.field}`),
    theme: t(`branding.colors.${check.mode}Lower`),
  });
  const ratio = formatContrastRatio(check.ratio);
  const required = formatContrastRatio(check.required);

  return (
    <Paper withBorder p="xs" radius="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: "1 1 220px" }}>
          {/* A sample of the pair itself: the foreground drawn on the background. */}
          <span
            aria-hidden
            style={{
              flex: "0 0 auto",
              width: 44,
              height: 32,
              borderRadius: 6,
              border: "1px solid var(--mantine-color-default-border)",
              background: check.background,
              color: check.foreground,
              display: "inline-flex",
              alignItems: "center",
              justifyContent: "center",
              fontWeight: 700,
            }}
          >
            Aa
          </span>
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500}>
              {t(`branding.contrast.pairs.${check.pair}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t("branding.contrast.measured", { ratio, required })}
            </Text>
          </div>
        </Group>
        <Group gap="xs" wrap="wrap" justify="flex-end">
          {check.passes ? (
            <Badge color="teal" variant="light" tt="none">
              {t("branding.contrast.passes")}
            </Badge>
          ) : (
            <Badge color="red" variant="filled" tt="none">
              {t("branding.contrast.fails", { ratio })}
            </Badge>
          )}
          {!check.passes && check.fix && onFix && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconWand size={14} />}
              rightSection={<ColorSwatch color={check.fix.color} size={14} />}
              aria-label={t("branding.contrast.useShadeFor", { color: check.fix.color, field: fieldName })}
              onClick={() => onFix(check.mode, check.field, check.fix?.color ?? "")}
            >
              {t("branding.contrast.useShade", { color: check.fix.color, ratio: formatContrastRatio(check.fix.ratio) })}
            </Button>
          )}
          {!check.passes && check.fix && !onFix && (
            <Text size="xs" c="dimmed">
              {t("branding.contrast.suggested", { color: check.fix.color, field: fieldName })}
            </Text>
          )}
          {!check.passes && !check.fix && (
            <Text size="xs" c="dimmed">
              {t("branding.contrast.noShade", { field: fieldName })}
            </Text>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
