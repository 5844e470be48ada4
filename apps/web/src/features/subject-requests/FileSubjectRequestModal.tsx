/** "File a request": kind, tenant (staff), subject id(s), requester's email, channel, and a guardian for a minor. */
import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  GUARDIAN_VERIFICATION_METHODS,
  type GuardianVerificationMethod,
  SUBJECT_REQUEST_CHANNELS,
  SUBJECT_REQUEST_KINDS,
  type SubjectRequestChannel,
  type SubjectRequestKind,
} from "@pc/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { FormError } from "../../components/FormError";
import { serverFieldErrors } from "../../lib/forms";
import { isOperatorStaff, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

interface Values {
  tenantId: string | null;
  kind: SubjectRequestKind;
  subjectIds: string;
  requesterEmail: string;
  channel: SubjectRequestChannel;
  forMinor: boolean;
  guardianName: string;
  relationship: string;
  verificationMethod: GuardianVerificationMethod | null;
  verificationNote: string;
}

// A guardian error names no single field of the form: it shows above the fields.
const FIELDS = ["tenantId", "kind", "subjectIds", "requesterEmail", "channel"] as const;

export function FileSubjectRequestModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const staff = isOperatorStaff(me);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const tenants = useQuery({ ...trpc.tenants.list.queryOptions(), enabled: opened && staff });
  const form = useForm<Values>({
    initialValues: {
      tenantId: null,
      kind: "erasure",
      subjectIds: "",
      requesterEmail: "",
      channel: "email",
      forMinor: false,
      guardianName: "",
      relationship: "",
      verificationMethod: null,
      verificationNote: "",
    },
  });
  const file = useMutation(
    trpc.subjectRequests.file.mutationOptions({
      onSuccess: async (request) => {
        await queryClient.invalidateQueries({ queryKey: trpc.subjectRequests.list.queryKey() });
        form.reset();
        onClose();
        await navigate(`/consent/requests/${request.id}`);
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    }),
  );
  const submit = form.onSubmit((values) =>
    file.mutate({
      tenantId: staff ? (values.tenantId ?? undefined) : undefined,
      kind: values.kind,
      subjectIds: values.subjectIds
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      requesterEmail: values.requesterEmail,
      channel: values.channel,
      guardian: values.forMinor
        ? {
            name: values.guardianName,
            relationship: values.relationship,
            verificationMethod: values.verificationMethod ?? ("" as GuardianVerificationMethod),
            verificationNote: values.verificationNote,
          }
        : undefined,
    }),
  );
  return (
    <Modal opened={opened} onClose={onClose} title={t("subjectRequests.file")} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={file.error} fields={FIELDS} />
          {staff && (
            <Select
              label={t("subjectRequests.form.tenant")}
              withAsterisk
              searchable
              data={(tenants.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
              {...form.getInputProps("tenantId")}
            />
          )}
          <Select
            label={t("subjectRequests.form.kind")}
            withAsterisk
            allowDeselect={false}
            data={SUBJECT_REQUEST_KINDS.map((value) => ({ value, label: t(`subjectRequests.kinds.${value}`) }))}
            {...form.getInputProps("kind")}
          />
          <Textarea
            label={t("subjectRequests.form.subjectIds")}
            description={t("subjectRequests.form.subjectIdsHint")}
            withAsterisk
            autosize
            minRows={2}
            {...form.getInputProps("subjectIds")}
          />
          <TextInput type="email" label={t("subjectRequests.form.requesterEmail")} withAsterisk {...form.getInputProps("requesterEmail")} />
          <Select
            label={t("subjectRequests.form.channel")}
            withAsterisk
            allowDeselect={false}
            data={SUBJECT_REQUEST_CHANNELS.map((value) => ({ value, label: t(`subjectRequests.channels.${value}`) }))}
            {...form.getInputProps("channel")}
          />
          <Checkbox label={t("subjectRequests.form.forMinor")} {...form.getInputProps("forMinor", { type: "checkbox" })} />
          {form.values.forMinor && (
            <Stack gap="sm">
              <TextInput label={t("subjectRequests.form.guardianName")} withAsterisk {...form.getInputProps("guardianName")} />
              <TextInput label={t("subjectRequests.form.relationship")} withAsterisk {...form.getInputProps("relationship")} />
              <Select
                label={t("subjectRequests.form.verificationMethod")}
                withAsterisk
                data={GUARDIAN_VERIFICATION_METHODS.map((value) => ({ value, label: t(`subjectRequests.methods.${value}`) }))}
                {...form.getInputProps("verificationMethod")}
              />
              <Textarea label={t("subjectRequests.form.verificationNote")} withAsterisk {...form.getInputProps("verificationNote")} />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("subjectRequests.actions.cancel")}
            </Button>
            <Button type="submit" loading={file.isPending}>
              {t("subjectRequests.form.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
