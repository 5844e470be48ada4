/**
 * /consent/requests/:requestId: one data-subject request, its workflow buttons (Verify identity
 * with a note, Start, Complete with a confirmation saying what will be erased or exported, Reject
 * with a reason; the note and the reason checked here by the server's own schema first), its audit
 * history, and the download of its erasure receipt or access export with the export's evidence packs.
 */
import { Anchor, Button, Code, Group, Modal, Stack, Table, Text, Textarea } from "@mantine/core";
import { ZRejectSubjectRequestInput, ZVerifySubjectIdentityInput } from "@pc/shared";
import { IconDownload } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Fact } from "../../components/Fact";
import { FormError } from "../../components/FormError";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { usePageTitle } from "../../components/usePageTitle";
import { translateMessage } from "../../i18n/messages";
import { saveBlob } from "../../lib/download";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { DueDate, StatusBadge } from "./SubjectRequestsPage";

type Detail = RouterOutputs["subjectRequests"]["detail"];
type Dialog = "verify" | "complete" | "reject" | null;

function saveFile(fileName: string, content: string) {
  saveBlob(new Blob([content], { type: "application/json" }), fileName);
}

function Workflow({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | null>(null);
  const requestId = detail.request.id;
  const done = {
    onSuccess: async () => {
      setDialog(null);
      setText("");
      setTextError(null);
      await queryClient.invalidateQueries({ queryKey: trpc.subjectRequests.pathKey() });
    },
  };
  const verify = useMutation(trpc.subjectRequests.verifyIdentity.mutationOptions(done));
  const start = useMutation(trpc.subjectRequests.start.mutationOptions(done));
  const complete = useMutation(trpc.subjectRequests.complete.mutationOptions(done));
  const reject = useMutation(trpc.subjectRequests.reject.mutationOptions(done));
  const status = detail.request.status;
  const open = status !== "completed" && status !== "rejected";
  const erasure = detail.request.kind === "erasure";
  const pending = verify.isPending || start.isPending || complete.isPending || reject.isPending;
  const close = () => {
    setDialog(null);
    setTextError(null);
  };
  /** The note or reason, checked as the server will check it: an empty one never leaves the browser. */
  const confirmText = () => {
    if (dialog === "reject") {
      const parsed = ZRejectSubjectRequestInput.safeParse({ requestId, reason: text });
      if (parsed.success) reject.mutate(parsed.data);
      setTextError(parsed.success ? null : translateMessage(parsed.error.issues[0]?.message ?? ""));
    } else {
      const parsed = ZVerifySubjectIdentityInput.safeParse({ requestId, note: text });
      if (parsed.success) verify.mutate(parsed.data);
      setTextError(parsed.success ? null : translateMessage(parsed.error.issues[0]?.message ?? ""));
    }
  };
  if (!open) return null;
  return (
    <Group>
      {status === "received" && <Button onClick={() => setDialog("verify")}>{t("subjectRequests.actions.verify")}</Button>}
      {status === "identity_verified" && (
        <Button loading={start.isPending} onClick={() => start.mutate({ requestId })}>
          {t("subjectRequests.actions.start")}
        </Button>
      )}
      {status === "in_progress" && (
        <Button color={erasure ? "red" : undefined} onClick={() => setDialog("complete")}>
          {t("subjectRequests.actions.complete")}
        </Button>
      )}
      <Button variant="default" onClick={() => setDialog("reject")}>
        {t("subjectRequests.actions.reject")}
      </Button>
      <FormError error={start.error} fields={[]} />
      <Modal opened={dialog === "verify" || dialog === "reject"} onClose={close} title={t(`subjectRequests.actions.${dialog ?? "verify"}`)}>
        <Stack>
          <Textarea
            label={dialog === "reject" ? t("subjectRequests.actions.rejectReason") : t("subjectRequests.actions.verifyNote")}
            required
            error={textError}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setTextError(null);
            }}
          />
          <FormError error={dialog === "reject" ? reject.error : verify.error} fields={[]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("subjectRequests.actions.cancel")}
            </Button>
            <Button loading={pending} color={dialog === "reject" ? "red" : undefined} onClick={confirmText}>
              {t("subjectRequests.actions.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={dialog === "complete"}
        onClose={close}
        title={erasure ? t("subjectRequests.actions.eraseTitle") : t("subjectRequests.actions.accessTitle")}
      >
        <Stack>
          <Text>
            {erasure
              ? t("subjectRequests.actions.eraseBody", { records: detail.subjectRecords, rows: detail.personalDataToErase })
              : t("subjectRequests.actions.accessBody", { records: detail.subjectRecords })}
          </Text>
          <FormError error={complete.error} fields={[]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("subjectRequests.actions.cancel")}
            </Button>
            <Button loading={complete.isPending} color={erasure ? "red" : undefined} onClick={() => complete.mutate({ requestId })}>
              {t("subjectRequests.actions.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

function Download({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const download = useMutation(
    trpc.subjectRequests.download.mutationOptions({ onSuccess: (file) => saveFile(file.fileName, file.content) }),
  );
  if (!detail.document) return null;
  const requestId = detail.request.id;
  const packs = detail.document.evidencePacks;
  const pendingPack = download.isPending ? download.variables?.evidencePack : undefined;
  return (
    <SectionCard title={t("subjectRequests.detail.document")}>
      <Stack gap="xs">
        <Fact label={t("subjectRequests.detail.sha256")}>
          <Code>{detail.document.sha256}</Code>
        </Fact>
        <Group>
          <Button
            leftSection={<IconDownload size={16} />}
            loading={download.isPending && pendingPack === undefined}
            onClick={() => download.mutate({ requestId })}
          >
            {detail.document.kind === "erasure_receipt"
              ? t("subjectRequests.detail.downloadReceipt")
              : t("subjectRequests.detail.downloadExport")}
          </Button>
        </Group>
        {packs.length > 0 && (
          <Stack gap={4} mt="xs">
            <Text fw={600} size="sm">
              {t("subjectRequests.detail.evidencePacks")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("subjectRequests.detail.evidencePacksHint")}
            </Text>
            {packs.map((pack, index) => (
              <Group key={`${pack.subjectHint}-${pack.checkpointSeq}`} justify="space-between" wrap="wrap">
                <Text size="sm">
                  {t("subjectRequests.detail.evidencePack", { subject: pack.subjectHint, records: pack.records, seq: pack.checkpointSeq })}
                </Text>
                <Button
                  variant="default"
                  leftSection={<IconDownload size={16} />}
                  loading={pendingPack === index}
                  onClick={() => download.mutate({ requestId, evidencePack: index })}
                >
                  {t("subjectRequests.detail.downloadEvidencePack", { subject: pack.subjectHint })}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <FormError error={download.error} fields={[]} />
      </Stack>
    </SectionCard>
  );
}

function RequestView({ detail, canHandle }: { detail: Detail; canHandle: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const r = detail.request;
  return (
    <Stack gap="md">
      <Group>
        <StatusBadge status={r.status} />
        <DueDate dueAt={r.dueAt} overdue={r.overdue} />
      </Group>
      {canHandle && <Workflow detail={detail} />}
      <SectionCard title={`${t(`subjectRequests.kinds.${r.kind}`)} · ${r.subjectHints.join(", ")}`} description={r.tenant?.name}>
        <Stack gap="xs">
          <Fact label={t("subjectRequests.detail.subjectRecords")}>{format.number(detail.subjectRecords)}</Fact>
          <Fact label={t("subjectRequests.detail.requester")}>{r.requesterEmail}</Fact>
          <Fact label={t("subjectRequests.detail.channel")}>{t(`subjectRequests.channels.${r.channel}`)}</Fact>
          <Fact label={t("subjectRequests.detail.received")}>{format.dateTime(r.receivedAt)}</Fact>
          <Fact label={t("subjectRequests.detail.filedBy")}>{r.filedByLabel}</Fact>
          {r.guardian && (
            <Fact label={t("subjectRequests.detail.guardian")}>
              {`${r.guardian.name} (${r.guardian.relationship}) · ${t(`subjectRequests.methods.${r.guardian.verificationMethod ?? "other"}`)}: ${r.guardian.verificationNote}`}
            </Fact>
          )}
          {r.identityVerifiedAt && (
            <Fact
              label={t("subjectRequests.detail.identity")}
            >{`${format.dateTime(r.identityVerifiedAt)} · ${r.identityVerifiedBy}: ${r.identityNote}`}</Fact>
          )}
          {r.rejectionReason && <Fact label={t("subjectRequests.detail.rejection")}>{r.rejectionReason}</Fact>}
        </Stack>
      </SectionCard>
      {canHandle && <Download detail={detail} />}
      <SectionCard title={t("subjectRequests.detail.history")}>
        <Table aria-label={t("subjectRequests.detail.history")}>
          <Table.Tbody>
            {detail.history.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Th scope="row" fw="normal">
                  {format.dateTime(event.createdAt)}
                </Table.Th>
                <Table.Td>{t(`subjectRequests.audit.${event.action as "subject_request.file"}`, { defaultValue: event.action })}</Table.Td>
                <Table.Td>{event.actorLabel}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SectionCard>
    </Stack>
  );
}

export function SubjectRequestPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { requestId = "" } = useParams();
  const canRead = useCan("consent.read");
  const canHandle = useCan("consent.requests");
  const detail = useQuery({ ...trpc.subjectRequests.detail.queryOptions({ requestId }), enabled: canRead });
  usePageTitle(t("subjectRequests.title"));
  if (!canRead) return <NoAccess />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/consent/requests" size="sm">
        {t("subjectRequests.detail.back")}
      </Anchor>
      <PageHeader title={t("subjectRequests.title")} />
      <QueryContent query={detail}>{(data) => <RequestView detail={data} canHandle={canHandle} />}</QueryContent>
    </Stack>
  );
}
