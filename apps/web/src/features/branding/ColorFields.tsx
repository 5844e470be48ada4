/**
 * One theme's four colours: inputs for an editor, swatches for a reader. Each input is named with
 * its theme ("Primary colour (light theme)"), since the light and dark sets sit side by side.
 */
import { ColorInput, ColorSwatch, Fieldset, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { type BrandingTheme, buttonLabelColor, type ThemeMode } from "@pc/shared";
import { useTranslation } from "react-i18next";
import type { BrandingFormValues } from "./brandingForm";
import { THEME_FIELDS } from "./brandingForm";

interface ColorFieldsProps {
  mode: ThemeMode;
  form: UseFormReturnType<BrandingFormValues>;
  /** The theme's colours as previewed (valid even while a field is half typed). */
  live: BrandingTheme;
}

export function ColorFields({ mode, form, live }: ColorFieldsProps) {
  const { t } = useTranslation();
  const theme = t(`branding.colors.${mode}Lower`);
  const label = buttonLabelColor(live.primary);

  return (
    <Fieldset legend={t(`branding.colors.${mode}`)} radius="md">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {THEME_FIELDS.map((field) => (
          <ColorInput
            key={field}
            label={t(`branding.colors.${field}`)}
            aria-label={t("branding.colors.fieldInTheme", { field: t(`branding.colors.${field}`), theme })}
            description={t(`branding.colors.${field}Hint`)}
            format="hex"
            withEyeDropper={false}
            withAsterisk
            {...form.getInputProps(`colors.${mode}.${field}`)}
          />
        ))}
      </SimpleGrid>
      <Group gap={6} mt="sm" wrap="nowrap">
        <ColorSwatch color={label} size={14} />
        <Text size="xs" c="dimmed">
          {label === "#ffffff" ? t("branding.colors.buttonLabelWhite") : t("branding.colors.buttonLabelBlack")}
        </Text>
      </Group>
    </Fieldset>
  );
}

/** A theme's colours for someone who may not change them. */
export function ColorSwatches({ mode, theme }: { mode: ThemeMode; theme: BrandingTheme }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t(`branding.colors.${mode}`)}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6}>
        {THEME_FIELDS.map((field) => (
          <Group key={field} gap="xs" wrap="nowrap">
            <ColorSwatch color={theme[field]} size={20} />
            <Text size="sm">
              {t(`branding.colors.${field}`)}{" "}
              <Text span size="sm" ff="monospace" c="dimmed">
                {theme[field]}
              </Text>
            </Text>
          </Group>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
