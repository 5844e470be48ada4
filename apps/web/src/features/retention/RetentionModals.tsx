/**
 * The two period forms: the operator's default and limits (operator admins), and one tenant's own
 * period or "follow the default" (staff, or a partner admin for its own tenant). Validated by the
 * server's schemas; the server's refusals (a tenant outside new limits, a period outside them) sit
 * under the field they name.
 */
import { Button, Checkbox, Group, Modal, NumberInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { RETENTION_DAYS_CEILING, RETENTION_DAYS_FLOOR, ZRetentionLimitsInput } from "@pc/shared";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import type { RetentionOverview, TenantRetention } from "./retention.types";
import { useRetentionInvalidation } from "./useRetentionInvalidation";

/** Cancel and submit at the foot of a modal form; the retention page's forms share it. */
export function ModalActions({
  onCancel,
  pending,
  submitLabel,
  color,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={pending}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={pending} color={color}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/** An emptied number field is "" in Mantine; the schema should say "must be a number". */
const asNumber = (value: number | string) => (typeof value === "number" ? value : Number.NaN);

const LIMIT_FIELDS = ["defaultDays", "minDays", "maxDays"] as const;

export function RetentionLimitsModal({ limits, onClose }: { limits: RetentionOverview["limits"]; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useRetentionInvalidation();
  const validate = zodValidate(ZRetentionLimitsInput);
  const form = useForm({
    initialValues: {
      defaultDays: limits.defaultDays as number | string,
      minDays: limits.minDays as number | string,
      maxDays: limits.maxDays as number | string,
    },
    validate: (values) =>
      validate({ defaultDays: asNumber(values.defaultDays), minDays: asNumber(values.minDays), maxDays: asNumber(values.maxDays) }),
  });
  const save = useMutation(
    trpc.retention.setLimits.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("retention.limits.saved") });
        await invalidate();
        onClose();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, LIMIT_FIELDS)),
    }),
  );
  const field = (name: (typeof LIMIT_FIELDS)[number], label: string) => (
    <NumberInput
      label={label}
      min={RETENTION_DAYS_FLOOR}
      max={RETENTION_DAYS_CEILING}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      withAsterisk
      {...form.getInputProps(name)}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t("retention.limits.modalTitle")}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          save.mutate({ defaultDays: asNumber(values.defaultDays), minDays: asNumber(values.minDays), maxDays: asNumber(values.maxDays) }),
        )}
      >
        <Stack gap="md">
          <FormError error={save.error} fields={LIMIT_FIELDS} />
          {field("defaultDays", t("retention.limits.default"))}
          {field("minDays", t("retention.limits.min"))}
          {field("maxDays", t("retention.limits.max"))}
          <ModalActions onCancel={onClose} pending={save.isPending} submitLabel={t("common.save")} />
        </Stack>
      </form>
    </Modal>
  );
}

const PERIOD_FIELDS = ["days"] as const;

export function TenantPeriodModal({
  row,
  limits,
  onClose,
}: {
  row: TenantRetention;
  limits: RetentionOverview["limits"];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useRetentionInvalidation();
  const form = useForm({ initialValues: { useDefault: row.ownDays === null, days: (row.ownDays ?? row.days) as number | string } });
  const save = useMutation(
    trpc.retention.setTenantPeriod.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("retention.periods.saved", { tenant: row.tenant.name }) });
        await invalidate();
        onClose();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, PERIOD_FIELDS)),
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t("retention.periods.modalTitle", { tenant: row.tenant.name })}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          save.mutate({ tenantId: row.tenant.id, days: values.useDefault ? null : asNumber(values.days) }),
        )}
      >
        <Stack gap="md">
          <FormError error={save.error} fields={PERIOD_FIELDS} />
          <Checkbox
            label={t("retention.periods.useDefault", { days: t("retention.days", { count: limits.defaultDays }) })}
            {...form.getInputProps("useDefault", { type: "checkbox" })}
          />
          {!form.values.useDefault && (
            <NumberInput
              label={t("retention.periods.daysLabel")}
              description={t("retention.periods.daysHint", { min: limits.minDays, max: limits.maxDays })}
              min={limits.minDays}
              max={limits.maxDays}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              withAsterisk
              data-autofocus
              {...form.getInputProps("days")}
            />
          )}
          {form.values.useDefault && (
            <Text size="sm" c="dimmed">
              {t("retention.limits.description")}
            </Text>
          )}
          <ModalActions onCancel={onClose} pending={save.isPending} submitLabel={t("common.save")} />
        </Stack>
      </form>
    </Modal>
  );
}
