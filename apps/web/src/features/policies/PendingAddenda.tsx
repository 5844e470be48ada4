/**
 * Staff (policies.approve): partners' addenda waiting for approval, oldest request first: what
 * changes against the addendum in force (word by word) and how it reads, then Approve (now or at a
 * time) or Reject with a reason. The person who wrote or submitted an addendum cannot approve it.
 */
import { Alert, Badge, Button, Card, Group, Modal, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { diffPolicyText, MAX_REJECTION_REASON_CHARS } from "@pc/shared";
import { IconCheck, IconInfoCircle, IconX } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryContent } from "../../components/QueryContent";
import { readSchedule, ScheduleField, suggestedTime, type When } from "../../components/ScheduleField";
import { translateMessage } from "../../i18n/messages";
import { errorCode } from "../../lib/errors";
import { serverFieldErrors } from "../../lib/forms";
import { useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { PolicyFormError } from "./PolicyFormError";
import { PolicyHtml, previewHtml } from "./PolicyHtml";
import type { PendingAddendum } from "./policies.types";
import { sampleVariables } from "./policyPreview";
import { ReasonDialog } from "./ReasonDialog";
import { InlineDiff } from "./TextDiff";
import { usePolicyDates } from "./usePolicyDates";

export function PendingAddenda() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const pending = useQuery(trpc.addenda.pending.queryOptions());
  return (
    <Stack gap="sm" component="section" aria-labelledby="pending-addenda">
      <div>
        <Title order={2} size="h4" id="pending-addenda">
          {t("policies.pending.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("policies.pending.description")}
        </Text>
      </div>
      <QueryContent query={pending} loaderPadding="md">
        {(entries) =>
          entries.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("policies.pending.none")}
            </Text>
          ) : (
            <Stack gap="md">
              {entries.map((entry) => (
                <PendingAddendumCard key={entry.id} entry={entry} />
              ))}
            </Stack>
          )
        }
      </QueryContent>
    </Stack>
  );
}

function PendingAddendumCard({ entry }: { entry: PendingAddendum }) {
  const { t } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dates = usePolicyDates();
  const [view, setView] = useState<"changes" | "preview">("changes");
  const [dialog, setDialog] = useState<"approve" | "reject" | null>(null);
  const diff = useMemo(() => diffPolicyText(entry.inForce?.markdown ?? "", entry.markdown), [entry]);
  const values = useMemo(() => sampleVariables("1.0", dates.date(new Date())), [dates]);
  const html = useMemo(() => previewHtml(entry.markdown, values, "values"), [entry.markdown, values]);
  const ownWork = [entry.author?.email, entry.requestedBy?.email].includes(me.user.email);
  const kind = t(`policies.kinds.${entry.kind}`);

  const invalidate = () =>
    Promise.all([queryClient.invalidateQueries(trpc.addenda.pathFilter()), queryClient.invalidateQueries(trpc.audit.pathFilter())]);
  const reject = useMutation(
    trpc.addenda.reject.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        setDialog(null);
        notifications.show({ color: "gray", message: t("policies.pending.rejected", { tenant: entry.tenant.name }) });
        await invalidate();
      },
      onError: async (error) => {
        if (errorCode(error) === "CONFLICT" || errorCode(error) === "NOT_FOUND") await invalidate();
      },
    }),
  );

  return (
    <Card withBorder padding="md" component="article" aria-label={t("policies.pending.cardLabel", { tenant: entry.tenant.name, kind })}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Group gap="xs">
              <Text fw={600}>{entry.tenant.name}</Text>
              <Badge size="sm" variant="light" tt="none">
                {kind}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {entry.requestedBy && entry.requestedAt
                ? t("policies.pending.requestedBy", { name: entry.requestedBy.name, date: dates.dateTime(entry.requestedAt) })
                : t("policies.pending.requested")}
              {" · "}
              {entry.inForce ? t("policies.pending.replaces", { version: entry.inForce.version }) : t("policies.pending.first")}
            </Text>
          </div>
          <Group gap="xs">
            <Button size="xs" variant="default" color="red" leftSection={<IconX size={14} />} onClick={() => setDialog("reject")}>
              {t("policies.pending.reject")}
            </Button>
            {!ownWork && (
              <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setDialog("approve")}>
                {t("policies.pending.approve")}
              </Button>
            )}
          </Group>
        </Group>
        {ownWork && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={16} />} py={6}>
            <Text size="sm">{t("policies.pending.ownWork")}</Text>
          </Alert>
        )}
        {entry.changeSummary && (
          <Text size="sm">
            <Text span fw={500}>
              {t("policies.pending.summary")}:
            </Text>{" "}
            {entry.changeSummary}
          </Text>
        )}
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => setView(value === "preview" ? "preview" : "changes")}
          aria-label={t("policies.pending.viewLabel")}
          data={[
            { value: "changes", label: t("policies.pending.changes") },
            { value: "preview", label: t("policies.pending.preview") },
          ]}
          w="fit-content"
        />
        <Card withBorder padding="sm" bg="var(--mantine-color-body)" mah={360} style={{ overflow: "auto" }}>
          {view === "changes" ? (
            <InlineDiff
              segments={diff.inline}
              foldUnchangedText={false}
              label={t("policies.pending.changesLabel", { tenant: entry.tenant.name })}
            />
          ) : entry.markdown.trim() ? (
            <PolicyHtml html={html} label={t("policies.pending.previewLabel", { tenant: entry.tenant.name })} />
          ) : (
            <Text size="sm" c="dimmed">
              {t("policies.pending.emptyAddendum")}
            </Text>
          )}
        </Card>
      </Stack>

      <ApproveAddendumDialog entry={dialog === "approve" ? entry : null} onClose={() => setDialog(null)} onDone={invalidate} />
      <ReasonDialog
        opened={dialog === "reject"}
        title={t("policies.pending.rejectTitle", { tenant: entry.tenant.name, kind })}
        body={t("policies.pending.rejectBody")}
        confirmLabel={t("policies.pending.reject")}
        maxLength={MAX_REJECTION_REASON_CHARS}
        loading={reject.isPending}
        error={reject.error}
        onConfirm={(reason) => reject.mutate({ tenantId: entry.tenant.id, kind: entry.kind, expectedRevision: entry.revision, reason })}
        onClose={() => {
          setDialog(null);
          reject.reset();
        }}
      />
    </Card>
  );
}

function ApproveAddendumDialog({
  entry,
  onClose,
  onDone,
}: {
  entry: PendingAddendum | null;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={entry !== null} onClose={onClose} title={entry ? t("policies.pending.approveTitle", { tenant: entry.tenant.name }) : ""}>
      {entry && <ApproveForm entry={entry} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ApproveForm({ entry, onClose, onDone }: { entry: PendingAddendum; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [when, setWhen] = useState<When>("now");
  const [at, setAt] = useState(() => suggestedTime(undefined, { startOfDay: true }));
  const [atError, setAtError] = useState<string>();
  const approve = useMutation(
    trpc.addenda.approve.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (published) => {
        notifications.show({
          color: "teal",
          message: t("policies.pending.approved", { tenant: entry.tenant.name, version: published.version ?? "" }),
        });
        onClose();
        await onDone();
      },
      onError: async (error) => {
        setAtError(serverFieldErrors(error, ["effectiveFrom"]).effectiveFrom as string | undefined);
        if (errorCode(error) === "CONFLICT" || errorCode(error) === "NOT_FOUND") await onDone();
      },
    }),
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const schedule = readSchedule(when, at, t);
        setAtError(schedule.error);
        if (schedule.error) return;
        approve.mutate({ tenantId: entry.tenant.id, kind: entry.kind, expectedRevision: entry.revision, effectiveFrom: schedule.date });
      }}
    >
      <Stack>
        <Text size="sm">{t("policies.pending.approveBody", { tenant: entry.tenant.name })}</Text>
        {entry.changeSummary && (
          <Text size="sm" fs="italic">
            “{translateMessage(entry.changeSummary)}”
          </Text>
        )}
        <PolicyFormError error={approve.error} fields={["effectiveFrom"]} />
        <ScheduleField
          when={when}
          at={at}
          onWhenChange={setWhen}
          onAtChange={(value) => {
            setAt(value);
            setAtError(undefined);
          }}
          error={atError}
          nowLabel={t("schedule.now")}
          disabled={approve.isPending}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={approve.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={approve.isPending} data-autofocus>
            {when === "now" ? t("policies.pending.approveNow") : t("policies.pending.approveScheduled")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
