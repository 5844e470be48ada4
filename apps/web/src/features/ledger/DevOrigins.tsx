/**
 * Operator admins: the development origins every tenant's storefront may post consent from, with
 * a form to add one (ZAddDevOriginInput, the server's schema) and removal after a confirmation.
 */
import { Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { ZAddDevOriginInput } from "@pc/shared";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DataTable } from "../../components/DataTable";
import { FormError } from "../../components/FormError";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { describeError } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import type { DevOrigin } from "./ledger.types";
import { useLedgerInvalidation } from "./useLedgerInvalidation";

const FIELDS = ["origin", "note"] as const;

/** The server says an origin is already listed with CONFLICT. */
const isAlreadyListed = (error: unknown) => errorCode(error) === "CONFLICT";

export function DevOrigins() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const invalidate = useLedgerInvalidation();
  const origins = useQuery(trpc.ledger.devOrigins.queryOptions());
  const [removing, setRemoving] = useState<DevOrigin | null>(null);
  const remove = useMutation(
    trpc.ledger.removeDevOrigin.mutationOptions({
      onSuccess: async ({ origin }) => {
        notifications.show({ color: "teal", message: t("ledger.devOrigins.removed", { origin }) });
        setRemoving(null);
        await invalidate();
      },
    }),
  );

  return (
    <SectionCard title={t("ledger.devOrigins.title")} description={t("ledger.devOrigins.description")}>
      <AddDevOriginForm />
      <QueryContent query={origins} loaderPadding="md">
        {(rows) => (
          <DataTable
            minWidth={640}
            rows={rows}
            rowKey={(row) => row.origin}
            empty={t("ledger.devOrigins.empty")}
            columns={[
              {
                key: "origin",
                header: t("ledger.devOrigins.origin"),
                cell: (row) => (
                  <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                    {row.origin}
                  </Text>
                ),
              },
              { key: "note", header: t("ledger.devOrigins.note"), cell: (row) => <Text size="sm">{row.note}</Text> },
              {
                key: "added",
                header: t("ledger.devOrigins.added"),
                cell: (row) => (
                  <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                    {format.dateTime(row.createdAt)}
                  </Text>
                ),
              },
            ]}
            actions={(row) => (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setRemoving(row)}
                aria-label={t("ledger.devOrigins.removeNamed", { origin: row.origin })}
              >
                {t("ledger.devOrigins.remove")}
              </Button>
            )}
          />
        )}
      </QueryContent>
      <ConfirmModal
        opened={removing !== null}
        title={t("ledger.devOrigins.removeTitle", { origin: removing?.origin ?? "" })}
        confirmLabel={t("ledger.devOrigins.remove")}
        onConfirm={() => removing && remove.mutate({ origin: removing.origin })}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
        danger
      >
        {t("ledger.devOrigins.removeBody", { origin: removing?.origin ?? "" })}
      </ConfirmModal>
    </SectionCard>
  );
}

function AddDevOriginForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useLedgerInvalidation();
  const form = useForm<{ origin: string; note: string }>({
    initialValues: { origin: "", note: "" },
    validate: zodValidate(ZAddDevOriginInput),
  });
  const add = useMutation(
    trpc.ledger.addDevOrigin.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (row) => {
        notifications.show({ color: "teal", message: t("ledger.devOrigins.addedNotice", { origin: row.origin }) });
        form.reset();
        await invalidate();
      },
      onError: (error) => {
        // "Already listed" is about the origin typed, though it is not a validation error.
        if (isAlreadyListed(error)) form.setFieldError("origin", describeError(error));
        else form.setErrors(serverFieldErrors(error, FIELDS));
      },
    }),
  );

  return (
    <form noValidate onSubmit={form.onSubmit((values) => add.mutate({ origin: values.origin.trim(), note: values.note.trim() }))}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("ledger.devOrigins.addTitle")}
        </Title>
        {!isAlreadyListed(add.error) && <FormError error={add.error} fields={FIELDS} />}
        <TextInput
          label={t("ledger.devOrigins.originLabel")}
          placeholder={t("ledger.devOrigins.originPlaceholder")}
          description={t("ledger.devOrigins.originHint")}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          withAsterisk
          maw={480}
          {...form.getInputProps("origin")}
        />
        <TextInput
          label={t("ledger.devOrigins.noteLabel")}
          placeholder={t("ledger.devOrigins.notePlaceholder")}
          maw={480}
          {...form.getInputProps("note")}
        />
        <Group>
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending}>
            {t("ledger.devOrigins.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
