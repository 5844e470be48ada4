/** The draft editor's bundles: n tracks for one price, each with its price per track and margin. */
import { ActionIcon, Box, Button, Fieldset, Group, NumberInput, Stack, Text, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { type CurrencyCode, MAX_BUNDLE_TRACKS, MAX_PRICE_BUNDLES, MIN_BUNDLE_TRACKS, marginPreview } from "@pc/shared";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { type DraftValues, newBundle, tracksOf } from "./draftForm";
import { MarginFigures } from "./MarginPreview";
import { perTrackOf, useMoney } from "./useMoney";

interface DraftBundlesProps {
  form: UseFormReturnType<DraftValues>;
  currency: CurrencyCode;
  revenueShareBps: number;
  disabled: boolean;
}

/** The smallest bundle size not used yet, so "Add bundle" starts from something sensible. */
function nextBundleSize(bundles: DraftValues["bundles"]): number {
  const used = new Set(bundles.map((bundle) => tracksOf(bundle.tracks)));
  for (const size of [3, 5, 10, 20, 50]) if (!used.has(size)) return size;
  for (let size = MIN_BUNDLE_TRACKS; size <= MAX_BUNDLE_TRACKS; size++) if (!used.has(size)) return size;
  return MIN_BUNDLE_TRACKS;
}

export function DraftBundles({ form, currency, revenueShareBps, disabled }: DraftBundlesProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const { bundles } = form.getValues();
  const full = bundles.length >= MAX_PRICE_BUNDLES;

  return (
    <Stack gap="sm">
      <div>
        <Title order={4} size="h5">
          {t("prices.bundles")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("prices.editor.bundlesHint", { max: MAX_PRICE_BUNDLES })}
        </Text>
      </div>
      {bundles.length === 0 && (
        <Text size="sm" c="dimmed" fs="italic">
          {t("prices.editor.noBundles")}
        </Text>
      )}
      {bundles.map((bundle, index) => {
        const tracks = tracksOf(bundle.tracks);
        const amount = money.parse(bundle.amount, currency);
        const margin = amount.ok ? marginPreview({ gross: amount.minor, currency, revenueShareBps }) : null;
        const each = tracks !== null && amount.ok ? perTrackOf(amount.minor, tracks, currency) : null;
        const position = index + 1;
        return (
          <Fieldset key={bundle.key} legend={t("prices.editor.bundleN", { n: position })} variant="filled" p="sm" pt={4}>
            <Group align="flex-start" gap="md" wrap="wrap">
              <NumberInput
                label={t("prices.editor.tracks")}
                min={MIN_BUNDLE_TRACKS}
                max={MAX_BUNDLE_TRACKS}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                w={110}
                disabled={disabled}
                {...form.getInputProps(`bundles.${index}.tracks`)}
              />
              <Box w={170}>
                <TextInput
                  label={t("prices.editor.bundlePrice")}
                  inputMode="decimal"
                  autoComplete="off"
                  rightSection={
                    <Text size="xs" c="dimmed">
                      {currency}
                    </Text>
                  }
                  rightSectionWidth={44}
                  disabled={disabled}
                  {...form.getInputProps(`bundles.${index}.amount`)}
                />
                {each && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t("prices.editor.eachTrack", { amount: `${each.exact ? "" : "≈ "}${money.format(each.minor, currency)}` })}
                  </Text>
                )}
              </Box>
              <Box pt={4} style={{ flex: "1 1 260px" }}>
                <MarginFigures margin={margin} currency={currency} revenueShareBps={revenueShareBps} label={t("prices.margin.preview")} />
              </Box>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={24}
                aria-label={t("prices.editor.removeBundle", { n: position })}
                onClick={() => form.removeListItem("bundles", index)}
                disabled={disabled}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          </Fieldset>
        );
      })}
      {typeof form.errors.bundles === "string" && (
        <Text size="sm" c="red" role="alert">
          {form.errors.bundles}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="sm"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem("bundles", newBundle(nextBundleSize(bundles)))}
          disabled={disabled || full}
        >
          {t("prices.editor.addBundle")}
        </Button>
        {full && (
          <Text size="xs" c="dimmed">
            {t("prices.editor.bundlesFull", { max: MAX_PRICE_BUNDLES })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
