/**
 * The revenue share changes asked for in one currency, newest first. A pending one says who asked
 * and when, and offers someone else Approve (with an optional note; it publishes the change) or
 * Reject (with a required note), and the person who asked Withdraw. A decided one says how it
 * ended. The server decides the same: the asker can never approve or reject their own request.
 */
import { Badge, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type CurrencyCode, ZDecideRevenueShareInput, ZRejectRevenueShareInput, ZRequestRevenueShareInput } from "@pc/shared";
import { IconArrowBackUp, IconCheck, IconX } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { FormError } from "../../components/FormError";
import { QueryContent } from "../../components/QueryContent";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { serverFieldErrors } from "../../lib/forms";
import { useMe } from "../../lib/session";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";
import { useMoney } from "./useMoney";
import { usePricesInvalidation } from "./usePricesInvalidation";

export type ShareRequest = RouterOutputs["prices"]["revenueShareRequests"][number];

export interface TextLimits {
  min: number;
  max: number;
}

/** The lengths the server's schemas allow, so the form says the same before sending. */
export const REASON_LIMITS: TextLimits = {
  min: ZRequestRevenueShareInput.shape.reason.minLength ?? 1,
  max: ZRequestRevenueShareInput.shape.reason.maxLength ?? 500,
};
const REJECT_NOTE_LIMITS: TextLimits = {
  min: ZRejectRevenueShareInput.shape.note.minLength ?? 1,
  max: ZRejectRevenueShareInput.shape.note.maxLength ?? 500,
};
const APPROVE_NOTE_MAX = ZDecideRevenueShareInput.shape.note.unwrap().maxLength ?? 500;

/** What is wrong with a required text (a reason, a rejection note), or undefined when it will do. */
export function shareTextError(value: string, limits: TextLimits, t: TFunction): string | undefined {
  const length = value.trim().length;
  if (length < limits.min) return t("prices.shareRequests.textRequired", { min: limits.min });
  if (length > limits.max) return t("prices.shareRequests.textTooLong", { max: limits.max });
  return undefined;
}

interface RequestsQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: ShareRequest[] | undefined;
  refetch: () => unknown;
}

export function RevenueShareRequests({ currency, query }: { currency: CurrencyCode; query: RequestsQuery }) {
  const { t } = useTranslation();
  const headingId = `share-requests-${currency}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h5" id={headingId}>
        {t("prices.shareRequests.title")}
      </Title>
      <QueryContent query={query} loaderPadding="md">
        {(all) => {
          const requests = all.filter((request) => request.currency === currency);
          if (requests.length === 0) {
            return (
              <Text size="sm" c="dimmed">
                {t("prices.shareRequests.none", { currency })}
              </Text>
            );
          }
          return (
            <Stack
              component="ul"
              gap="sm"
              m={0}
              p={0}
              style={{ listStyle: "none" }}
              aria-label={t("prices.shareRequests.listLabel", { currency })}
            >
              {requests.map((request) => (
                <RequestItem key={request.id} request={request} />
              ))}
            </Stack>
          );
        }}
      </QueryContent>
    </Stack>
  );
}

const STATUS_COLORS: Record<ShareRequest["status"], string> = {
  pending: "yellow",
  approved: "teal",
  rejected: "red",
  withdrawn: "gray",
};

type Dialog = "approve" | "reject" | "withdraw" | null;

function RequestItem({ request }: { request: ShareRequest }) {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const format = useFormat();
  const [dialog, setDialog] = useState<Dialog>(null);
  const own = request.requestedBy.id === me.user.id;
  const pending = request.status === "pending";
  const percent = money.percent(request.revenueShareBps);
  const titleId = `share-request-${request.id}`;
  const nameOf = (person: { id: string; name: string | null } | null) =>
    person?.id === me.user.id ? t("prices.shareRequests.you") : (person?.name ?? t("prices.shareRequests.unknownPerson"));
  const decidedAt = request.decidedAt ? format.dateTime(request.decidedAt) : "";
  const outcome =
    request.status === "approved"
      ? t("prices.shareRequests.approvedBy", { name: nameOf(request.decidedBy), date: decidedAt, version: request.appliedVersion })
      : request.status === "rejected"
        ? t("prices.shareRequests.rejectedBy", { name: nameOf(request.decidedBy), date: decidedAt })
        : request.status === "withdrawn"
          ? t("prices.shareRequests.withdrawnAt", { date: decidedAt })
          : null;

  return (
    <Card component="li" withBorder padding="sm" aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600} id={titleId}>
                {request.effectiveFrom
                  ? t("prices.shareRequests.changeToAt", { percent, date: format.dateTime(request.effectiveFrom) })
                  : t("prices.shareRequests.changeTo", { percent })}
              </Text>
              <Badge size="sm" variant="light" tt="none" color={STATUS_COLORS[request.status]}>
                {t(`prices.shareRequests.status.${request.status}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t("prices.shareRequests.requestedBy", { name: nameOf(request.requestedBy), date: format.dateTime(request.requestedAt) })}
            </Text>
          </Stack>
          {pending && (
            <Group gap="xs">
              {own ? (
                <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => setDialog("withdraw")}>
                  {t("prices.shareRequests.withdraw")}
                </Button>
              ) : (
                <>
                  <Button size="xs" variant="default" color="red" leftSection={<IconX size={14} />} onClick={() => setDialog("reject")}>
                    {t("prices.shareRequests.reject")}
                  </Button>
                  <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setDialog("approve")}>
                    {t("prices.shareRequests.approve")}
                  </Button>
                </>
              )}
            </Group>
          )}
        </Group>
        <Text size="sm">
          <Text span fw={500}>
            {t("prices.shareRequests.reason")}:
          </Text>{" "}
          {request.reason}
        </Text>
        {outcome && <Text size="sm">{outcome}</Text>}
        {request.decisionNote && (
          <Text size="sm">
            <Text span fw={500}>
              {t("prices.shareRequests.note")}:
            </Text>{" "}
            {request.decisionNote}
          </Text>
        )}
        {pending && own && (
          <Text size="xs" c="dimmed">
            {t("prices.shareRequests.ownRequest")}
          </Text>
        )}
      </Stack>
      <DecideDialog
        request={request}
        decision={dialog === "approve" || dialog === "reject" ? dialog : null}
        onClose={() => setDialog(null)}
      />
      <WithdrawDialog request={request} opened={dialog === "withdraw"} onClose={() => setDialog(null)} />
    </Card>
  );
}

function DecideDialog({
  request,
  decision,
  onClose,
}: {
  request: ShareRequest;
  decision: "approve" | "reject" | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const vars = { currency: request.currency, percent: money.percent(request.revenueShareBps) };
  return (
    <Modal
      opened={decision !== null}
      onClose={onClose}
      title={decision === "reject" ? t("prices.shareRequests.rejectTitle", vars) : t("prices.shareRequests.approveTitle", vars)}
    >
      {decision && <DecideForm request={request} decision={decision} onClose={onClose} />}
    </Modal>
  );
}

const NOTE_FIELDS = ["note"] as const;

function DecideForm({ request, decision, onClose }: { request: ShareRequest; decision: "approve" | "reject"; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormat();
  const invalidate = usePricesInvalidation();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string>();
  const { currency } = request;
  const percent = money.percent(request.revenueShareBps);

  // A request someone else decided meanwhile, or one gone: show the list as it is now.
  const refreshOnStale = async (error: unknown) => {
    setNoteError(serverFieldErrors(error, NOTE_FIELDS).note as string | undefined);
    const code = errorCode(error);
    if (code === "CONFLICT" || code === "NOT_FOUND" || code === "PRECONDITION_FAILED") await invalidate();
  };
  const approve = useMutation(
    trpc.prices.approveRevenueShare.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (approved) => {
        notifications.show({ color: "teal", message: t("prices.shareRequests.approved", { currency, version: approved.version.version }) });
        onClose();
        await invalidate();
      },
      onError: refreshOnStale,
    }),
  );
  const reject = useMutation(
    trpc.prices.rejectRevenueShare.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        notifications.show({ color: "gray", message: t("prices.shareRequests.rejected", { currency }) });
        onClose();
        await invalidate();
      },
      onError: refreshOnStale,
    }),
  );
  const mutation = decision === "approve" ? approve : reject;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = note.trim();
        if (decision === "reject") {
          const error = shareTextError(note, REJECT_NOTE_LIMITS, t);
          setNoteError(error);
          if (!error) reject.mutate({ requestId: request.id, note: trimmed });
        } else {
          approve.mutate({ requestId: request.id, note: trimmed || undefined });
        }
      }}
    >
      <Stack>
        <Text size="sm">
          {decision === "reject"
            ? t("prices.shareRequests.rejectBody")
            : request.effectiveFrom
              ? t("prices.shareRequests.approveScheduled", { currency, percent, date: format.dateTime(request.effectiveFrom) })
              : t("prices.shareRequests.approveNow", { currency, percent })}
        </Text>
        <Text size="sm" fs="italic">
          {t("prices.shareRequests.reason")}: “{request.reason}”
        </Text>
        <FormError error={mutation.error} fields={NOTE_FIELDS} />
        <Textarea
          label={decision === "reject" ? t("prices.shareRequests.rejectNote") : t("prices.shareRequests.approveNote")}
          description={decision === "reject" ? undefined : t("prices.shareRequests.approveNoteHint")}
          withAsterisk={decision === "reject"}
          autosize
          minRows={2}
          maxLength={decision === "reject" ? REJECT_NOTE_LIMITS.max : APPROVE_NOTE_MAX}
          value={note}
          onChange={(event) => {
            setNote(event.currentTarget.value);
            setNoteError(undefined);
          }}
          error={noteError}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color={decision === "reject" ? "red" : undefined} loading={mutation.isPending}>
            {decision === "reject" ? t("prices.shareRequests.reject") : t("prices.shareRequests.approve")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function WithdrawDialog({ request, opened, onClose }: { request: ShareRequest; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const invalidate = usePricesInvalidation();
  const { currency } = request;
  const withdraw = useMutation(
    trpc.prices.withdrawRevenueShare.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "gray", message: t("prices.shareRequests.withdrawn", { currency }) });
        onClose();
        await invalidate();
      },
      // The global handler says what went wrong; the list may be out of date.
      onError: () => invalidate(),
    }),
  );
  return (
    <ConfirmModal
      opened={opened}
      title={t("prices.shareRequests.withdrawTitle", { currency, percent: money.percent(request.revenueShareBps) })}
      confirmLabel={t("prices.shareRequests.withdraw")}
      loading={withdraw.isPending}
      onConfirm={() => withdraw.mutate({ requestId: request.id })}
      onClose={onClose}
    >
      {t("prices.shareRequests.withdrawBody")}
    </ConfirmModal>
  );
}
