/**
 * "File a request": kind, tenant (staff), subject id(s), requester's email, channel, the date it
 * was received (today unless it came earlier, by letter say), and a guardian for a minor. Required
 * fields are `required` (marked, and announced by screen readers); the server checks them all.
 */
import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  GUARDIAN_VERIFICATION_METHODS,
  type GuardianVerificationMethod,
  SUBJECT_REQUEST_CHANNELS,
  SUBJECT_REQUEST_KINDS,
  SUBJECT_REQUESTS_RECEIVED_SINCE,
  type SubjectRequestChannel,
  type SubjectRequestKind,
  ZFileSubjectRequestInput,
} from "@pc/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { FormError } from "../../components/FormError";
import { translateMessage } from "../../i18n/messages";
import { serverFieldErrors } from "../../lib/forms";
import { isOperatorStaff, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

interface Values {
  tenantId: string | null;
  kind: SubjectRequestKind;
  subjectIds: string;
  requesterEmail: string;
  channel: SubjectRequestChannel;
  /** yyyy-mm-dd, a day in the browser's time zone. */
  receivedAt: string;
  forMinor: boolean;
  guardianName: string;
  relationship: string;
  verificationMethod: GuardianVerificationMethod | null;
  verificationNote: string;
}

// A guardian error names no single field of the form: it shows above the fields.
const FIELDS = ["tenantId", "kind", "subjectIds", "requesterEmail", "channel", "receivedAt"] as const;

const pad = (n: number) => String(n).padStart(2, "0");
/** A date as an `<input type="date">` holds it, in the browser's time zone. */
export const dayOf = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
/** The start of a yyyy-mm-dd day in the browser's time zone: the deadline never counts from later than the day began. */
const startOfDay = (day: string) => {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year ?? Number.NaN, (month ?? Number.NaN) - 1, date ?? Number.NaN);
};
const EARLIEST_DAY = SUBJECT_REQUESTS_RECEIVED_SINCE.toISOString().slice(0, 10);

/** The shared schema's check (a date, not before the GDPR), and the server's own words for a future one. */
function receivedAtError(day: string): string | null {
  if (day > dayOf(new Date())) return "The date received cannot be in the future";
  const parsed = ZFileSubjectRequestInput.shape.receivedAt.safeParse(startOfDay(day));
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? null);
}

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
      receivedAt: dayOf(new Date()),
      forMinor: false,
      guardianName: "",
      relationship: "",
      verificationMethod: null,
      verificationNote: "",
    },
    validate: {
      receivedAt: (day) => {
        const error = receivedAtError(day);
        return error ? translateMessage(error) : null;
      },
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
      receivedAt: startOfDay(values.receivedAt),
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
              required
              searchable
              data={(tenants.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
              {...form.getInputProps("tenantId")}
            />
          )}
          <Select
            label={t("subjectRequests.form.kind")}
            required
            allowDeselect={false}
            data={SUBJECT_REQUEST_KINDS.map((value) => ({ value, label: t(`subjectRequests.kinds.${value}`) }))}
            {...form.getInputProps("kind")}
          />
          <Textarea
            label={t("subjectRequests.form.subjectIds")}
            description={t("subjectRequests.form.subjectIdsHint")}
            required
            autosize
            minRows={2}
            {...form.getInputProps("subjectIds")}
          />
          <TextInput type="email" label={t("subjectRequests.form.requesterEmail")} required {...form.getInputProps("requesterEmail")} />
          <Select
            label={t("subjectRequests.form.channel")}
            required
            allowDeselect={false}
            data={SUBJECT_REQUEST_CHANNELS.map((value) => ({ value, label: t(`subjectRequests.channels.${value}`) }))}
            {...form.getInputProps("channel")}
          />
          <TextInput
            type="date"
            label={t("subjectRequests.form.receivedAt")}
            description={t("subjectRequests.form.receivedAtHint")}
            required
            min={EARLIEST_DAY}
            max={dayOf(new Date())}
            {...form.getInputProps("receivedAt")}
          />
          <Checkbox label={t("subjectRequests.form.forMinor")} {...form.getInputProps("forMinor", { type: "checkbox" })} />
          {form.values.forMinor && (
            <Stack gap="sm">
              <TextInput label={t("subjectRequests.form.guardianName")} required {...form.getInputProps("guardianName")} />
              <TextInput label={t("subjectRequests.form.relationship")} required {...form.getInputProps("relationship")} />
              <Select
                label={t("subjectRequests.form.verificationMethod")}
                required
                data={GUARDIAN_VERIFICATION_METHODS.map((value) => ({ value, label: t(`subjectRequests.methods.${value}`) }))}
                {...form.getInputProps("verificationMethod")}
              />
              <Textarea label={t("subjectRequests.form.verificationNote")} required {...form.getInputProps("verificationNote")} />
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
