/**
 * The draft of one currency's price book (prices.edit): per-track price, bundles, tax behaviour
 * and a change summary, each price with a live margin preview. Saving is guarded by the draft's
 * revision: when someone else saved or published in between, the server refuses and the editor
 * offers to reload instead of overwriting. Publishing saves unsaved changes first.
 */
import { Alert, Badge, Box, Button, Card, Divider, Group, Radio, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { type CurrencyCode, marginPreview } from "@pc/shared";
import { IconAlertTriangle, IconDeviceFloppy, IconRefresh, IconSend, IconTrash } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { FormError } from "../../components/FormError";
import { describeError } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { DraftBundles } from "./DraftBundles";
import { checkDraft, type DraftValues, draftValues, MAX_SUMMARY_LENGTH } from "./draftForm";
import { MarginFigures, StripeFeeNote } from "./MarginPreview";
import { PublishModal } from "./PublishModal";
import type { PriceBook, PriceVersion } from "./priceDiff";
import { isStaleDraftError, priceFieldErrors } from "./priceErrors";
import { useMoney } from "./useMoney";
import { usePricesInvalidation } from "./usePricesInvalidation";

const FIELDS = ["perTrack", "bundles", "taxBehavior", "changeSummary"] as const;

const keyOf = (draft: PriceVersion | null | undefined) => (draft ? `${draft.id}:${draft.revision}` : "none");

interface PriceDraftEditorProps {
  currency: CurrencyCode;
  /** The book as the list last read it; undefined for a currency that has nothing saved yet. */
  book: PriceBook | undefined;
  revenueShareBps: number;
  /** The editor is done: cancelled, discarded or published. */
  onClose: () => void;
  /** Reads the price books again and answers this currency's. */
  reload: () => Promise<PriceBook | undefined>;
}

export function PriceDraftEditor({ currency, book, revenueShareBps, onClose, reload }: PriceDraftEditorProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormat();
  const invalidate = usePricesInvalidation();
  const serverDraft = book?.draft ?? null;
  // A new version takes effect after every scheduled one, so a new draft starts from the last of them.
  const lastScheduled = book?.scheduled.at(-1) ?? null;
  const startingPoint = lastScheduled ?? book?.inEffect ?? null;

  /** The draft the form was loaded from or last saved as; null while starting a new one. */
  const [base, setBase] = useState<PriceVersion | null>(serverDraft);
  /** Someone else's save arrived while this form had unsaved changes. */
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const [confirm, setConfirm] = useState<"discard" | "cancel" | null>(null);
  const [publishing, setPublishing] = useState<PriceVersion | null>(null);

  const form = useForm<DraftValues>({
    initialValues: draftValues(serverDraft ?? startingPoint, currency, money, { keepSummary: serverDraft !== null }),
    validate: (values) => checkDraft(values, currency, money, t).errors,
    validateInputOnBlur: true,
  });

  function load(draft: PriceVersion | null) {
    const values = draftValues(draft ?? startingPoint, currency, money, { keepSummary: draft !== null });
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    setBase(draft);
    setChangedElsewhere(false);
    save.reset();
    discard.reset();
  }

  const save = useMutation(
    trpc.prices.saveDraft.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (saved) => {
        load(saved);
        notifications.show({ color: "teal", message: t("prices.editor.saved", { currency }) });
        await invalidate();
      },
      onError: (error) => form.setErrors(priceFieldErrors(error, FIELDS, t)),
    }),
  );
  const discard = useMutation(
    trpc.prices.discardDraft.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        setConfirm(null);
        notifications.show({ color: "gray", message: t("prices.editor.discarded", { currency }) });
        await invalidate();
        onClose();
      },
      onError: () => setConfirm(null),
    }),
  );

  // A save from elsewhere (another tab, a colleague): take it in when nothing here would be lost.
  const serverKey = keyOf(serverDraft);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the server's draft changes, not on every keystroke
  useEffect(() => {
    if (!serverDraft || serverKey === keyOf(base)) return;
    if (form.isDirty()) setChangedElsewhere(true);
    else load(serverDraft);
  }, [serverKey]);

  async function reloadFromServer() {
    const fresh = await reload();
    setPublishing(null);
    if (!fresh?.draft && base) {
      // Published or discarded elsewhere: nothing is left to edit.
      onClose();
      return;
    }
    load(fresh?.draft ?? null);
  }

  /** Saves the form; the saved draft, or undefined when the form or the server refused. */
  async function saveDraft(): Promise<PriceVersion | undefined> {
    const { errors, input } = checkDraft(form.getValues(), currency, money, t);
    form.setErrors(errors);
    if (!input) return undefined;
    try {
      return await save.mutateAsync({ ...input, expectedRevision: base?.revision });
    } catch {
      return undefined; // said next to the fields or above them
    }
  }

  async function reviewAndPublish() {
    const draft = form.isDirty() || !base ? await saveDraft() : base;
    if (draft) setPublishing(draft);
  }

  const values = form.getValues();
  const perTrack = money.parse(values.perTrack, currency);
  const perTrackMargin = perTrack.ok ? marginPreview({ gross: perTrack.minor, currency, revenueShareBps }) : null;
  const dirty = form.isDirty();
  const busy = save.isPending || discard.isPending;
  const staleError = [save.error, discard.error].find((error) => error && isStaleDraftError(error));
  const otherError = save.error && !isStaleDraftError(save.error) ? save.error : discard.error && !staleError ? discard.error : null;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`draft-${currency}`}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={3} size="h4" id={`draft-${currency}`}>
              {base ? t("prices.editor.titleDraft", { currency }) : t("prices.editor.titleNew", { currency })}
            </Title>
            <Text size="sm" c="dimmed">
              {book?.inEffect ? t("prices.editor.intro") : t("prices.editor.introFirst", { currency })}
              {!base && lastScheduled && ` ${t("prices.editor.startsFromScheduled", { version: lastScheduled.version })}`}
            </Text>
          </div>
          <Group gap="xs">
            {dirty && (
              <Badge color="yellow" variant="light" tt="none">
                {t("prices.editor.unsaved")}
              </Badge>
            )}
            {base && !dirty && (
              <Text size="xs" c="dimmed">
                {t("prices.editor.savedAt", { when: format.fromNow(base.updatedAt), revision: base.revision })}
              </Text>
            )}
          </Group>
        </Group>

        {(staleError || changedElsewhere) && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t("prices.editor.staleTitle")} role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{staleError ? describeError(staleError) : t("prices.editor.changedElsewhere")}</Text>
              <Text size="sm">{t("prices.editor.reloadLoses")}</Text>
              <Button
                size="xs"
                variant="light"
                color="orange"
                leftSection={<IconRefresh size={14} />}
                onClick={() => void reloadFromServer()}
              >
                {t("prices.editor.reload")}
              </Button>
            </Stack>
          </Alert>
        )}
        {otherError && <FormError error={otherError} fields={errorCode(otherError) === "BAD_REQUEST" ? FIELDS : []} />}
        {typeof form.errors.form === "string" && (
          <Alert color="red" role="alert">
            {form.errors.form}
          </Alert>
        )}

        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void saveDraft();
          }}
        >
          <Stack gap="lg">
            <Group align="flex-start" gap="md" wrap="wrap">
              <TextInput
                label={t("prices.perTrackPrice")}
                description={t("prices.editor.perTrackHint")}
                inputMode="decimal"
                autoComplete="off"
                w={220}
                rightSection={
                  <Text size="xs" c="dimmed">
                    {currency}
                  </Text>
                }
                rightSectionWidth={44}
                disabled={busy}
                {...form.getInputProps("perTrack")}
              />
              <Box pt={4} style={{ flex: "1 1 260px" }}>
                <MarginFigures
                  margin={perTrackMargin}
                  currency={currency}
                  revenueShareBps={revenueShareBps}
                  label={t("prices.margin.preview")}
                />
              </Box>
            </Group>

            <DraftBundles form={form} currency={currency} revenueShareBps={revenueShareBps} disabled={busy} />
            <StripeFeeNote currency={currency} />
            <Divider />

            <Radio.Group label={t("prices.taxBehavior")} {...form.getInputProps("taxBehavior")}>
              <Stack gap="xs" mt={6}>
                <Radio value="inclusive" label={t("prices.tax.inclusive")} description={t("prices.tax.inclusiveHint")} disabled={busy} />
                <Radio value="exclusive" label={t("prices.tax.exclusive")} description={t("prices.tax.exclusiveHint")} disabled={busy} />
              </Stack>
            </Radio.Group>

            <Textarea
              label={t("prices.editor.summary")}
              description={t("prices.editor.summaryHint")}
              autosize
              minRows={2}
              maxLength={MAX_SUMMARY_LENGTH}
              disabled={busy}
              {...form.getInputProps("changeSummary")}
            />

            <Group justify="space-between" gap="sm">
              {base ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setConfirm("discard")}
                  disabled={busy}
                >
                  {t("prices.editor.discard")}
                </Button>
              ) : (
                <Button variant="subtle" color="gray" onClick={() => (dirty ? setConfirm("cancel") : onClose())} disabled={busy}>
                  {t("common.cancel")}
                </Button>
              )}
              <Group gap="sm">
                <Button
                  type="submit"
                  variant="default"
                  leftSection={<IconDeviceFloppy size={16} />}
                  loading={save.isPending}
                  disabled={discard.isPending}
                >
                  {t("prices.editor.save")}
                </Button>
                <Button leftSection={<IconSend size={16} />} onClick={() => void reviewAndPublish()} disabled={busy}>
                  {t("prices.editor.reviewPublish")}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Stack>

      <ConfirmModal
        opened={confirm === "discard"}
        title={t("prices.editor.discardTitle", { currency })}
        confirmLabel={t("prices.editor.discard")}
        onConfirm={() => base && discard.mutate({ currency, expectedRevision: base.revision })}
        onClose={() => setConfirm(null)}
        loading={discard.isPending}
        danger
      >
        {t("prices.editor.discardBody")}
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === "cancel"}
        title={t("prices.editor.cancelTitle")}
        confirmLabel={t("prices.editor.cancelConfirm")}
        onConfirm={() => {
          setConfirm(null);
          onClose();
        }}
        onClose={() => setConfirm(null)}
        danger
      >
        {t("prices.editor.cancelBody")}
      </ConfirmModal>
      {publishing && (
        <PublishModal
          draft={publishing}
          book={book}
          onClose={() => setPublishing(null)}
          onPublished={onClose}
          onReload={() => void reloadFromServer()}
        />
      )}
    </Card>
  );
}
