/**
 * The branding draft for someone with branding.edit: the fields, logo and favicon, both themes'
 * colours with their contrast measured as they are typed, and the live storefront preview. Saving
 * sends the revision the form was loaded from, so a second editor's save is refused (CONFLICT)
 * instead of silently overwriting the first; the form then offers to load theirs or keep its own.
 */
import { Grid, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { type BrandingTheme, checkBrandingContrast, type ThemeMode } from "@pc/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { FormError } from "../../components/FormError";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import { AssetUpload } from "./AssetUpload";
import type { BrandingState, BrandingVersionView } from "./branding.types";
import { diffBranding } from "./brandingDiff";
import {
  BRANDING_FIELDS,
  type BrandingFormValues,
  DEFAULT_COLORS,
  latestPublished,
  liveColors,
  toFormValues,
  toSaveInput,
  ZBrandingForm,
} from "./brandingForm";
import { lastScheduled as lastScheduledOf, mayWithdraw } from "./brandingSchedule";
import { ColorFields } from "./ColorFields";
import { ContrastPanel } from "./ContrastPanel";
import { ConflictAlert, DraftActionBar } from "./DraftActionBar";
import { PoweredBySwitch } from "./PoweredBySwitch";
import { PublishDialog } from "./PublishDialog";
import { useScheduleAccess, WithdrawScheduledModal } from "./ScheduledNotice";
import { Section } from "./Section";
import { BrandingPreview, PreviewColumn } from "./StorefrontPreview";
import { usePoweredBy } from "./usePoweredBy";

/** Which server state the form was loaded from: the draft at a revision, or the version a new draft builds on. */
function sourceKeyOf(state: BrandingState): string {
  if (state.draft) return `draft:${state.draft.id}:${state.draft.revision}`;
  return `published:${latestPublished(state)?.id ?? "none"}`;
}

interface BrandingEditorProps {
  state: BrandingState;
  tenantName: string;
}

export function BrandingEditor({ state, tenantName }: BrandingEditorProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const poweredBy = usePoweredBy(state);
  const format = useFormat();
  const source = state.draft ?? latestPublished(state);
  const [loaded, setLoaded] = useState({ key: sourceKeyOf(state), revision: state.draft?.revision });
  const [publishOpen, setPublishOpen] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  /** Withdrawing the last scheduled version from the publish dialog, which reopens afterwards. */
  const [withdrawing, setWithdrawing] = useState<BrandingVersionView | null>(null);
  const scheduleAccess = useScheduleAccess();
  const form = useForm<BrandingFormValues>({
    initialValues: toFormValues(source, tenantName),
    validate: zodValidate(ZBrandingForm),
  });

  const invalidate = () => queryClient.invalidateQueries(trpc.branding.pathFilter());

  const save = useMutation(trpc.branding.saveDraft.mutationOptions({ meta: { errorHandling: "local" } }));
  const publish = useMutation(trpc.branding.publish.mutationOptions({ meta: { errorHandling: "local" } }));
  const discard = useMutation(trpc.branding.discardDraft.mutationOptions({ meta: { errorHandling: "local" } }));
  const upload = useMutation(trpc.branding.uploadAsset.mutationOptions({ meta: { errorHandling: "local" } }));

  function loadFrom(next: BrandingState) {
    const values = toFormValues(next.draft ?? latestPublished(next), tenantName);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    save.reset();
    setLoaded({ key: sourceKeyOf(next), revision: next.draft?.revision });
  }

  // The server's branding moved on (a save, publish or discard, here or by someone else). An
  // untouched form follows it; one holding unsaved work keeps it and says so (below).
  const dirty = form.isDirty();
  const stale = sourceKeyOf(state) !== loaded.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: loadFrom only reads what the condition names.
  useEffect(() => {
    if (stale && !dirty) loadFrom(state);
  }, [stale, dirty, state]);
  const conflict = stale && dirty;

  const fallbackColors = source?.colors ?? DEFAULT_COLORS;
  const colorsKey = JSON.stringify(form.values.colors);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the colours' content, not the object's identity.
  const live = useMemo(() => liveColors(form.values.colors, fallbackColors), [colorsKey, fallbackColors]);
  const report = useMemo(() => checkBrandingContrast(live), [live]);
  const applyFix = (mode: ThemeMode, field: keyof BrandingTheme, color: string) => form.setFieldValue(`colors.${mode}.${field}`, color);

  /** Saves the form as the draft; resolves to the saved draft's revision, or null when refused. */
  async function saveDraft(values: BrandingFormValues, expectedRevision: number | undefined): Promise<number | null> {
    try {
      const saved = await save.mutateAsync(toSaveInput(values, expectedRevision));
      // What was sent is now the clean state; the refetch below brings the server's own copy.
      form.setInitialValues(values);
      form.resetDirty(values);
      setLoaded({ key: `draft:${saved.id}:${saved.revision}`, revision: saved.revision });
      await invalidate();
      return saved.revision;
    } catch (error) {
      form.setErrors(mapServerErrors(error));
      if (errorCode(error) === "CONFLICT" || errorCode(error) === "NOT_FOUND") await invalidate();
      return null;
    }
  }

  function mapServerErrors(error: unknown) {
    const errors = serverFieldErrors(error, BRANDING_FIELDS);
    const { logoAssetId, faviconAssetId, ...rest } = errors;
    return { ...rest, ...(logoAssetId ? { logo: logoAssetId } : {}), ...(faviconAssetId ? { favicon: faviconAssetId } : {}) };
  }

  async function onSave(values: BrandingFormValues) {
    const revision = await saveDraft(values, loaded.revision);
    if (revision !== null) notifications.show({ color: "teal", message: t("branding.saved") });
  }

  /** After a conflict, by choice: save this form over the draft as it is now on the server. */
  async function onOverwrite() {
    if (form.validate().hasErrors) return;
    const revision = await saveDraft(form.getValues(), state.draft?.revision);
    if (revision !== null) notifications.show({ color: "teal", message: t("branding.saved") });
  }

  async function onPublish(effectiveFrom: Date | undefined) {
    let revision = loaded.revision;
    if (dirty || revision === undefined) {
      const validation = form.validate();
      if (validation.hasErrors) {
        setPublishOpen(false);
        return;
      }
      revision = (await saveDraft(form.getValues(), loaded.revision)) ?? undefined;
      if (revision === undefined) return;
    }
    if (revision === undefined) return;
    try {
      const published = await publish.mutateAsync({ expectedRevision: revision, effectiveFrom });
      setPublishOpen(false);
      notifications.show({
        color: "teal",
        message: effectiveFrom
          ? t("branding.publish.scheduled", { version: published.version })
          : t("branding.publish.published", { version: published.version }),
      });
      await invalidate();
    } catch (error) {
      // PRECONDITION_FAILED: a version was scheduled meanwhile; the dialog learns of it and says so.
      const code = errorCode(error);
      if (code === "CONFLICT" || code === "NOT_FOUND" || code === "PRECONDITION_FAILED") await invalidate();
    }
  }

  async function onDiscard() {
    try {
      await discard.mutateAsync({ expectedRevision: loaded.revision ?? state.draft?.revision ?? 1 });
      setDiscarding(false);
      form.resetDirty();
      notifications.show({ color: "teal", message: t("branding.discarded") });
      await invalidate();
    } catch (error) {
      if (errorCode(error) === "CONFLICT" || errorCode(error) === "NOT_FOUND") await invalidate();
    }
  }

  const inEffect = state.inEffect;
  const lastScheduled = lastScheduledOf(state);
  /** What publishing replaces: the last scheduled version (it must come after it), else the one in effect. */
  const replaces = lastScheduled ?? inEffect;
  /** Without a draft the form starts from the newest published version; say so when that one is not live yet. */
  const scheduledBase = !state.draft && source && source.id !== inEffect?.id ? source : null;
  const changes = useMemo(
    () => diffBranding(replaces ? toFormValues(replaces, tenantName) : null, form.values),
    [replaces, tenantName, form.values],
  );
  const busy = save.isPending || publish.isPending;
  const publishError = publish.error ?? (publishOpen ? save.error : null);

  return (
    <>
      <form noValidate onSubmit={form.onSubmit((values) => void onSave(values))}>
        <Stack gap="lg">
          {conflict && (
            <ConflictAlert
              draftOpen={state.draft !== null}
              saving={save.isPending}
              onLoadTheirs={() => loadFrom(state)}
              onKeepMine={() => void onOverwrite()}
            />
          )}
          {!conflict && !publishOpen && <FormError error={save.error} fields={BRANDING_FIELDS} />}

          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="lg">
                <Section title={t("branding.sections.identity")} description={t("branding.sections.identityHint")}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                    <TextInput
                      label={t("branding.fields.displayName")}
                      description={t("branding.fields.displayNameHint")}
                      withAsterisk
                      maxLength={80}
                      {...form.getInputProps("displayName")}
                    />
                    <TextInput
                      label={t("branding.fields.supportEmail")}
                      description={t("branding.fields.supportEmailHint")}
                      type="email"
                      withAsterisk
                      autoComplete="off"
                      {...form.getInputProps("supportEmail")}
                    />
                    <TextInput
                      label={t("branding.fields.legalName")}
                      description={t("branding.fields.legalNameHint")}
                      withAsterisk
                      maxLength={200}
                      {...form.getInputProps("legalName")}
                    />
                    <Textarea
                      label={t("branding.fields.legalAddress")}
                      description={t("branding.fields.legalAddressHint")}
                      withAsterisk
                      autosize
                      minRows={2}
                      maxLength={500}
                      {...form.getInputProps("legalAddress")}
                    />
                  </SimpleGrid>
                </Section>

                <Section title={t("branding.sections.assets")}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                    {(["logo", "favicon"] as const).map((kind) => (
                      <AssetUpload
                        key={kind}
                        kind={kind}
                        value={form.values[kind]}
                        onChange={(asset) => {
                          form.setFieldValue(kind, asset);
                          form.clearFieldError(kind);
                        }}
                        upload={(input) => upload.mutateAsync(input)}
                        error={typeof form.errors[kind] === "string" ? (form.errors[kind] as string) : undefined}
                      />
                    ))}
                  </SimpleGrid>
                </Section>

                <Section title={t("branding.sections.colors")} description={t("branding.sections.colorsHint")}>
                  <SimpleGrid cols={1} spacing="md">
                    <ColorFields mode="light" form={form} live={live.light} />
                    <ColorFields mode="dark" form={form} live={live.dark} />
                  </SimpleGrid>
                  {typeof form.errors.colors === "string" && (
                    <Text size="sm" c="red" role="alert">
                      {form.errors.colors}
                    </Text>
                  )}
                </Section>

                <Section title={t("branding.sections.contrast")} description={t("branding.sections.contrastHint")}>
                  <ContrastPanel report={report} onFix={applyFix} />
                </Section>

                <Section title={t("branding.sections.poweredBy")}>
                  <PoweredBySwitch {...poweredBy} />
                </Section>

                <Section title={t("branding.sections.summary")}>
                  <Textarea
                    label={t("branding.fields.changeSummary")}
                    description={t("branding.fields.changeSummaryHint")}
                    autosize
                    minRows={2}
                    maxLength={500}
                    {...form.getInputProps("changeSummary")}
                  />
                </Section>
              </Stack>
            </Grid.Col>

            <Grid.Col span={{ base: 12, lg: 5 }}>
              <PreviewColumn
                title={t("branding.sections.preview")}
                hint={
                  dirty
                    ? t("branding.preview.unsavedHint")
                    : scheduledBase?.effectiveFrom
                      ? t("branding.preview.scheduledHint", {
                          version: scheduledBase.version,
                          date: format.dateTime(scheduledBase.effectiveFrom),
                        })
                      : t("branding.preview.hint")
                }
                reserve="80px"
              >
                <BrandingPreview
                  colors={live}
                  content={{
                    displayName: form.values.displayName,
                    supportEmail: form.values.supportEmail,
                    logo: form.values.logo,
                    favicon: form.values.favicon,
                    poweredBy: poweredBy.checked,
                  }}
                />
              </PreviewColumn>
            </Grid.Col>
          </Grid>

          <DraftActionBar
            status={
              dirty
                ? t("branding.actions.unsaved")
                : state.draft
                  ? t("branding.actions.draftSaved", { revision: state.draft.revision })
                  : scheduledBase
                    ? t("branding.actions.noDraftScheduled", { version: scheduledBase.version })
                    : t("branding.actions.noDraft")
            }
            emphasise={dirty}
            onDiscard={state.draft ? () => setDiscarding(true) : undefined}
            discardDisabled={busy}
            saving={save.isPending && !publishOpen}
            saveDisabled={!dirty || publish.isPending}
            publishDisabled={(!dirty && loaded.revision === undefined) || save.isPending}
            onPublish={() => {
              publish.reset();
              save.reset();
              setPublishOpen(true);
            }}
          />
        </Stack>
      </form>

      {/* Outside the form: a dialog's own submit must not bubble (through the portal) into the draft's. */}
      <PublishDialog
        opened={publishOpen}
        onClose={() => setPublishOpen(false)}
        changes={changes}
        inEffectVersion={inEffect?.version ?? null}
        lastScheduled={lastScheduled}
        onWithdraw={
          lastScheduled && mayWithdraw(state, lastScheduled, scheduleAccess)
            ? () => {
                setPublishOpen(false);
                setWithdrawing(lastScheduled);
              }
            : undefined
        }
        report={report}
        onFix={applyFix}
        unsaved={dirty || loaded.revision === undefined}
        publishing={busy}
        error={publishError}
        onPublish={(effectiveFrom) => void onPublish(effectiveFrom)}
      />
      <WithdrawScheduledModal
        version={withdrawing}
        onClose={() => {
          setWithdrawing(null);
          publish.reset();
          setPublishOpen(true);
        }}
      />
      <ConfirmModal
        opened={discarding}
        title={t("branding.discardTitle")}
        confirmLabel={t("branding.actions.discard")}
        onConfirm={() => void onDiscard()}
        onClose={() => {
          setDiscarding(false);
          discard.reset();
        }}
        loading={discard.isPending}
        danger
      >
        <Stack gap="sm">
          <Text size="sm">{t("branding.discardBody")}</Text>
          <FormError error={discard.error} fields={[]} />
        </Stack>
      </ConfirmModal>
    </>
  );
}
