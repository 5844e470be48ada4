/** "New tenant": name, and a slug suggested from it until the slug is edited by hand. */
import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { ZCreateTenantInput } from "@pc/shared";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { FormError } from "../../components/FormError";
import { errorCode } from "../../lib/errors";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import { suggestSlug } from "./slug";
import { useInvalidateTenants } from "./useTenantMutations";

const FIELDS = ["name", "slug"] as const;

export function CreateTenantModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidateTenants = useInvalidateTenants();
  const [slugEdited, setSlugEdited] = useState(false);
  const form = useForm({
    initialValues: { name: "", slug: "" },
    validate: zodValidate(ZCreateTenantInput),
  });
  const create = useMutation(
    trpc.tenants.create.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (tenant) => {
        notifications.show({ color: "teal", message: t("tenants.created", { name: tenant.name }) });
        await invalidateTenants();
        close();
        await navigate(`/tenants/${tenant.id}`);
      },
      onError: (error) => {
        if (errorCode(error) === "CONFLICT") form.setFieldError("slug", t("tenants.slugTaken"));
        else form.setErrors(serverFieldErrors(error, FIELDS));
      },
    }),
  );

  function close() {
    form.reset();
    setSlugEdited(false);
    create.reset();
    onClose();
  }

  const showFormError = create.error && errorCode(create.error) !== "CONFLICT";

  return (
    <Modal opened={opened} onClose={close} title={t("tenants.newTenant")}>
      <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack>
          {showFormError && <FormError error={create.error} fields={FIELDS} />}
          <TextInput
            label={t("tenants.name")}
            withAsterisk
            data-autofocus
            {...form.getInputProps("name")}
            onChange={(event) => {
              const name = event.currentTarget.value;
              form.setFieldValue("name", name);
              if (!slugEdited) form.setFieldValue("slug", suggestSlug(name));
            }}
          />
          <TextInput
            label={t("tenants.slug")}
            description={t("tenants.slugHint")}
            withAsterisk
            {...form.getInputProps("slug")}
            onChange={(event) => {
              // Typed by hand: stop suggesting, unless the field is cleared again.
              const slug = event.currentTarget.value;
              setSlugEdited(slug !== "");
              form.setFieldValue("slug", slug);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("tenants.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
