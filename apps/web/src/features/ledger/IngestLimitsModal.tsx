/**
 * Editing one tenant's ingestion limits, validated by ZIngestSettingsInput (the server's schema):
 * its messages sit under the fields, the server's other refusals above them. The default limits are
 * said, so a custom value can be weighed against them.
 */
import { Button, Group, Modal, NumberInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import {
  DEFAULT_BURST,
  DEFAULT_RATE_PER_SECOND,
  MAX_BURST,
  MAX_CONSENT_BATCH,
  MAX_RATE_PER_SECOND,
  ZIngestSettingsInput,
} from "@pc/shared";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { useFormat } from "../../lib/format";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import type { IngestSetting } from "./ledger.types";
import { useLedgerInvalidation } from "./useLedgerInvalidation";

const FIELDS = ["ratePerSecond", "burst"] as const;

interface LimitsForm {
  tenantId: string;
  ratePerSecond: number | string;
  burst: number | string;
}

/** An emptied number field is "" in Mantine; the schema should say "must be a number", not "expected string". */
const asNumber = (value: number | string) => (typeof value === "number" ? value : Number.NaN);

export function IngestLimitsModal({ setting, onClose }: { setting: IngestSetting; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useLedgerInvalidation();
  const format = useFormat();
  const { locale } = format;
  const thousandSeparator = new Intl.NumberFormat(locale).formatToParts(10_000).find((part) => part.type === "group")?.value ?? ",";
  const validate = zodValidate(ZIngestSettingsInput);
  const form = useForm<LimitsForm>({
    initialValues: { tenantId: setting.tenantId, ratePerSecond: setting.ratePerSecond, burst: setting.burst },
    validate: (values) => validate({ ...values, ratePerSecond: asNumber(values.ratePerSecond), burst: asNumber(values.burst) }),
  });
  const save = useMutation(
    trpc.ledger.updateIngestSettings.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("ledger.ingest.saved", { tenant: setting.name }) });
        await invalidate();
        onClose();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    }),
  );

  return (
    <Modal opened onClose={onClose} title={t("ledger.ingest.modalTitle", { tenant: setting.name })}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          save.mutate({ tenantId: values.tenantId, ratePerSecond: asNumber(values.ratePerSecond), burst: asNumber(values.burst) }),
        )}
      >
        <Stack gap="md">
          <FormError error={save.error} fields={FIELDS} />
          <Text size="sm" c="dimmed">
            {t("ledger.ingest.defaultIs", { rate: format.number(DEFAULT_RATE_PER_SECOND), burst: format.number(DEFAULT_BURST) })}
          </Text>
          <NumberInput
            label={t("ledger.ingest.rateLabel")}
            description={t("ledger.ingest.rateHint")}
            min={1}
            max={MAX_RATE_PER_SECOND}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator={thousandSeparator}
            clampBehavior="none"
            withAsterisk
            data-autofocus
            {...form.getInputProps("ratePerSecond")}
          />
          <NumberInput
            label={t("ledger.ingest.burstLabel")}
            description={t("ledger.ingest.burstHint", { batch: MAX_CONSENT_BATCH })}
            min={MAX_CONSENT_BATCH}
            max={MAX_BURST}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator={thousandSeparator}
            clampBehavior="none"
            withAsterisk
            {...form.getInputProps("burst")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
