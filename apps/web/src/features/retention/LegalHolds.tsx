/**
 * Legal holds: those in force (and released ones on request), what each covers, why, who placed
 * it and, once released, who released it and why. Compliance and operator admins place a hold
 * (a tenant, or one subject by the id the storefront uses) and release one, each with a reason;
 * partners see their own tenant's.
 */
import { Badge, Button, Checkbox, Modal, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { LegalHoldScope } from "@pc/shared";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { FormError } from "../../components/FormError";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { serverFieldErrors } from "../../lib/forms";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ModalActions } from "./RetentionModals";
import type { LegalHold } from "./retention.types";
import { useRetentionInvalidation } from "./useRetentionInvalidation";

export function LegalHolds() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const canManage = useCan("consent.legal_hold");
  const [includeReleased, setIncludeReleased] = useState(false);
  const [placing, setPlacing] = useState(false);
  const [releasing, setReleasing] = useState<LegalHold | null>(null);
  const holds = useQuery(trpc.retention.holds.queryOptions({ includeReleased }));
  const what = (hold: LegalHold) =>
    hold.scope === "tenant" ? t("retention.holds.scopeTenant") : t("retention.holds.scopeSubject", { hint: hold.subjectHint ?? "" });

  return (
    <SectionCard
      title={t("retention.holds.title")}
      description={canManage ? t("retention.holds.description") : `${t("retention.holds.description")} ${t("retention.holds.partnerNote")}`}
      actions={canManage && <Button onClick={() => setPlacing(true)}>{t("retention.holds.place")}</Button>}
    >
      <Checkbox
        label={t("retention.holds.showReleased")}
        checked={includeReleased}
        onChange={(event) => setIncludeReleased(event.currentTarget.checked)}
      />
      <QueryContent query={holds} loaderPadding="md">
        {(rows) => (
          <DataTable
            minWidth={820}
            label={t("retention.holds.title")}
            rows={rows}
            rowKey={(hold) => hold.id}
            empty={t("retention.holds.empty")}
            columns={[
              { key: "tenant", header: t("retention.holds.tenant"), cell: (hold) => hold.tenant.name, rowHeader: true },
              { key: "scope", header: t("retention.holds.scope"), cell: what },
              { key: "reason", header: t("retention.holds.reason"), cell: (hold) => hold.reason },
              {
                key: "placed",
                header: t("retention.holds.placed"),
                cell: (hold) => (
                  <Stack gap={0}>
                    <span>{format.dateTime(hold.placedAt)}</span>
                    <Text size="xs" c="dimmed">
                      {t("retention.holds.placedBy", { who: hold.placedByLabel })}
                    </Text>
                  </Stack>
                ),
              },
              {
                key: "released",
                header: t("retention.holds.released"),
                cell: (hold) =>
                  hold.releasedAt ? (
                    t("retention.holds.releasedBy", {
                      when: format.dateTime(hold.releasedAt),
                      who: hold.releasedByLabel ?? "",
                      reason: hold.releaseReason ?? "",
                    })
                  ) : (
                    <Badge color="orange" variant="light">
                      {t("retention.holds.inForce")}
                    </Badge>
                  ),
              },
            ]}
            actions={
              canManage
                ? (hold) =>
                    hold.active && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setReleasing(hold)}
                        aria-label={`${t("retention.holds.release")}: ${what(hold)}`}
                      >
                        {t("retention.holds.release")}
                      </Button>
                    )
                : undefined
            }
          />
        )}
      </QueryContent>
      {placing && <PlaceHoldModal onClose={() => setPlacing(false)} />}
      {releasing && <ReleaseHoldModal hold={releasing} what={what(releasing)} onClose={() => setReleasing(null)} />}
    </SectionCard>
  );
}

const PLACE_FIELDS = ["tenantId", "subjectId", "reason"] as const;

function PlaceHoldModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useRetentionInvalidation();
  const tenants = useQuery(trpc.tenants.list.queryOptions());
  const form = useForm({
    initialValues: { tenantId: null as string | null, scope: "subject" as LegalHoldScope, subjectId: "", reason: "" },
  });
  const place = useMutation(
    trpc.retention.placeHold.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (hold) => {
        notifications.show({ color: "teal", message: t("retention.holds.placedToast", { count: hold.recordsCovered }) });
        await invalidate();
        onClose();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, PLACE_FIELDS)),
    }),
  );
  const submit = form.onSubmit((values) => {
    const tenantId = values.tenantId ?? "";
    place.mutate(
      values.scope === "tenant"
        ? { scope: "tenant", tenantId, reason: values.reason }
        : { scope: "subject", tenantId, subjectId: values.subjectId, reason: values.reason },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t("retention.holds.modalTitle")} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={place.error} fields={PLACE_FIELDS} />
          <Select
            label={t("retention.holds.tenantLabel")}
            required
            searchable
            data={(tenants.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
            {...form.getInputProps("tenantId")}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("retention.holds.scopeLabel")}
            </Text>
            <SegmentedControl
              data={[
                { value: "subject", label: t("retention.holds.scopeSubjectOption") },
                { value: "tenant", label: t("retention.holds.scopeTenantOption") },
              ]}
              {...form.getInputProps("scope")}
            />
          </Stack>
          {form.values.scope === "subject" && (
            <TextInput
              label={t("retention.holds.subjectLabel")}
              description={t("retention.holds.subjectHint")}
              required
              {...form.getInputProps("subjectId")}
            />
          )}
          <Textarea
            label={t("retention.holds.reasonLabel")}
            description={t("retention.holds.reasonHint")}
            required
            autosize
            minRows={2}
            {...form.getInputProps("reason")}
          />
          <ModalActions onCancel={onClose} pending={place.isPending} submitLabel={t("retention.holds.submit")} />
        </Stack>
      </form>
    </Modal>
  );
}

function ReleaseHoldModal({ hold, what, onClose }: { hold: LegalHold; what: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useRetentionInvalidation();
  const form = useForm({ initialValues: { reason: "" } });
  const release = useMutation(
    trpc.retention.releaseHold.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("retention.holds.releasedToast") });
        await invalidate();
        onClose();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, ["reason"])),
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t("retention.holds.releaseTitle", { what: `${hold.tenant.name}: ${what}` })}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => release.mutate({ tenantId: hold.tenant.id, holdId: hold.id, reason: values.reason }))}
      >
        <Stack gap="sm">
          <FormError error={release.error} fields={["reason"]} />
          <Text size="sm">{t("retention.holds.releaseBody")}</Text>
          <Textarea
            label={t("retention.holds.releaseReasonLabel")}
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps("reason")}
          />
          <ModalActions onCancel={onClose} pending={release.isPending} submitLabel={t("retention.holds.releaseSubmit")} color="orange" />
        </Stack>
      </form>
    </Modal>
  );
}
