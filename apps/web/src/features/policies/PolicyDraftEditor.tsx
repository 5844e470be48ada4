/**
 * Staff (policies.edit): the open draft of one policy document. Title, the markdown beside its
 * live preview, the material flag, the change summary and the consent purposes; then the way to
 * publication: request approval, a second person approves (or rejects, saying why), publish now or
 * at a time. Saving sends the revision the form was loaded from, so a colleague's save is never
 * silently overwritten; saving a draft that waits for approval (or was approved) withdraws that.
 */
import { Alert, Anchor, Button, Card, Group, Paper, Stack, Switch, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  MAX_POLICY_CHANGE_SUMMARY,
  MAX_POLICY_MARKDOWN,
  MAX_POLICY_REJECTION_REASON,
  MAX_POLICY_TITLE,
  type PolicyKind,
  type PolicyPurpose,
} from "@pc/shared";
import { IconAlertTriangle, IconArrowsDiff, IconDeviceFloppy, IconRocket, IconSend, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryContent } from "../../components/QueryContent";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ApprovalPanel, DraftStatus } from "./DraftApproval";
import { MarkdownEditor } from "./MarkdownEditor";
import { PolicyFormError } from "./PolicyFormError";
import { PublishPolicyDialog } from "./PublishPolicyDialog";
import { PurposesEditor } from "./PurposesEditor";
import type { OpenPolicyVersion, PolicyDraftState } from "./policies.types";
import {
  DRAFT_FIELDS,
  draftValues,
  type PolicyDraftValues,
  purposeErrors,
  savedKey,
  serverDraftErrors,
  sourceKey,
  validateDraft,
} from "./policyDraftForm";
import { compareHref } from "./policyLinks";
import { sampleVariables } from "./policyPreview";
import { ReasonDialog } from "./ReasonDialog";
import { usePolicyDates } from "./usePolicyDates";

export function PolicyDraftPanel({ kind }: { kind: PolicyKind }) {
  const trpc = useTRPC();
  const draft = useQuery(trpc.policies.draft.queryOptions({ kind }));
  // Keyed by kind: one document's unsaved text never carries over to the other's.
  return <QueryContent query={draft}>{(state) => <PolicyDraftEditor key={kind} kind={kind} state={state} />}</QueryContent>;
}

type Dialog = "publish" | "discard" | "reject" | null;

function PolicyDraftEditor({ kind, state }: { kind: PolicyKind; state: PolicyDraftState }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const canApprove = useCan("policies.approve");
  const dates = usePolicyDates();
  const format = useFormat();
  const wide = useMediaQuery("(min-width: 48em)");
  const documentName = t(`policies.kinds.${kind}`);
  const [loaded, setLoaded] = useState({ key: sourceKey(state), revision: state.draft?.revision });
  const [dialog, setDialog] = useState<Dialog>(null);
  const form = useForm<PolicyDraftValues>({
    initialValues: draftValues(state),
    validate: (values) => validateDraft(kind, values),
  });

  const invalidate = () =>
    Promise.all([queryClient.invalidateQueries(trpc.policies.pathFilter()), queryClient.invalidateQueries(trpc.audit.pathFilter())]);
  const local = { meta: { errorHandling: "local" as const } };
  const save = useMutation(trpc.policies.saveDraft.mutationOptions(local));
  const discard = useMutation(trpc.policies.discardDraft.mutationOptions(local));
  const request = useMutation(trpc.policies.requestApproval.mutationOptions(local));
  const approve = useMutation(trpc.policies.approve.mutationOptions(local));
  const reject = useMutation(trpc.policies.rejectApproval.mutationOptions(local));
  const publish = useMutation(trpc.policies.publish.mutationOptions(local));

  function loadFrom(next: PolicyDraftState) {
    const values = draftValues(next);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    for (const mutation of [save, request, approve]) mutation.reset();
    setLoaded({ key: sourceKey(next), revision: next.draft?.revision });
  }

  // The server's draft moved on (here or elsewhere): an untouched form follows; one with unsaved
  // work keeps it and says so.
  const dirty = form.isDirty();
  const stale = sourceKey(state) !== loaded.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: loadFrom only reads what the condition names.
  useEffect(() => {
    if (stale && !dirty) loadFrom(state);
  }, [stale, dirty, state]);
  const conflict = stale && dirty;

  /** After a refusal that means the draft moved on, read it again (the conflict notice then offers a choice). */
  async function afterRefusal(error: unknown) {
    const code = errorCode(error);
    if (code === "CONFLICT" || code === "NOT_FOUND" || code === "PRECONDITION_FAILED") await invalidate();
  }

  /** Saves the form; the saved draft, or null when the form or the server said no. */
  async function saveDraft(expectedRevision: number | undefined): Promise<OpenPolicyVersion | null> {
    if (form.validate().hasErrors) return null;
    const values = form.getValues();
    try {
      const saved = await save.mutateAsync({ kind, ...values, expectedRevision });
      form.setInitialValues(values);
      form.resetDirty(values);
      setLoaded({ key: savedKey(saved), revision: saved.revision });
      await invalidate();
      return saved;
    } catch (error) {
      form.setErrors(serverDraftErrors(error));
      await afterRefusal(error);
      return null;
    }
  }

  /** The draft as saved on the server, saving the form first when it holds changes. */
  async function savedDraft(): Promise<OpenPolicyVersion | null> {
    if (!dirty && state.draft && loaded.revision === state.draft.revision) return state.draft;
    return saveDraft(loaded.revision);
  }

  async function onSave() {
    const saved = await saveDraft(loaded.revision);
    if (saved) notifications.show({ color: "teal", message: t("policies.editor.saved") });
  }

  /** After a conflict, by choice: save this form over the draft as it is on the server now. */
  async function onOverwrite() {
    const saved = await saveDraft(state.draft?.revision);
    if (saved) notifications.show({ color: "teal", message: t("policies.editor.saved") });
  }

  /** A state change of the saved draft (request, approve, reject): the form keeps its values. */
  async function changeState(run: (revision: number) => Promise<OpenPolicyVersion>, done: string): Promise<boolean> {
    const draft = await savedDraft();
    if (!draft) return false;
    try {
      const next = await run(draft.revision);
      setLoaded({ key: savedKey(next), revision: next.revision });
      notifications.show({ color: "teal", message: done });
      await invalidate();
      return true;
    } catch (error) {
      await afterRefusal(error);
      return false;
    }
  }

  async function onPublish(effectiveFrom: Date | undefined) {
    const draft = state.draft;
    if (!draft || loaded.revision !== draft.revision) return;
    try {
      const published = await publish.mutateAsync({ kind, expectedRevision: draft.revision, version: draft.nextVersion, effectiveFrom });
      setDialog(null);
      notifications.show({
        color: "teal",
        message: effectiveFrom
          ? t("policies.publish.scheduledDone", { document: documentName, version: published.version, date: dates.dateTime(effectiveFrom) })
          : t("policies.publish.publishedDone", { document: documentName, version: published.version }),
      });
      await invalidate();
    } catch (error) {
      await afterRefusal(error);
    }
  }

  async function onDiscard() {
    try {
      await discard.mutateAsync({ kind, expectedRevision: loaded.revision ?? state.draft?.revision ?? 1 });
      setDialog(null);
      form.resetDirty();
      notifications.show({ color: "gray", message: t("policies.editor.discarded") });
      await invalidate();
    } catch (error) {
      await afterRefusal(error);
    }
  }

  const values = form.getValues();
  const draft = state.draft;
  const status = draft?.status ?? null;
  const nextVersion = values.material ? state.nextVersions.material : state.nextVersions.editorial;
  const previewValues = useMemo(() => sampleVariables(nextVersion, dates.date(new Date())), [nextVersion, dates]);
  const published = useMemo(
    () => new Map<string, PolicyPurpose>((state.basis?.purposes ?? []).map((purpose) => [purpose.key, purpose])),
    [state.basis],
  );
  const involved = draft ? [draft.author?.email, draft.lastEditor?.email, draft.approvalRequestedBy?.email].includes(me.user.email) : false;
  const floor = state.basis?.status === "scheduled" ? { version: state.basis.version, effectiveFrom: state.basis.effectiveFrom } : null;
  const busy = save.isPending || request.isPending || approve.isPending || reject.isPending || publish.isPending || discard.isPending;
  // What keeps Publish closed, in the order the person has to deal with it.
  const publishBlocker = !draft
    ? t("policies.editor.blockers.noDraft")
    : status === "pending_approval"
      ? t("policies.editor.blockers.pending")
      : draft.material && status !== "approved"
        ? t("policies.editor.blockers.needsApproval")
        : dirty && draft.material
          ? t("policies.editor.blockers.unsavedMaterial")
          : null;
  const actionError = [request.error, approve.error, publish.error && dialog !== "publish" ? publish.error : null].find(Boolean);
  const allErrors = form.errors;

  return (
    <>
      <form noValidate onSubmit={form.onSubmit(() => void onSave())}>
        <Stack gap="lg">
          {conflict && (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t("policies.conflict.title")} role="alert">
              <Text size="sm">{state.draft ? t("policies.conflict.bodyDraft") : t("policies.conflict.bodyGone")}</Text>
              <Group gap="xs" mt="sm">
                <Button size="xs" variant="default" onClick={() => loadFrom(state)}>
                  {state.draft ? t("policies.conflict.loadTheirs") : t("policies.conflict.loadLatest")}
                </Button>
                <Button size="xs" color="orange" loading={save.isPending} onClick={() => void onOverwrite()}>
                  {state.draft ? t("policies.conflict.keepMine") : t("policies.conflict.saveMine")}
                </Button>
              </Group>
            </Alert>
          )}
          {!conflict && <PolicyFormError error={save.error} fields={[...DRAFT_FIELDS, "purposes"]} />}
          {actionError && <PolicyFormError error={actionError} fields={[]} />}

          <DraftStatus state={state} nextVersion={nextVersion} dirty={dirty} />

          {draft && (
            <ApprovalPanel
              draft={draft}
              canApprove={canApprove}
              involved={involved}
              busy={busy}
              approving={approve.isPending}
              onApprove={() =>
                void changeState(
                  (revision) => approve.mutateAsync({ kind, expectedRevision: revision }),
                  t("policies.approval.approvedDone", { document: documentName }),
                )
              }
              onReject={() => setDialog("reject")}
            />
          )}

          <Card withBorder padding="lg" component="section" aria-labelledby="draft-text">
            <Stack gap="md">
              <Title order={2} size="h4" id="draft-text">
                {t("policies.editor.textSection")}
              </Title>
              <TextInput
                label={t("policies.editor.title")}
                description={t("policies.editor.titleHint")}
                withAsterisk
                maxLength={MAX_POLICY_TITLE}
                disabled={busy}
                {...form.getInputProps("title")}
              />
              <MarkdownEditor
                label={t("policies.editor.markdown")}
                description={t("policies.editor.markdownHint")}
                value={values.markdown}
                onChange={(next) => form.setFieldValue("markdown", next)}
                onBlur={() => form.validateField("markdown")}
                error={form.errors.markdown}
                disabled={busy}
                values={previewValues}
                previewLabel={t("policies.editor.previewOf", { document: documentName })}
                maxLength={MAX_POLICY_MARKDOWN}
              />
            </Stack>
          </Card>

          <Card withBorder padding="lg" component="section" aria-labelledby="draft-change">
            <Stack gap="md">
              <Title order={2} size="h4" id="draft-change">
                {t("policies.editor.changeSection")}
              </Title>
              <Switch
                label={t("policies.material.label")}
                description={t("policies.material.hint", {
                  material: state.nextVersions.material,
                  editorial: state.nextVersions.editorial,
                })}
                disabled={busy}
                {...form.getInputProps("material", { type: "checkbox" })}
              />
              {values.material && (
                <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
                  <Text size="sm">{t("policies.material.consequence", { version: state.nextVersions.material })}</Text>
                </Alert>
              )}
              <Textarea
                label={values.material ? t("policies.editor.summaryMaterial") : t("policies.editor.summaryEditorial")}
                description={values.material ? t("policies.editor.summaryMaterialHint") : t("policies.editor.summaryEditorialHint")}
                withAsterisk={values.material}
                autosize
                minRows={2}
                maxLength={MAX_POLICY_CHANGE_SUMMARY}
                disabled={busy}
                {...form.getInputProps("changeSummary")}
              />
            </Stack>
          </Card>

          <Card withBorder padding="lg" component="section" aria-labelledby="draft-purposes">
            <Stack gap="md">
              <div>
                <Title order={2} size="h4" id="draft-purposes">
                  {t("policies.purposes.title")}
                </Title>
                <Text size="sm" c="dimmed">
                  {t("policies.purposes.description")}
                </Text>
              </div>
              <PurposesEditor
                purposes={values.purposes}
                onChange={(purposes) => {
                  form.setFieldValue("purposes", purposes);
                  // Old messages point at indexes that may have moved.
                  form.setErrors(Object.fromEntries(Object.entries(form.errors).filter(([field]) => !field.startsWith("purposes"))));
                }}
                published={published}
                errors={purposeErrors(allErrors, values.purposes, t)}
                disabled={busy}
              />
            </Stack>
          </Card>

          <Paper
            withBorder
            shadow="sm"
            p="sm"
            radius="md"
            // In reach while the long form scrolls; on a phone it would cover half the screen.
            style={wide ? { position: "sticky", bottom: "var(--mantine-spacing-sm)", zIndex: 5 } : undefined}
          >
            <Stack gap={6}>
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Text size="sm" c={dirty ? undefined : "dimmed"} fw={dirty ? 500 : undefined} aria-live="polite">
                  {dirty
                    ? status && status !== "draft"
                      ? t("policies.editor.unsavedWithdraws")
                      : t("policies.editor.unsaved")
                    : draft
                      ? t("policies.editor.savedAt", { when: format.fromNow(draft.updatedAt), revision: draft.revision })
                      : state.basis
                        ? t("policies.editor.noDraftFrom", { version: state.basis.version })
                        : t("policies.editor.noDraft")}
                </Text>
                <Group gap="xs" wrap="wrap">
                  {draft && (
                    <Button
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={16} />}
                      onClick={() => setDialog("discard")}
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
                    disabled={!dirty || (busy && !save.isPending)}
                  >
                    {t("policies.editor.save")}
                  </Button>
                  {(status === null || status === "draft") && (
                    <Button
                      variant="light"
                      leftSection={<IconSend size={16} />}
                      loading={request.isPending}
                      disabled={busy || (!draft && !dirty)}
                      onClick={() =>
                        void changeState(
                          (revision) => request.mutateAsync({ kind, expectedRevision: revision }),
                          t("policies.approval.requestedDone", { document: documentName }),
                        )
                      }
                    >
                      {t("policies.editor.requestApproval")}
                    </Button>
                  )}
                  <Button
                    leftSection={<IconRocket size={16} />}
                    disabled={busy || publishBlocker !== null}
                    onClick={async () => {
                      publish.reset();
                      // An editorial draft with unsaved changes is saved first.
                      const saved = await savedDraft();
                      if (saved) setDialog("publish");
                    }}
                  >
                    {t("policies.editor.publish")}
                  </Button>
                </Group>
              </Group>
              {publishBlocker && draft && (
                <Text size="xs" c="dimmed" ta="right">
                  {publishBlocker}
                </Text>
              )}
              {draft && state.basis && (
                <Group justify="flex-end">
                  <Anchor component={Link} to={compareHref(kind, state.basis.version, "draft")} size="xs">
                    <Group gap={4} component="span">
                      <IconArrowsDiff size={12} />
                      {t("policies.editor.compareSaved", { version: state.basis.version })}
                    </Group>
                  </Anchor>
                </Group>
              )}
            </Stack>
          </Paper>
        </Stack>
      </form>

      {/* Outside the form: a dialog's own submit must not reach the draft's form. */}
      <PublishPolicyDialog
        opened={dialog === "publish"}
        documentName={documentName}
        draft={draft}
        floor={floor}
        publishing={publish.isPending}
        error={publish.error}
        onPublish={(effectiveFrom) => void onPublish(effectiveFrom)}
        onClose={() => setDialog(null)}
      />
      <ReasonDialog
        opened={dialog === "reject"}
        title={t("policies.approval.rejectTitle", { document: documentName })}
        body={t("policies.approval.rejectBody")}
        confirmLabel={t("policies.approval.reject")}
        maxLength={MAX_POLICY_REJECTION_REASON}
        loading={reject.isPending}
        error={reject.error}
        onConfirm={(reason) =>
          void changeState(
            (revision) => reject.mutateAsync({ kind, expectedRevision: revision, reason }),
            t("policies.approval.rejectedDone", { document: documentName }),
          ).then((done) => done && setDialog(null))
        }
        onClose={() => {
          setDialog(null);
          reject.reset();
        }}
      />
      <ConfirmModal
        opened={dialog === "discard"}
        title={t("policies.editor.discardTitle", { document: documentName })}
        confirmLabel={t("policies.editor.discard")}
        onConfirm={() => void onDiscard()}
        onClose={() => {
          setDialog(null);
          discard.reset();
        }}
        loading={discard.isPending}
        danger
      >
        <Stack gap="sm">
          <Text size="sm">{t("policies.editor.discardBody")}</Text>
          <PolicyFormError error={discard.error} fields={[]} />
        </Stack>
      </ConfirmModal>
    </>
  );
}
