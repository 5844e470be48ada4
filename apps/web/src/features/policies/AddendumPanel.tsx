/**
 * A tenant's addendum to one policy document: its own text, appended below the operator's. Partner
 * admins (policies.edit_addendum) edit a draft beside its live preview and ask for approval;
 * Masterchannel compliance approves it, which publishes it. Everyone else sees where it stands.
 */
import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { MAX_ADDENDUM_CHARS, MAX_ADDENDUM_SUMMARY_CHARS, type PolicyKind, ZSaveAddendumDraftInput } from "@pc/shared";
import { IconAlertTriangle, IconDeviceFloppy, IconHourglass, IconMessageX, IconSend, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryContent } from "../../components/QueryContent";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { AddendumHistory } from "./AddendumHistory";
import { MarkdownEditor } from "./MarkdownEditor";
import { PolicyFormError } from "./PolicyFormError";
import { PolicyHtml, previewHtml } from "./PolicyHtml";
import type { AddendumState, AddendumVersion } from "./policies.types";
import { sampleVariables } from "./policyPreview";
import { usePolicyDates } from "./usePolicyDates";

interface AddendumValues {
  markdown: string;
  changeSummary: string;
}

const FIELDS = ["markdown", "changeSummary"] as const;
const validateInput = zodValidate(ZSaveAddendumDraftInput);

export function AddendumPanel({ kind }: { kind: PolicyKind }) {
  const trpc = useTRPC();
  const canEdit = useCan("policies.edit_addendum");
  const addendum = useQuery(trpc.addenda.get.queryOptions({ kind }));
  const previewValues = usePreviewValues();
  return (
    <QueryContent query={addendum}>
      {(state) => (
        <Stack gap="lg">
          <AddendumStatus state={state} />
          {canEdit ? <AddendumEditor key={kind} kind={kind} state={state} /> : <AddendumReadOnly state={state} />}
          <AddendumHistory state={state} values={previewValues} />
        </Stack>
      )}
    </QueryContent>
  );
}

/** The preview's values: the tenant's published branding where there is one, sample values for the rest. */
function usePreviewValues() {
  const me = useMe();
  const trpc = useTRPC();
  const dates = usePolicyDates();
  const canReadBranding = useCan("branding.read");
  const branding = useQuery({ ...trpc.branding.get.queryOptions(), enabled: canReadBranding, meta: { errorHandling: "local" } });
  const inEffect = branding.data?.inEffect ?? null;
  return useMemo(() => {
    const values = sampleVariables("–", dates.date(new Date()));
    if (me.activeTenant) values["partner.name"] = me.activeTenant.name;
    if (inEffect) {
      values["partner.name"] = inEffect.displayName;
      values["partner.legalName"] = inEffect.legalName;
      values["partner.legalAddress"] = inEffect.legalAddress;
      values["partner.supportEmail"] = inEffect.supportEmail;
    }
    return values;
  }, [me.activeTenant, inEffect, dates]);
}

function AddendumStatus({ state }: { state: AddendumState }) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap" role="group" aria-label={t("policies.addendum.statusLabel")}>
        {state.inForce ? (
          <>
            <Badge color="teal" variant="light" tt="none" styles={NO_TRUNCATE}>
              {t("policies.addendum.inForce", { version: state.inForce.version })}
            </Badge>
            {state.inForce.effectiveFrom && (
              <Text size="sm" c="dimmed">
                {t("policies.addendum.since", { date: dates.effective(state.inForce.effectiveFrom) })}
              </Text>
            )}
          </>
        ) : (
          <Badge color="gray" variant="light" tt="none" styles={NO_TRUNCATE}>
            {t("policies.addendum.none")}
          </Badge>
        )}
        {state.scheduled.map((entry) => (
          <Badge key={entry.id} color="blue" variant="light" tt="none" styles={NO_TRUNCATE}>
            {t("policies.addendum.scheduled", {
              version: entry.version,
              date: entry.effectiveFrom ? dates.dateTime(entry.effectiveFrom) : "–",
            })}
          </Badge>
        ))}
        {state.open && (
          <Badge color={state.open.status === "pending_approval" ? "violet" : "yellow"} variant="light" tt="none" styles={NO_TRUNCATE}>
            {state.open.status === "pending_approval" ? t("policies.addendum.waiting") : t("policies.addendum.draft")}
          </Badge>
        )}
      </Group>
      {state.open?.status === "pending_approval" && (
        <Alert color="violet" variant="light" icon={<IconHourglass size={18} />} title={t("policies.addendum.waiting")}>
          <Text size="sm">
            {t("policies.addendum.waitingBody", {
              name: state.open.approvalRequestedBy?.name ?? "–",
              date: state.open.approvalRequestedAt ? dates.dateTime(state.open.approvalRequestedAt) : "–",
            })}
          </Text>
        </Alert>
      )}
      {state.lastRejection && (
        <Alert color="red" variant="light" icon={<IconMessageX size={18} />} title={t("policies.addendum.rejectedTitle")}>
          <Text size="sm">
            {t("policies.addendum.rejectedBy", { name: state.lastRejection.by ?? "–", date: dates.dateTime(state.lastRejection.at) })}
          </Text>
          <Text size="sm" fs="italic" mt={4}>
            “{state.lastRejection.reason}”
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

const keyOf = (state: AddendumState) => (state.open ? `open:${state.open.id}:${state.open.revision}` : `none:${state.inForce?.id ?? ""}`);
const savedKeyOf = (saved: AddendumVersion) => `open:${saved.id}:${saved.revision}`;
const valuesOf = (state: AddendumState): AddendumValues => ({
  markdown: (state.open ?? state.inForce)?.markdown ?? "",
  changeSummary: state.open?.changeSummary ?? "",
});

function AddendumEditor({ kind, state }: { kind: PolicyKind; state: AddendumState }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormat();
  const values = usePreviewValues();
  const [loaded, setLoaded] = useState({ key: keyOf(state), revision: state.open?.revision });
  const [discarding, setDiscarding] = useState(false);
  const form = useForm<AddendumValues>({
    initialValues: valuesOf(state),
    validate: (current) => validateInput({ ...current, kind }),
  });
  const invalidate = () =>
    Promise.all([queryClient.invalidateQueries(trpc.addenda.pathFilter()), queryClient.invalidateQueries(trpc.audit.pathFilter())]);
  const local = { meta: { errorHandling: "local" as const } };
  const save = useMutation(trpc.addenda.saveDraft.mutationOptions(local));
  const request = useMutation(trpc.addenda.requestApproval.mutationOptions(local));
  const discard = useMutation(trpc.addenda.discardDraft.mutationOptions(local));

  function loadFrom(next: AddendumState) {
    const fresh = valuesOf(next);
    form.setInitialValues(fresh);
    form.setValues(fresh);
    form.resetDirty(fresh);
    form.clearErrors();
    save.reset();
    request.reset();
    setLoaded({ key: keyOf(next), revision: next.open?.revision });
  }

  const dirty = form.isDirty();
  const stale = keyOf(state) !== loaded.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: loadFrom only reads what the condition names.
  useEffect(() => {
    if (stale && !dirty) loadFrom(state);
  }, [stale, dirty, state]);
  const conflict = stale && dirty;

  async function refused(error: unknown) {
    const code = errorCode(error);
    if (code === "CONFLICT" || code === "NOT_FOUND" || code === "PRECONDITION_FAILED") await invalidate();
  }

  async function saveDraft(expectedRevision: number | undefined): Promise<AddendumVersion | null> {
    if (form.validate().hasErrors) return null;
    const current = form.getValues();
    try {
      const saved = await save.mutateAsync({ kind, ...current, expectedRevision });
      form.setInitialValues(current);
      form.resetDirty(current);
      setLoaded({ key: savedKeyOf(saved), revision: saved.revision });
      await invalidate();
      return saved;
    } catch (error) {
      form.setErrors(serverFieldErrors(error, FIELDS));
      await refused(error);
      return null;
    }
  }

  async function onRequest() {
    const draft = dirty || !state.open ? await saveDraft(loaded.revision) : state.open;
    if (!draft) return;
    try {
      const requested = await request.mutateAsync({ kind, expectedRevision: draft.revision });
      setLoaded({ key: savedKeyOf(requested), revision: requested.revision });
      notifications.show({ color: "teal", message: t("policies.addendum.requestedDone") });
      await invalidate();
    } catch (error) {
      await refused(error);
    }
  }

  async function onDiscard() {
    try {
      await discard.mutateAsync({ kind, expectedRevision: loaded.revision ?? state.open?.revision ?? 1 });
      setDiscarding(false);
      form.resetDirty();
      notifications.show({ color: "gray", message: t("policies.addendum.discarded") });
      await invalidate();
    } catch (error) {
      await refused(error);
    }
  }

  const open = state.open;
  const pending = open?.status === "pending_approval";
  const busy = save.isPending || request.isPending || discard.isPending;
  const current = form.getValues();

  return (
    <>
      <form
        noValidate
        onSubmit={form.onSubmit(async () => {
          const saved = await saveDraft(loaded.revision);
          if (saved) notifications.show({ color: "teal", message: t("policies.addendum.saved") });
        })}
      >
        <Card withBorder padding="lg" component="section" aria-labelledby="addendum-editor">
          <Stack gap="md">
            <div>
              <Title order={2} size="h4" id="addendum-editor">
                {t("policies.addendum.editorTitle")}
              </Title>
              <Text size="sm" c="dimmed">
                {t("policies.addendum.editorHint")}
              </Text>
            </div>
            {conflict && (
              <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t("policies.conflict.title")} role="alert">
                <Text size="sm">{state.open ? t("policies.conflict.bodyDraft") : t("policies.conflict.bodyGone")}</Text>
                <Group gap="xs" mt="sm">
                  <Button size="xs" variant="default" onClick={() => loadFrom(state)}>
                    {state.open ? t("policies.conflict.loadTheirs") : t("policies.conflict.loadLatest")}
                  </Button>
                  <Button size="xs" color="orange" loading={save.isPending} onClick={() => void saveDraft(state.open?.revision)}>
                    {state.open ? t("policies.conflict.keepMine") : t("policies.conflict.saveMine")}
                  </Button>
                </Group>
              </Alert>
            )}
            {!conflict && <PolicyFormError error={save.error} fields={FIELDS} />}
            <PolicyFormError error={request.error} fields={[]} />
            {pending && dirty && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
                <Text size="sm">{t("policies.addendum.savingWithdraws")}</Text>
              </Alert>
            )}
            <MarkdownEditor
              label={t("policies.addendum.markdown")}
              description={t("policies.addendum.markdownHint")}
              value={current.markdown}
              onChange={(next) => form.setFieldValue("markdown", next)}
              onBlur={() => form.validateField("markdown")}
              error={form.errors.markdown}
              disabled={busy}
              values={values}
              previewLabel={t("policies.addendum.previewLabel")}
              valuesLabel={{ label: t("policies.addendum.yourValues"), hint: t("policies.addendum.yourValuesHint") }}
              maxLength={MAX_ADDENDUM_CHARS}
              rows={12}
            />
            <Textarea
              label={t("policies.addendum.summary")}
              description={t("policies.addendum.summaryHint")}
              withAsterisk
              autosize
              minRows={2}
              maxLength={MAX_ADDENDUM_SUMMARY_CHARS}
              disabled={busy}
              {...form.getInputProps("changeSummary")}
            />
            <Paper withBorder p="sm" radius="md">
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Text size="sm" c={dirty ? undefined : "dimmed"} aria-live="polite">
                  {dirty
                    ? t("policies.editor.unsaved")
                    : open
                      ? t("policies.editor.savedAt", { when: format.fromNow(open.updatedAt), revision: open.revision })
                      : t("policies.addendum.noDraft")}
                </Text>
                <Group gap="xs" wrap="wrap">
                  {open && (
                    <Button
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={16} />}
                      onClick={() => setDiscarding(true)}
                      disabled={busy}
                    >
                      {t("policies.editor.discard")}
                    </Button>
                  )}
                  <Button
                    type="submit"
                    variant="default"
                    leftSection={<IconDeviceFloppy size={16} />}
                    loading={save.isPending}
                    disabled={!dirty || busy}
                  >
                    {t("policies.editor.save")}
                  </Button>
                  {!(pending && !dirty) && (
                    <Button
                      leftSection={<IconSend size={16} />}
                      loading={request.isPending}
                      disabled={busy || (!open && !dirty)}
                      onClick={() => void onRequest()}
                    >
                      {t("policies.editor.requestApproval")}
                    </Button>
                  )}
                </Group>
              </Group>
            </Paper>
          </Stack>
        </Card>
      </form>
      <ConfirmModal
        opened={discarding}
        title={t("policies.addendum.discardTitle")}
        confirmLabel={t("policies.editor.discard")}
        onConfirm={() => void onDiscard()}
        onClose={() => {
          setDiscarding(false);
          discard.reset();
        }}
        loading={discard.isPending}
        danger
      >
        <Stack gap="sm">
          <Text size="sm">{t("policies.addendum.discardBody")}</Text>
          <PolicyFormError error={discard.error} fields={[]} />
        </Stack>
      </ConfirmModal>
    </>
  );
}

function AddendumReadOnly({ state }: { state: AddendumState }) {
  const { t } = useTranslation();
  const values = usePreviewValues();
  const shown = state.inForce;
  const html = useMemo(() => (shown ? previewHtml(shown.markdown, values, "values") : null), [shown, values]);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="addendum-current">
      <Title order={2} size="h4" id="addendum-current" mb="xs">
        {t("policies.addendum.currentTitle")}
      </Title>
      {html && shown?.markdown.trim() ? (
        <PolicyHtml html={html} />
      ) : (
        <Text size="sm" c="dimmed">
          {t("policies.addendum.noneBody")}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t("policies.addendum.readOnlyHint")}
      </Text>
    </Card>
  );
}
