/**
 * Adds a host name to the active tenant. The name is checked with ZHostname (the server's own
 * schema) before it is sent; the server's refusals that concern it (a name already in use, the
 * console's own host) are said under the field, anything else above the form.
 */
import { Button, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { MAX_DOMAINS_PER_TENANT, ZAddDomainInput } from "@pc/shared";
import { IconWorldPlus } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { describeError } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";

const FIELDS = ["hostname"] as const;

export function AddDomainForm({ count }: { count: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<{ hostname: string }>({
    initialValues: { hostname: "" },
    validate: zodValidate(ZAddDomainInput),
  });
  const add = useMutation(
    trpc.domains.add.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (domain) => {
        notifications.show({ color: "teal", message: t("domains.add.added", { hostname: domain.hostname }) });
        form.reset();
        await queryClient.invalidateQueries(trpc.domains.pathFilter());
      },
      onError: (error) => {
        // "Already in use" is about the name typed, though it is not a validation error.
        if (errorCode(error) === "CONFLICT") form.setFieldError("hostname", describeError(error));
        else form.setErrors(serverFieldErrors(error, FIELDS));
      },
    }),
  );
  const full = count >= MAX_DOMAINS_PER_TENANT;

  return (
    <Paper withBorder p="md" radius="md">
      <form noValidate onSubmit={form.onSubmit((values) => add.mutate({ hostname: values.hostname }))}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("domains.add.title")}
          </Title>
          {errorCode(add.error) !== "CONFLICT" && <FormError error={add.error} fields={FIELDS} />}
          <TextInput
            label={t("domains.add.label")}
            placeholder={t("domains.add.placeholder")}
            description={
              full ? t("domains.add.full", { max: MAX_DOMAINS_PER_TENANT }) : t("domains.add.hint", { count, max: MAX_DOMAINS_PER_TENANT })
            }
            disabled={full}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maw={480}
            {...form.getInputProps("hostname")}
          />
          <Group>
            <Button type="submit" leftSection={<IconWorldPlus size={16} />} loading={add.isPending} disabled={full}>
              {t("domains.add.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
